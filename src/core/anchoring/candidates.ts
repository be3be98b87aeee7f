import type { TextIndex } from '../text/text-index.js';
import type { NormalizedQuote } from './context.js';
import { positionsOf } from './occurrences.js';
import { Q } from './qgram-index.js';

/**
 * Where in the text an edited quote may be, before any expensive matching: windows of the text chosen by exact
 * pieces of the quote ("seeds": with k edits in a quote cut into more than k pieces, one piece survives intact),
 * and by exact pieces of its prefix and suffix (the context still pins a passage whose own words changed a lot).
 */
export interface Region {
  from: number;
  to: number;
  /** How many seeds voted for it: more is likelier. */
  votes: number;
}

/** Where the stored prefix ends and the suffix begins, when pieces of them were found. */
export interface ContextHit {
  /** Where the passage starts if the prefix is right (the prefix's end). */
  start: number;
  /** Where the passage ends if the suffix is right (the suffix's start); -1 when not found. */
  end: number;
}

/** Seeds that occur more often than this say nothing about where the quote is. */
const MAX_SEED_HITS = 2000;
/** Context pieces that occur more often than this are ambiguous. */
const MAX_CONTEXT_HITS = 64;
/** At most this many regions are verified, most voted first. */
const MAX_REGIONS = 24;
/** Context pieces: this long, the one nearest the quote first. */
const CONTEXT_PIECE = 10;

/** Every start of `piece` in the text, when there are at most `limit`. */
function find(index: TextIndex, piece: string, limit: number, visit: (at: number) => void): void {
  positionsOf(index, piece, limit, false)?.forEach(visit);
}

/** Regions that exact pieces of the quote point at, for a search with at most `maxErrors` edits. */
export function seedRegions(index: TextIndex, exact: string, maxErrors: number): Region[] {
  const m = exact.length;
  if (m < Q) return [];
  // Short quotes: every Q-gram (overlapping). Longer ones: up to 32 pieces, each longer than Q when there is room.
  const pieces: [number, number][] = [];
  if (m < 4 * Q) {
    for (let offset = 0; offset + Q <= m; offset += 1) pieces.push([offset, Q]);
  } else {
    const count = Math.min(32, Math.floor(m / Q));
    const length = Math.min(16, Math.floor(m / count));
    for (let p = 0; p < count; p++) pieces.push([Math.floor((p * m) / count), length]);
  }
  const seeds: { diagonal: number; weight: number }[] = [];
  for (const [offset, length] of pieces) {
    const piece = exact.slice(offset, offset + length);
    const hits: number[] = [];
    find(index, piece, MAX_SEED_HITS, (at) => hits.push(at - offset));
    // A piece found in one place says much more than one found in a thousand.
    for (const diagonal of hits) seeds.push({ diagonal, weight: 1 / hits.length });
  }
  return cluster(seeds, m, maxErrors);
}

/** Groups diagonals that one alignment could explain into regions, most voted first (votes weighted by rarity). */
function cluster(seeds: { diagonal: number; weight: number }[], m: number, maxErrors: number): Region[] {
  if (seeds.length === 0) return [];
  seeds.sort((a, b) => a.diagonal - b.diagonal);
  const gap = maxErrors + 8;
  const regions: Region[] = [];
  let first = seeds[0].diagonal;
  let last = first;
  let votes = seeds[0].weight;
  const close = () => regions.push({ from: first - maxErrors - 8, to: last + m + maxErrors + 8, votes });
  for (let i = 1; i < seeds.length; i++) {
    const { diagonal: d, weight } = seeds[i];
    if (d - last <= gap && d - first <= m + 2 * gap) {
      last = d;
      votes += weight;
    } else {
      close();
      first = last = d;
      votes = weight;
    }
  }
  close();
  return regions.sort((a, b) => b.votes - a.votes).slice(0, MAX_REGIONS);
}

/**
 * Where the stored context still stands: the ends of exact pieces of the prefix (nearest the quote first) and the
 * starts of pieces of the suffix, paired when a prefix end comes shortly before a suffix start.
 */
export function contextHits(index: TextIndex, quote: NormalizedQuote, maxLength: number): ContextHit[] {
  const starts = new Set<number>();
  const ends = new Set<number>();
  const { prefix, suffix } = quote;
  for (let cut = prefix.length; cut - CONTEXT_PIECE >= 0 && prefix.length - cut < 3 * CONTEXT_PIECE; cut -= CONTEXT_PIECE) {
    const piece = prefix.slice(cut - CONTEXT_PIECE, cut);
    const after = prefix.length - cut; // characters of prefix between this piece and the quote
    find(index, piece, MAX_CONTEXT_HITS, (at) => starts.add(at + CONTEXT_PIECE + after));
  }
  for (let cut = 0; cut + CONTEXT_PIECE <= suffix.length && cut < 3 * CONTEXT_PIECE; cut += CONTEXT_PIECE) {
    const piece = suffix.slice(cut, cut + CONTEXT_PIECE);
    find(index, piece, MAX_CONTEXT_HITS, (at) => ends.add(at - cut));
  }
  const sortedEnds = [...ends].sort((a, b) => a - b);
  const hits: ContextHit[] = [];
  const paired = new Set<number>();
  for (const start of starts) {
    // The first suffix start at or after this prefix end, close enough to be the same passage.
    let end = -1;
    for (const e of sortedEnds) {
      // A suffix that starts a space before the prefix ends: the two meet, the passage between them is gone.
      if (e >= start - 2 && e - start <= maxLength) {
        end = e;
        break;
      }
    }
    if (end >= 0) paired.add(end);
    hits.push({ start, end });
  }
  for (const end of sortedEnds) if (!paired.has(end)) hits.push({ start: -1, end });
  return hits;
}
