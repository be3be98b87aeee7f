/**
 * Word-level agreement between a quote and a candidate passage. Authors revise by the word, so a passage that was
 * edited keeps whole words of the quote in order; a look-alike that only matches character by character does not.
 */

const WORD = /[\p{L}\p{N}'’$%-]+/gu;

/** The words of a text, lower-cased. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** How often each word occurs in a text, and how many words it has in all: what makes a word rare in it. */
export interface WordCounts {
  counts: Map<string, number>;
  total: number;
}

const countsOf = new WeakMap<object, WordCounts>();

/** The {@link WordCounts} of a text index's text, counted once per index (its text never changes). */
export function wordCounts(source: { readonly text: string }): WordCounts {
  let found = countsOf.get(source);
  if (!found) {
    const counts = new Map<string, number>();
    let total = 0;
    for (const word of wordsOf(source.text)) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      total++;
    }
    found = { counts, total };
    countsOf.set(source, found);
  }
  return found;
}

/**
 * What a candidate keeps of a quote, weighing each word by how rare it is in the text (its information,
 * `log2(total / count)` bits: "the" carries about 4 in English prose, a name 14 or more). `bits` is the weight of
 * a longest common subsequence of whole words, `kept` how many words it has, and `share` its weight over the
 * quote's. A passage that moved keeps its rare words; the look-alike of a deleted one keeps mostly "of the".
 */
export function rareWordEvidence(
  quote: readonly string[],
  candidate: readonly string[],
  { counts, total }: WordCounts,
): { bits: number; kept: number; share: number } {
  const weights = quote.map((word) => Math.log2(Math.max(1, total) / Math.max(1, counts.get(word) ?? 0)));
  let all = 0;
  for (const w of weights) all += w;
  const { weight, kept } = common(quote, weights, candidate);
  return { bits: weight, kept, share: all > 0 ? weight / all : 0 };
}

/**
 * The share of the quote's word characters that a longest common subsequence of whole words between quote and
 * candidate covers: 1 when every word of the quote is there in order, 0 when none is.
 */
export function wordCoverage(quote: readonly string[], candidate: readonly string[]): number {
  if (quote.length === 0) return 0;
  const weights = quote.map((word) => word.length);
  let total = 0;
  for (const w of weights) total += w;
  return common(quote, weights, candidate).weight / total;
}

/**
 * The heaviest common subsequence of whole words, each quote word weighing `weights[i]`: its weight and how many
 * words it has.
 */
function common(quote: readonly string[], weights: readonly number[], candidate: readonly string[]): { weight: number; kept: number } {
  const n = quote.length;
  const m = candidate.length;
  // One row at a time; `*Kept` follows the choice made for each cell.
  let prev = new Float64Array(m + 1);
  let cur = new Float64Array(m + 1);
  let prevKept = new Int32Array(m + 1);
  let curKept = new Int32Array(m + 1);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      if (quote[i] === candidate[j]) {
        cur[j] = prev[j + 1] + weights[i];
        curKept[j] = prevKept[j + 1] + 1;
      } else if (prev[j] >= cur[j + 1]) {
        cur[j] = prev[j];
        curKept[j] = prevKept[j];
      } else {
        cur[j] = cur[j + 1];
        curKept[j] = curKept[j + 1];
      }
    }
    [prev, cur] = [cur, prev];
    [prevKept, curKept] = [curKept, prevKept];
    cur.fill(0);
    curKept.fill(0);
  }
  return { weight: prev[0], kept: prevKept[0] };
}
