/**
 * The approximate steps of {@link locate}: a quote edited in place, a fuzzy match anywhere that the evidence
 * supports, or the passage pinned between its context. The thresholds are explained in the README's anchoring
 * section and come from the accuracy benchmark.
 */

import type { TextIndex } from '../text/text-index.js';
import { contextHits, seedRegions, type Region } from './candidates.js';
import { bestSide, contextAgreement, exactAgreement, type ContextAgreement, type NormalizedQuote } from './context.js';
import { editDistance } from './edit-distance.js';
import { bestAlignments } from './myers.js';
import type { TextMatch } from './anchor.js';
import { rareWordEvidence, wordCounts, wordCoverage, wordsOf } from './words.js';

/** A fuzzy search allows at most this share of the quote's length in edits (as the Hypothesis client does). */
const SEARCH_ERROR_RATE = 0.5;
/** Context at least this good on both sides (or {@link SURE_SIDE} on one) vouches for a heavily edited quote. */
const STRONG_CONTEXT = 0.75;
const SURE_SIDE = 0.9;
/** A passage pinned by its context may have grown to this many times its old length (plus a little). */
const CONTEXT_GROWTH = 3;
/** Whole-text scans for quotes no seed could place, per index: each costs a pass over the text. */
const FULL_SCANS_PER_INDEX = 32;
const fullScans = new WeakMap<TextIndex, number>();

/** The window around where the passage was expected: the quote's length and its error budget each side. */
function nearRegion(expected: number, m: number, maxErrors: number): Region {
  return { from: expected - maxErrors - 32, to: expected + m + maxErrors + 32, votes: 0 };
}

/**
 * A fuzzy match near the expected place that the context vouches for, standing flush against it: nothing
 * elsewhere can be a better answer, so no search of the whole text is needed.
 */
export function editedInPlace(text: string, quote: NormalizedQuote, expected: number): TextMatch | null {
  const m = quote.exact.length;
  const maxErrors = Math.max(1, Math.floor(m * SEARCH_ERROR_RATE));
  const best = verify(text, quote, [nearRegion(expected, m, maxErrors)], maxErrors, expected)[0];
  if (!best) return null;
  if (vouched(best.context) && best.errors <= m * SEARCH_ERROR_RATE && flush(text, quote, best)) return fuzzy(best);
  // Barely edited, right where it was, one side of its context intact and the other only touched by an edit
  // next to the passage (a side that no longer agrees at all means the passage grew or moved past it).
  const { prefix, suffix } = best.context;
  const intact = (prefix ?? 0) >= SURE_SIDE || (suffix ?? 0) >= SURE_SIDE;
  const touched = (prefix ?? 1) >= 0.5 && (suffix ?? 1) >= 0.5;
  return best.errors <= Math.max(1, m >> 3) && m >= 8 && intact && touched ? fuzzy(best) : null;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
  context: ContextAgreement;
  score: number;
}

/** Steps 4 and 5 of {@link locate}: a fuzzy match the evidence supports, else the passage between its context. */
export function approximateLocate(index: TextIndex, quote: NormalizedQuote, expected: number | undefined): TextMatch | null {
  const text = index.text;
  const { exact } = quote;
  const m = exact.length;
  const maxErrors = Math.max(1, Math.floor(m * SEARCH_ERROR_RATE));
  const maxLength = CONTEXT_GROWTH * m + 64;

  const regions: Region[] = expected === undefined ? [] : [nearRegion(expected, m, maxErrors)];
  const hits = quote.prefix || quote.suffix ? contextHits(index, quote, maxLength) : [];
  for (const hit of hits) {
    if (hit.start >= 0 && hit.end >= 0) regions.push({ from: hit.start - 8, to: hit.end + 8, votes: 0 });
    else if (hit.start >= 0) regions.push({ from: hit.start - 8, to: hit.start + m + maxErrors + 8, votes: 0 });
    else regions.push({ from: hit.end - m - maxErrors - 8, to: hit.end + 8, votes: 0 });
  }
  regions.push(...seedRegions(index, exact, maxErrors));
  if (regions.length === 0 && mayScanWholeText(index)) regions.push({ from: 0, to: text.length, votes: 0 });

  const candidates = verify(text, quote, mergeRegions(regions), maxErrors, expected);
  const best = candidates[0];
  const between = betweenContext(text, quote, hits, maxLength);
  // The context on both sides vouches for a quote edited by up to half. Where the context's own pieces pin the
  // passage's ends too, those ends are exact, and the alignment's may have drifted into the context.
  if (best && vouched(best.context) && best.errors <= m * SEARCH_ERROR_RATE) {
    if (between && between.start < best.end && best.start < between.end) return { ...between, kind: 'fuzzy' };
    return fuzzy(best);
  }
  // 4. Between the context, when both sides stand close together.
  if (between) return between;
  return best && acceptable(best, quote, index, candidates) ? fuzzy(best) : null;
}

