import { collapseWhitespace, TextIndex } from '../text/text-index.js';
import { bestApproximateMatch, editDistance } from './edit-distance.js';
import { occurrences } from './occurrences.js';
import { Q, qgramIndexFor } from './qgram-index.js';
import { findPosition, findQuote, type Selector, type TextQuoteSelector } from './selectors.js';

/** How a passage was found again. */
export type MatchKind = 'position' | 'exact' | 'fuzzy';

/** A passage found in the text: offsets into {@link TextIndex.text}. */
export interface TextMatch {
  start: number;
  end: number;
  kind: MatchKind;
  /** Edits between the stored quote and the text found (0 unless fuzzy). */
  errors: number;
}

export interface AnchorOptions {
  /**
   * Where the passage is expected, when the caller knows better than the position selector (for example the
   * selector's start shifted by an edit earlier in the text). Tried before any search.
   */
  expectedStart?: number;
  /** Largest share of the quote's length that may differ in a fuzzy match (default 0.25). */
  maxErrorRate?: number;
}

const DEFAULT_ERROR_RATE = 0.25;
/** Shorter quotes are only matched exactly: a fuzzy match of a few letters is a guess. */
const MIN_FUZZY_LENGTH = 8;
/** Seeds that occur more often than this tell nothing about where the quote is. */
const MAX_SEED_HITS = 4000;
/** Candidate regions verified by dynamic programming, best voted first. */
const MAX_CANDIDATES = 6;

/**
 * Finds the passage that `selectors` describe in the text of `index`, in this order:
 * 1. the position hint (or `options.expectedStart`), when the text there still equals the quote;
 * 2. the exact quote, choosing among several occurrences by agreement with prefix and suffix, then by nearness
 *    to the position hint;
 * 3. a fuzzy match within an error budget (a quarter of the quote by default), scored by quote errors, context
 *    agreement and position, and accepted only above a minimum quality;
 * otherwise `null`: the annotation is an orphan, which callers keep.
 *
 * @throws TypeError when `selectors` holds neither a TextQuoteSelector nor a TextPositionSelector.
 */
export function locate(selectors: readonly Selector[], index: TextIndex, options: AnchorOptions = {}): TextMatch | null {
  if (!Array.isArray(selectors)) throw new TypeError(`locate: selectors: expected an array, got ${typeof selectors}`);
  const text = index.text;
  const quoteSelector = findQuote(selectors);
  const position = findPosition(selectors);
  if (!quoteSelector) {
    if (!position) throw new TypeError('locate: selectors: expected a TextQuoteSelector or a TextPositionSelector');
    const { start, end } = position;
    return start >= 0 && end >= start && end <= text.length ? { start, end, kind: 'position', errors: 0 } : null;
  }
  const quote = normalizeQuote(quoteSelector);
  const { exact } = quote;
  if (exact.length === 0) return null;

  // 1. Where the passage is expected.
  const hints: number[] = [];
  if (options.expectedStart !== undefined) hints.push(options.expectedStart);
  if (position && position.start !== options.expectedStart) hints.push(position.start);
  for (const hint of hints) {
    if (hint >= 0 && text.startsWith(exact, hint)) return { start: hint, end: hint + exact.length, kind: 'position', errors: 0 };
  }
  const expected = hints[0];

  // 2. The exact quote elsewhere.
  const exactMatch = bestExactOccurrence(index, quote, expected);
  if (exactMatch) return exactMatch;

  // 3. Fuzzy.
  return fuzzyLocate(index, quote, expected, options.maxErrorRate ?? DEFAULT_ERROR_RATE);
}

/**
 * Anchors `selectors` in the text under `root` and returns a live DOM `Range`, or `null` for an orphan.
 * To anchor many annotations in one document, use {@link anchorAll}, which indexes the text once.
 */
