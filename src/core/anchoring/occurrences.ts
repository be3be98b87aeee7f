import type { TextIndex } from '../text/text-index.js';
import { Q, qgramIndexFor } from './qgram-index.js';

/**
 * Full-text scans allowed per index before its q-gram index is built: a native `indexOf` over the whole text is
 * cheap, and a few searches do not pay for an index. A fuzzy search looks up dozens of pieces at once, so it
 * asks for the index straight away (`scan: false`).
 */
const SCANS_BEFORE_QGRAMS = 3;
const scans = new WeakMap<TextIndex, number>();

/**
 * The starts of `piece` in the index's text, in text order, or null when there are more than `limit` (then the
 * piece says little about where anything is). Scans the text at first, then looks pieces up in its q-gram index.
 */
export function positionsOf(index: TextIndex, piece: string, limit = Infinity, scan = true): number[] | null {
  const text = index.text;
  const found: number[] = [];
  const scanned = scans.get(index) ?? 0;
  if (piece.length < Q || (scan && scanned < SCANS_BEFORE_QGRAMS)) {
    scans.set(index, scanned + 1);
    for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + 1)) {
      if (found.length === limit) return null;
      found.push(at);
    }
    return found;
  }
  const grams = qgramIndexFor(index, text);
  // Every occurrence of the piece holds each of its q-grams: look up the rarest of its first few, and check the
  // whole piece where that one stands (a quote that starts with "the " would otherwise visit every "the ").
  let offset = 0;
  let size = grams.bucketSize(piece);
  for (let k = 1; k <= piece.length - Q && k < RAREST_OF && size > 0; k++) {
    const s = grams.bucketSize(piece.slice(k, k + Q));
    if (s < size) {
      size = s;
      offset = k;
    }
  }
  // A bucket far larger than the limit cannot hold few enough true hits to matter.
  if (size > limit * 8 + 64) return null;
  let over = false;
  grams.forEach(offset === 0 ? piece : piece.slice(offset, offset + Q), (at) => {
    const start = at - offset;
    if (over || start < 0 || !text.startsWith(piece, start)) return;
    if (found.length === limit) over = true;
    else found.push(start);
  });
  return over ? null : found.sort((a, b) => a - b);
}

/** How many of a piece's q-grams {@link positionsOf} compares to find its rarest. */
const RAREST_OF = 24;