/**
 * Whether the context stands right against the match (its nearest 4 characters each side equal the text), so
 * that the alignment's ends have not drifted into the context.
 */
function flush(text: string, quote: NormalizedQuote, match: { start: number; end: number }): boolean {
  const near = { exact: '', prefix: quote.prefix.slice(-4), suffix: quote.suffix.slice(0, 4) };
  return exactAgreement(text, near, match.start, match.end) === near.prefix.length + near.suffix.length;
}

/** The best alignments of the quote in each region, scored, best first. */
function verify(text: string, quote: NormalizedQuote, regions: Region[], maxErrors: number, expected: number | undefined): Candidate[] {
  const m = quote.exact.length;
  const candidates: Candidate[] = [];
  for (const region of regions) {
    let alignments = bestAlignments(text, quote.exact, region.from, region.to, maxErrors);
    // An alignment that runs into the window's edge may be cut short there: look again with room around it.
    const from = Math.max(0, region.from);
    const to = Math.min(text.length, region.to);
    if (alignments.some((a) => (a.start <= from && from > 0) || (a.end >= to && to < text.length))) {
      alignments = bestAlignments(text, quote.exact, region.from - m, region.to + m, maxErrors);
    }
    for (const alignment of alignments) {
      const context = contextAgreement(text, quote, alignment.start, alignment.end);
      candidates.push({ ...alignment, context, score: score(m, alignment.errors, context, alignment.start, expected, text.length) });
    }
  }
  return candidates.sort((a, b) => b.score - a.score);
}

function fuzzy(candidate: Candidate): TextMatch {
  return { start: candidate.start, end: candidate.end, kind: candidate.errors === 0 ? 'exact' : 'fuzzy', errors: candidate.errors };
}

/** Every stored side of the context stands next to the match. */
function vouched(context: ContextAgreement): boolean {
  const stored = [context.prefix, context.suffix].filter((side): side is number => side !== null);
  return stored.length > 0 && stored.every((side) => side >= STRONG_CONTEXT);
}

function mayScanWholeText(index: TextIndex): boolean {
  const used = fullScans.get(index) ?? 0;
  if (used >= FULL_SCANS_PER_INDEX) return false;
  fullScans.set(index, used + 1);
  return true;
}

/** Overlapping windows are verified once. */
function mergeRegions(regions: Region[]): Region[] {
  const sorted = regions.map((r) => ({ ...r })).sort((a, b) => a.from - b.from);
  const merged: Region[] = [];
  for (const region of sorted) {
    const last = merged[merged.length - 1];
    if (last && region.from <= last.to) last.to = Math.max(last.to, region.to);
    else merged.push(region);
  }
  return merged;
}

/** The Hypothesis client's weights: the quote counts most, then each side of its context, then its position. */
function score(m: number, errors: number, context: ContextAgreement, start: number, expected: number | undefined, textLength: number): number {
  let total = 50 * (1 - errors / m);
  let weight = 50;
  if (context.prefix !== null) {
    total += 20 * context.prefix;
    weight += 20;
  }
  if (context.suffix !== null) {
    total += 20 * context.suffix;
    weight += 20;
  }
  if (expected !== undefined) {
    total += 2 * (1 - Math.min(1, Math.abs(start - expected) / Math.max(1, textLength)));
    weight += 2;
  }
  return total / weight;
}

