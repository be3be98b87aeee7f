import type { TextIndex } from '../text/text-index.js';
import { Q, qgramIndexFor } from './qgram-index.js';

/** After this many full-text searches in one index, building its q-gram index pays for itself. */
const SCANS_BEFORE_QGRAMS = 3;
const scans = new WeakMap<TextIndex, number>();

/** Every start of `exact` in the text: a scan of the whole text at first, then lookups in its q-gram index. */
export function occurrences(index: TextIndex, exact: string, visit: (at: number) => void) {
  const text = index.text;
  const scanned = scans.get(index) ?? 0;
  if (exact.length < Q || scanned < SCANS_BEFORE_QGRAMS) {
    scans.set(index, scanned + 1);
    for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) visit(at);
    return;
  }
  const found: number[] = [];
  qgramIndexFor(index, text).forEach(exact, (at) => {
    if (text.startsWith(exact, at)) found.push(at);
  });
  found.sort((a, b) => a - b).forEach(visit);
}

