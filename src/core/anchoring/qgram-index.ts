/**
 * Where every q-gram (substring of length Q) of a text occurs, so that fuzzy matching can find the few regions
 * that share pieces with a quote instead of scanning the whole text. Built once per text, in two linear passes
 * into flat typed arrays (about 10 bytes per character).
 */
export const Q = 6;
const BUCKET_BITS = 20;
const MASK = (1 << BUCKET_BITS) - 1;

export class QGramIndex {
  private readonly heads: Int32Array;
  private readonly positions: Int32Array;

  constructor(readonly text: string) {
    const n = Math.max(0, text.length - Q + 1);
    const counts = new Int32Array(MASK + 2);
    const hashes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const h = hashAt(text, i);
      hashes[i] = h;
      counts[h + 1]++;
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

function hashAt(text: string, at: number): number {
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < Q; k++) {
    h ^= text.charCodeAt(at + k);
    h = Math.imul(h, 0x01000193);
  }
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
