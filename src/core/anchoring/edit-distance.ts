/** Levenshtein distance by dynamic programming, for the few places that need the distance of two whole strings. */

let rowA = new Int32Array(0);
let rowB = new Int32Array(0);

function rows(length: number) {
  if (rowA.length < length) {
    rowA = new Int32Array(length * 2);
    rowB = new Int32Array(length * 2);
  }
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
