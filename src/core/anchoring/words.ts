/**
 * Word-level agreement between a quote and a candidate passage. Authors revise by the word, so a passage that was
 * edited keeps whole words of the quote in order; a look-alike that only matches character by character does not.
 */

const WORD = /[\p{L}\p{N}'’$%-]+/gu;

/** The words of a text, lower-cased. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * The share of the quote's word characters that a longest common subsequence of whole words between quote and
 * candidate covers: 1 when every word of the quote is there in order, 0 when none is.
 */
export function wordCoverage(quote: readonly string[], candidate: readonly string[]): number {
  const n = quote.length;
  const m = candidate.length;
  if (n === 0) return 0;
  let total = 0;
  for (const word of quote) total += word.length;
  // LCS weighted by word length, one row at a time.
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      cur[j] = quote[i] === candidate[j] ? prev[j + 1] + quote[i].length : Math.max(prev[j], cur[j + 1]);
    }
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return prev[0] / total;
}