export function anchor(selectors: readonly Selector[], root: Node | TextIndex, options: AnchorOptions = {}): Range | null {
  const index = root instanceof TextIndex ? root : TextIndex.build(root);
  const match = locate(selectors, index, options);
  return match ? index.rangeFor(match.start, match.end) : null;
}

/**
 * Locates many selector lists against one index. Works through them in text order and carries the shift that
 * an edit caused from one passage to the next, so that after an insertion every later position hint is
 * corrected without a search.
 * @returns the matches in the order of `selectorLists`, `null` for orphans.
 */
export function locateAll(selectorLists: readonly (readonly Selector[])[], index: TextIndex, options: Omit<AnchorOptions, 'expectedStart'> = {}): (TextMatch | null)[] {
  const order = selectorLists.map((selectors, i) => ({ i, start: findPosition(selectors)?.start ?? -1 }));
  order.sort((a, b) => a.start - b.start);
  const results: (TextMatch | null)[] = new Array(selectorLists.length).fill(null);
  let shift = 0;
  for (const { i, start } of order) {
    const match = locate(selectorLists[i], index, { ...options, expectedStart: start >= 0 ? start + shift : undefined });
    results[i] = match;
    if (match && start >= 0) shift = match.start - start;
  }
  return results;
}

/** {@link locateAll}, as live DOM ranges. */
export function anchorAll(selectorLists: readonly (readonly Selector[])[], root: Node | TextIndex, options: Omit<AnchorOptions, 'expectedStart'> = {}): (Range | null)[] {
  const index = root instanceof TextIndex ? root : TextIndex.build(root);
  return locateAll(selectorLists, index, options).map((match) => (match ? index.rangeFor(match.start, match.end) : null));
}

interface NormalizedQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** Quotes are compared with white space collapsed, as the index holds the text. */
function normalizeQuote(selector: TextQuoteSelector): NormalizedQuote {
  return {
    exact: collapseWhitespace(selector.exact),
    prefix: collapseWhitespace(selector.prefix ?? ''),
    suffix: collapseWhitespace(selector.suffix ?? ''),
  };
}

function bestExactOccurrence(index: TextIndex, quote: NormalizedQuote, expected: number | undefined): TextMatch | null {
  const text = index.text;
  const { exact, prefix, suffix } = quote;
  let best = -1;
  let bestAgreement = -1;
  let bestDistance = Infinity;
  occurrences(index, exact, (at) => {
    const agreement = commonSuffixLength(text, at, prefix) + commonPrefixLength(text, at + exact.length, suffix);
    const distance = expected === undefined ? 0 : Math.abs(at - expected);
    if (agreement > bestAgreement || (agreement === bestAgreement && distance < bestDistance)) {
      best = at;
      bestAgreement = agreement;
      bestDistance = distance;
    }
  });
  return best < 0 ? null : { start: best, end: best + exact.length, kind: 'exact', errors: 0 };
}

/** How many characters of `prefix`, read backwards from its end, equal the text just before `at`. */
function commonSuffixLength(text: string, at: number, prefix: string): number {
  let n = 0;
  while (n < prefix.length && at - n - 1 >= 0 && text.charCodeAt(at - n - 1) === prefix.charCodeAt(prefix.length - n - 1)) n++;
  return n;
}

/** How many characters of `suffix` equal the text from `at` on. */
function commonPrefixLength(text: string, at: number, suffix: string): number {
  let n = 0;
  while (n < suffix.length && at + n < text.length && text.charCodeAt(at + n) === suffix.charCodeAt(n)) n++;
  return n;
}

