/**
 * Approximate string matching by dynamic programming (Sellers' algorithm): where in a window of text does a
 * pattern occur with the fewest edits (insertions, deletions, substitutions)?
 */

export interface ApproximateMatch {
  start: number;
  end: number;
  errors: number;
}

let rowA = new Int32Array(0);
let rowB = new Int32Array(0);

function rows(length: number) {
  if (rowA.length < length) {
    rowA = new Int32Array(length * 2);
    rowB = new Int32Array(length * 2);
  }
}

/**
 * The best occurrence of `pattern` inside `text.slice(from, to)` with at most `maxErrors` edits, or null.
 * Ties are broken by nearness of the start to `preferredStart`.
 */
export function bestApproximateMatch(
  text: string,
  pattern: string,
  from: number,
  to: number,
  maxErrors: number,
  preferredStart = from,
): ApproximateMatch | null {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  const m = pattern.length;
  if (m === 0 || to <= from) return null;
  rows(m + 1);
  // Column j of the DP is the pattern prefix of length j; the text is scanned left to right and a match may
  // start anywhere (row 0 is all zeros).
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j;
  let bestErrors = maxErrors + 1;
  const ends: number[] = [];
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    cur[0] = 0;
    for (let j = 1; j <= m; j++) {
      const substitution = prev[j - 1] + (pattern.charCodeAt(j - 1) === c ? 0 : 1);
      const deletion = prev[j] + 1;
      const insertion = cur[j - 1] + 1;
      let v = substitution < deletion ? substitution : deletion;
      if (insertion < v) v = insertion;
      cur[j] = v;
    }
    const errors = cur[m];
    if (errors < bestErrors) {
      bestErrors = errors;
      ends.length = 0;
      ends.push(i + 1);
    } else if (errors === bestErrors) {
      ends.push(i + 1);
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  if (bestErrors > maxErrors) return null;
  // For each end with the fewest errors, find its start by matching the reversed pattern backwards.
  let best: ApproximateMatch | null = null;
  for (const end of ends.length > 8 ? ends.slice(0, 8) : ends) {
    const start = startOf(text, pattern, Math.max(from, end - m - bestErrors), end, bestErrors);
    const candidate = { start, end, errors: bestErrors };
    if (!best || Math.abs(candidate.start - preferredStart) < Math.abs(best.start - preferredStart)) best = candidate;
  }
  return best;
}

/** The start of a match of `pattern` with `errors` edits that ends at `end` (searching back to `from`). */
function startOf(text: string, pattern: string, from: number, end: number, errors: number): number {
  const m = pattern.length;
  rows(m + 1);
  let prev = rowA;
  let cur = rowB;
  // Anchored at `end`: row 0 is j (the reversed pattern must be consumed from the end of the text slice).
  for (let j = 0; j <= m; j++) prev[j] = j;
  let bestStart = end - m;
  let bestErrors = Infinity;
  for (let i = end - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    cur[0] = end - i;
    for (let j = 1; j <= m; j++) {
      const substitution = prev[j - 1] + (pattern.charCodeAt(m - j) === c ? 0 : 1);
      const deletion = prev[j] + 1;
      const insertion = cur[j - 1] + 1;
      let v = substitution < deletion ? substitution : deletion;
      if (insertion < v) v = insertion;
      cur[j] = v;
    }
    // Among starts with the fewest errors, prefer the one that makes the match as long as the pattern.
    const nearer = Math.abs(i - (end - m)) < Math.abs(bestStart - (end - m));
    if (cur[m] < bestErrors || (cur[m] === bestErrors && nearer)) {
      bestErrors = cur[m];
      bestStart = i;
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return bestErrors <= errors ? bestStart : Math.max(from, end - m);
}

/** Levenshtein distance, for short strings (prefix and suffix context). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  rows(b.length + 1);
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = prev[j - 1] + (b.charCodeAt(j - 1) === c ? 0 : 1);
      const deletion = prev[j] + 1;
      const insertion = cur[j - 1] + 1;
      cur[j] = substitution < deletion ? (substitution < insertion ? substitution : insertion) : deletion < insertion ? deletion : insertion;
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return prev[b.length];
}