function acceptable(best: Candidate, quote: NormalizedQuote, index: TextIndex, all: Candidate[]): boolean {
  const m = quote.exact.length;
  const side = bestSide(best.context);
  // Without any stored context the quote is all the caller gave: the best match within a quarter of it will do.
  if (side === null) return best.errors <= Math.max(m >= 8 ? 1 : 0, Math.floor(m * 0.25));
  if (side >= SURE_SIDE && best.errors <= Math.floor(m * 0.25)) return true;
  // The context was stored and disagrees: the passage moved, or is gone. The quote alone must then keep at least
  // half of its words in order, counted both by their characters and by their information (each word weighed by
  // its rarity in the text); that information must be well above what a look-alike keeps by chance (what it
  // takes to pick one place among the text's words, and the kept words among the candidate's); and no other
  // place may be about as good. When in doubt, an orphan.
  const counts = wordCounts(index);
  const words = wordsOf(quote.exact);
  const candidate = wordsOf(index.text.slice(best.start, best.end));
  const { bits, kept, share } = rareWordEvidence(words, candidate, counts);
  const chance = Math.log2(Math.max(2, counts.total)) + log2Choose(Math.max(candidate.length, kept), kept);
  if (share < ALONE_SHARE || wordCoverage(words, candidate) < ALONE_SHARE || bits < chance + ALONE_SURPLUS_BITS) return false;
  const rival = all.find((c) => Math.abs(c.start - best.start) > m && c.errors <= best.errors + Math.max(1, m * 0.05));
  return rival === undefined;
}

/**
 * A quote found without its context must keep this share of its characters and of its information, and this
 * many bits more than a chance look-alike has for free (the characters guard against prose that repeats its
 * common words, as Dickens's "it was the … of …" does). Measured with the accuracy benchmark on the Brown
 * corpus, three seeds: up to 2 points more of the passages that moved (and were edited) are found than with a
 * threshold on the share of characters alone, and deleted passages stay orphans as often (99.1–99.3 %).
 */
const ALONE_SHARE = 0.5;
const ALONE_SURPLUS_BITS = 10;

/** log2 of the binomial coefficient (n choose k). */
function log2Choose(n: number, k: number): number {
  let bits = 0;
  for (let i = 1; i <= k; i++) bits += Math.log2((n - k + i) / i);
  return bits;
}

/**
 * Whether a passage found between the context is the quote rewritten rather than other words put in its place:
 * a rewrite keeps a word at one of its ends, or a quarter of its words (by length) in order.
 */
function continues(exact: string, passage: string): boolean {
  const before = wordsOf(exact);
  const after = wordsOf(passage);
  if (before.length === 0 || after.length === 0) return false;
  if (before[0] === after[0] || before[before.length - 1] === after[after.length - 1]) return true;
  return wordCoverage(before, after) >= 0.25;
}

/** Step 4: the passage is what lies between a prefix and a suffix that both still stand. */
function betweenContext(text: string, quote: NormalizedQuote, hits: { start: number; end: number }[], maxLength: number): TextMatch | null {
  for (const { start, end } of hits) {
    if (start < 0 || end < 0 || end - start > maxLength) continue;
    const agreement = contextAgreement(text, quote, start, Math.max(start, end));
    if ((agreement.prefix ?? 0) < STRONG_CONTEXT || (agreement.suffix ?? 0) < STRONG_CONTEXT) continue;
    // Trim the white space next to the context: the passage is words.
    let from = start;
    let to = Math.max(start, end);
    if (quote.exact.charCodeAt(0) !== 32) while (from < to && text.charCodeAt(from) === 32) from++;
    if (quote.exact.charCodeAt(quote.exact.length - 1) !== 32) while (to > from && text.charCodeAt(to - 1) === 32) to--;
    if (to - from < 2) continue; // prefix and suffix now meet: the passage is gone from between them
    const passage = text.slice(from, to);
    if (!continues(quote.exact, passage)) continue; // other words in the old place: not this passage rewritten
    // The exact distance where it is cheap; for very long passages its lower bound, the change in length.
    const errors = quote.exact.length * passage.length <= 4e6 ? editDistance(quote.exact, passage) : Math.abs(quote.exact.length - passage.length);
    return { start: from, end: to, kind: 'context', errors };
  }
  return null;
}