function fuzzyLocate(index: TextIndex, quote: NormalizedQuote, expected: number | undefined, errorRate: number): TextMatch | null {
  const { exact } = quote;
  const text = index.text;
  if (exact.length < MIN_FUZZY_LENGTH) return null;
  const maxErrors = Math.max(1, Math.floor(exact.length * errorRate));

  let best: ScoredMatch | null = null;
  const consider = (from: number, to: number) => {
    const match = bestApproximateMatch(text, exact, from, to, maxErrors, expected ?? from);
    if (!match) return;
    const scored = score(text, quote, match, expected);
    if (!best || scored.score > best.score) best = scored;
  };

  // Near where the passage is expected first: after small edits it is almost always there.
  if (expected !== undefined) {
    consider(expected - maxErrors, expected + exact.length + maxErrors);
    const found = best as ScoredMatch | null;
    if (found && found.errors <= maxErrors / 2 && found.context >= 0.5) return accept(found, exact.length);
  }

  // Then wherever pieces of the quote occur exactly (with k errors, one of k+1 pieces survives intact).
  for (const diagonal of candidateDiagonals(index, exact, maxErrors)) {
    // A diagonal stands for a band of maxErrors + 1 starts, so the window covers the whole band.
    consider(diagonal - maxErrors, diagonal + maxErrors + 1 + exact.length + maxErrors);
  }
  return best ? accept(best, exact.length) : null;
}

interface ScoredMatch {
  start: number;
  end: number;
  errors: number;
  /** Agreement of the stored prefix and suffix with the text around the match, 0 to 1 (1 when none stored). */
  context: number;
  score: number;
}

function score(text: string, quote: NormalizedQuote, match: { start: number; end: number; errors: number }, expected: number | undefined): ScoredMatch {
  const quoteScore = 1 - match.errors / quote.exact.length;
  const contexts: number[] = [];
  if (quote.prefix) {
    const around = text.slice(Math.max(0, match.start - quote.prefix.length), match.start);
    contexts.push(1 - editDistance(quote.prefix, around) / quote.prefix.length);
  }
  if (quote.suffix) {
    const around = text.slice(match.end, match.end + quote.suffix.length);
    contexts.push(1 - editDistance(quote.suffix, around) / quote.suffix.length);
  }
  const context = contexts.length ? contexts.reduce((a, b) => a + b, 0) / contexts.length : 1;
  const positionScore = expected === undefined ? 0.5 : 1 - Math.min(1, Math.abs(match.start - expected) / Math.max(1, text.length));
  // The weights the Hypothesis client uses: the quote counts most, then its context, then its position.
  const weightedContext = contexts.length ? 40 * context : 0;
  const total = (50 * quoteScore + weightedContext + 2 * positionScore) / (50 + (contexts.length ? 40 : 0) + 2);
  return { ...match, context, score: total };
}

/**
 * The minimum quality: within the error budget, and, for a match that differs in more than an eighth of the
 * quote, context that still agrees. A deleted passage then stays an orphan instead of landing on a look-alike.
 */
function accept(match: ScoredMatch, length: number): TextMatch | null {
  const loose = match.errors > Math.max(1, Math.floor(length / 8));
  if (loose && match.context < 0.6) return null;
  return { start: match.start, end: match.end, kind: 'fuzzy', errors: match.errors };
}

/**
 * Alignments of the quote against the text ("diagonals": where the quote would start) supported by exact
 * occurrences of its pieces, most supported first.
 */
function candidateDiagonals(index: TextIndex, exact: string, maxErrors: number): number[] {
  const grams = qgramIndexFor(index, index.text);
  const text = index.text;
  const pieces = Math.max(1, Math.min(maxErrors + 1, Math.floor(exact.length / Q)));
  const pieceLength = Math.floor(exact.length / pieces);
  const band = maxErrors + 1;
  const votes = new Map<number, number>();
  for (let p = 0; p < pieces; p++) {
    const offset = p * pieceLength;
    const piece = exact.slice(offset, offset + pieceLength);
    if (grams.bucketSize(piece) > MAX_SEED_HITS) continue;
    grams.forEach(piece, (position) => {
      if (!text.startsWith(piece, position)) return;
      const bucket = Math.floor((position - offset) / band);
      votes.set(bucket, (votes.get(bucket) ?? 0) + 1);
    });
  }
  return [...votes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_CANDIDATES)
    .map(([bucket]) => bucket * band);
}
