/**
 * Where every q-gram (substring of length Q) of a text occurs, so that fuzzy matching can find the few regions
 * that share pieces with a quote instead of scanning the whole text. Built once per text, in two linear passes
 * into flat typed arrays (about 10 bytes per character).
 */
export const Q = 6;
const BUCKET_BITS = 16;
const MASK = (1 << BUCKET_BITS) - 1;

export class QGramIndex {
  private readonly heads: Int32Array;
  private readonly positions: Int32Array;

  constructor(readonly text: string) {
    const n = Math.max(0, text.length - Q + 1);
    const counts = new Int32Array(MASK + 2);
    const hashes = new Int32Array(n);
    // A rolling hash: each position costs one character read, not Q.
    let h = 0;
    for (let k = 0; k < Q - 1 && k < text.length; k++) h = (Math.imul(h, BASE) + text.charCodeAt(k)) | 0;
    for (let i = 0; i < n; i++) {
      h = (Math.imul(h, BASE) + text.charCodeAt(i + Q - 1)) | 0;
      const bucket = (h ^ (h >>> BUCKET_BITS)) & MASK;
      hashes[i] = bucket;
      counts[bucket + 1]++;
      h = (h - Math.imul(text.charCodeAt(i), OUT)) | 0;
    }
    for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
    this.heads = counts;
    const fill = counts.slice(0, MASK + 1);
    this.positions = new Int32Array(n);
    for (let i = 0; i < n; i++) this.positions[fill[hashes[i]]++] = i;
  }

  /** How many positions {@link forEach} would visit for `gram`: a measure of how common it is. */
  bucketSize(gram: string): number {
    const h = hashAt(gram, 0);
    return this.heads[h + 1] - this.heads[h];
  }

  /**
   * Calls `visit` with every position where `gram` (its first Q characters) may occur; positions of other grams
   * that share its hash are included, so callers verify.
   */
  forEach(gram: string, visit: (position: number) => void): void {
    const h = hashAt(gram, 0);
    for (let k = this.heads[h], end = this.heads[h + 1]; k < end; k++) visit(this.positions[k]);
  }
}

/** The polynomial hash's base, and its (Q - 1)th power: the weight of the character that leaves the window. */
const BASE = 0x01000193;
const OUT = (() => {
  let power = 1;
  for (let k = 0; k < Q - 1; k++) power = Math.imul(power, BASE);
  return power;
})();

/** The bucket of the Q-gram at `at`: the same value the rolling hash in the constructor computes. */
function hashAt(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < Q; k++) h = (Math.imul(h, BASE) + text.charCodeAt(at + k)) | 0;
  return (h ^ (h >>> BUCKET_BITS)) & MASK;
}

const cache = new WeakMap<object, QGramIndex>();

/** The q-gram index of `owner`'s text, built on first use and kept as long as `owner` lives. */
export function qgramIndexFor(owner: object, text: string): QGramIndex {
  let index = cache.get(owner);
  if (!index || index.text !== text) {
    index = new QGramIndex(text);
    cache.set(owner, index);
  }
  return index;
}
