import type { TextIndex } from '../text/text-index.js';
import { contextAgreement, type NormalizedQuote } from './context.js';
import { bestAlignments } from './myers.js';
import { positionsOf } from './occurrences.js';
import type { TextMatch } from './anchor.js';

/**
 * Quotes at least this long are located by their pieces, not by aligning the whole quote: bit-parallel
 * alignment costs the quote's length times the window's over 32, which for a 50,000-character quote is seconds
 * per window (and a quote made to seed everywhere has many windows). Pieces keep it to milliseconds.
 */
export const LONG_QUOTE = 2_048;
/** Up to this length, a long quote with a stored position is first aligned in its window there (milliseconds). */
export const ALIGN_IN_PLACE_UP_TO = 8_192;
/** The pieces a long quote is cut into. With k edits in a quote of m characters, about m/PIECE - k survive. */
const PIECE = 128;
/** A piece found in more places than this says nothing about where the quote is. */
const MAX_PIECE_HITS = 4;
/** Pieces at most this far off one diagonal (net characters added or removed before them) belong together. */
const DRIFT = (m: number) => Math.max(64, Math.floor(m * 0.1));
/** The share of pieces that must be found, in order, for a long quote to be trusted without its context. */
const MIN_SHARE = 0.3;
/** With its context standing, this share is enough. */
const MIN_SHARE_WITH_CONTEXT = 0.1;

interface Hit {
  offset: number;
  at: number;
}

/**
 * Where a long quote is now: its pieces found exactly (through the q-gram index), grouped by how far each moved
 * from where the quote would put it, and the largest group in order taken as the passage; its two ends are
 * then aligned locally (the text before the first intact piece and after the last). The work is linear in the
 * quote and bounded by the pieces' hits, whatever the quote holds. The `errors` of the answer are estimated from
 * the pieces that did not survive, not counted by a whole alignment.
 */
export function locateLongQuote(index: TextIndex, quote: NormalizedQuote, expected: number | undefined): TextMatch | null {
  const text = index.text;
  const { exact } = quote;
  const m = exact.length;
  const count = Math.floor(m / PIECE);
  const hits: Hit[] = [];
  for (let p = 0; p < count; p++) {
    const offset = p * PIECE;
    const found = positionsOf(index, exact.slice(offset, offset + PIECE), MAX_PIECE_HITS, false);
    for (const at of found ?? []) hits.push({ offset, at });
  }
  if (hits.length === 0) return null;
  // Group by diagonal (where each piece says the quote starts), then keep the group's longest run in order.
  hits.sort((a, b) => a.at - a.offset - (b.at - b.offset));
  const drift = DRIFT(m);
  let best: Hit[] = [];
  let bestScore = -Infinity;
  for (let i = 0, j = 0; i < hits.length; i = j) {
    const first = hits[i].at - hits[i].offset;
    for (j = i; j < hits.length && hits[j].at - hits[j].offset - first <= drift; j++);
    const group = inOrder(hits.slice(i, j));
    const distance = expected === undefined ? 0 : Math.abs(first - expected) / Math.max(1, text.length);
    const score = group.length - distance;
    if (score > bestScore) {
      best = group;
      bestScore = score;
    }
  }
  const head = best[0];
  const tail = best[best.length - 1];
  const start = alignHead(text, exact, head, drift);
  const end = alignTail(text, exact, tail, drift);
  if (end <= start) return null;
  const share = best.length / count;
  const context = contextAgreement(text, quote, start, end);
  const sides = [context.prefix, context.suffix].filter((s): s is number => s !== null);
  const vouched = sides.length > 0 && sides.every((s) => s >= 0.75);
  if (share < (vouched ? MIN_SHARE_WITH_CONTEXT : MIN_SHARE)) return null;
  const errors = Math.round((count - best.length) * 1.5 + Math.abs(end - start - m));
  return { start, end, kind: errors === 0 ? 'exact' : 'fuzzy', errors };
}

/** The longest run of hits whose pieces and places both go forward (dynamic programming over a few hundred). */
function inOrder(group: Hit[]): Hit[] {
  const sorted = [...group].sort((a, b) => a.offset - b.offset || a.at - b.at);
  const length = new Array<number>(sorted.length).fill(1);
  const previous = new Array<number>(sorted.length).fill(-1);
  let bestEnd = 0;
  for (let i = 0; i < sorted.length; i++) {
    for (let k = Math.max(0, i - 64); k < i; k++) {
      if (sorted[k].offset < sorted[i].offset && sorted[k].at + PIECE <= sorted[i].at && length[k] + 1 > length[i]) {
        length[i] = length[k] + 1;
        previous[i] = k;
      }
    }
    if (length[i] > length[bestEnd]) bestEnd = i;
  }
  const run: Hit[] = [];
  for (let i = bestEnd; i >= 0; i = previous[i]) run.push(sorted[i]);
  return run.reverse();
}

/** Where the quote starts: the text before its first intact piece, aligned back from that piece. */
function alignHead(text: string, exact: string, head: Hit, drift: number): number {
  if (head.offset === 0) return head.at;
  const before = exact.slice(0, head.offset);
  const from = Math.max(0, head.at - head.offset - drift);
  const found = bestAlignments(text, before, from, head.at, Math.max(1, before.length >> 1));
  const touching = found.filter((a) => a.end === head.at);
  return (touching[0] ?? found.sort((a, b) => b.end - a.end)[0])?.start ?? Math.max(0, head.at - head.offset);
}

/** Where the quote ends: the text after its last intact piece, aligned on from that piece. */
function alignTail(text: string, exact: string, tail: Hit, drift: number): number {
  const after = exact.slice(tail.offset + PIECE);
  const from = tail.at + PIECE;
  if (after.length === 0) return from;
  const to = Math.min(text.length, from + after.length + drift);
  const found = bestAlignments(text, after, from, to, Math.max(1, after.length >> 1));
  const touching = found.filter((a) => a.start === from);
  return (touching[0] ?? found.sort((a, b) => a.start - b.start)[0])?.end ?? Math.min(text.length, from + after.length);
}
