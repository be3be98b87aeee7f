import { TextIndex } from '../text/text-index.js';
import { approximateLocate, editedInPlace } from './approximate.js';
import { contextAgreement, exactAgreement, meanAgreement, normalizeQuote, type NormalizedQuote } from './context.js';
import { ALIGN_IN_PLACE_UP_TO, LONG_QUOTE, locateLongQuote } from './long-quote.js';
import { positionsOf } from './occurrences.js';
import { findPosition, findQuote, type Selector, type TextPositionSelector, type TextQuoteSelector } from './selectors.js';

/**
 * How a passage was found again: at its `position`; as the `exact` quote elsewhere; as a `fuzzy` match of an
 * edited quote; or by its `context`: the text between its prefix and suffix, which both still stand, when the
 * passage itself changed too much to match.
 */
export type MatchKind = 'position' | 'exact' | 'fuzzy' | 'context';

/** A passage found in the text: offsets into {@link TextIndex.text}. */
export interface TextMatch {
  start: number;
  end: number;
  kind: MatchKind;
  /** Edits between the stored quote and the text found (0 unless fuzzy or context). */
  errors: number;
}

export interface AnchorOptions {
  /**
   * Where the passage is expected (an offset into the index's text), when the caller knows better than the
   * position selector (for example the selector's start shifted by an edit earlier in the text).
   */
  expectedStart?: number;
}

/**
 * Finds the passage that `selectors` describe in the text of `index`. In this order, each step only when the
 * ones before found nothing they trust:
 * 1. the position hint (or `options.expectedStart`), a character or two either way, when the text there equals
 *    the quote and the context, if stored, does not contradict it;
 * 2. a match of the edited quote near that place, which the context on both sides vouches for;
 * 3. the exact quote elsewhere, choosing among occurrences by how well the stored context agrees (edit distance,
 *    so a missing space next to the quote costs one edit, not the whole context), then by nearness to the hint;
 *    with poor context only a distinctive quote (long, and found once) is trusted;
 * 4. an approximate match of the whole quote (Myers' bit-parallel algorithm, up to half the quote's length in
 *    edits) in the regions that exact pieces of the quote or of its context point at, accepted when its context
 *    vouches for it or, without context, when it keeps enough of the quote's words for its length;
 * 5. the text between the prefix and the suffix, when both still stand close together and what stands between
 *    them continues the quote (`kind: 'context'`);
 * otherwise `null`: the annotation is an orphan, which callers keep. See the README's anchoring section for the
 * thresholds and the benchmark they come from.
 *
 * Position selectors count raw text (see {@link TextIndex.rawOffsetAt}); they are hints that the quote and its
 * context overrule.
 *
 * @throws TypeError when `selectors` holds neither a TextQuoteSelector nor a TextPositionSelector.
 */
export function locate(selectors: readonly Selector[], index: TextIndex, options: AnchorOptions = {}): TextMatch | null {
  if (!Array.isArray(selectors)) throw new TypeError(`locate: selectors: expected an array, got ${typeof selectors}`);
  const position = findPosition(selectors);
  return locateParts(findQuote(selectors), position, index, options.expectedStart, hintOf(position, index));
}

/** {@link locate}, given the selectors it uses and the position already mapped to the index's text. */
function locateParts(
  quoteSelector: TextQuoteSelector | undefined,
  position: TextPositionSelector | undefined,
  index: TextIndex,
  expectedStart: number | undefined,
  positionHint: number | undefined,
): TextMatch | null {
  const text = index.text;
  if (!quoteSelector) {
    if (!position) throw new TypeError('locate: selectors: expected a TextQuoteSelector or a TextPositionSelector');
    const { start, end } = position;
    if (!(start >= 0 && end >= start && end <= index.rawLength)) return null;
    return { start: index.offsetAtRaw(start), end: index.offsetAtRaw(end), kind: 'position', errors: 0 };
  }
  const quote = normalizeQuote(quoteSelector);
  if (quote.exact.length === 0) return null;
  const expected = expectedStart ?? positionHint;

  // 1. Where the passage is expected, or a character or two off (a hint carried over a block boundary that
  // now reads as a space, or a position another tool counted slightly differently).
  for (let k = 0; k < 2; k++) {
    const at = k === 0 ? expectedStart : positionHint;
    if (at === undefined || at < 0 || (k === 1 && at === expectedStart)) continue;
    const hint = nearbyStart(text, quote.exact, at);
    if (hint < 0) continue;
    const end = hint + quote.exact.length;
    // Context that agrees character for character needs no closer look.
    if (exactAgreement(text, quote, hint, end) === quote.prefix.length + quote.suffix.length) return { start: hint, end, kind: 'position', errors: 0 };
    const agreement = meanAgreement(contextAgreement(text, quote, hint, end));
    if (agreement === null || agreement >= 0.5) return { start: hint, end, kind: 'position', errors: 0 };
  }

  // A long quote is found by its pieces: aligning all of it would cost seconds (see long-quote.ts). Near its
  // stored position a quote of moderate length is still aligned in place, which is exact and quick there.
  if (quote.exact.length >= LONG_QUOTE) {
    const inPlace = expected !== undefined && quote.exact.length <= ALIGN_IN_PLACE_UP_TO ? editedInPlace(text, quote, expected) : null;
    return inPlace ?? bestExactOccurrence(index, quote, expected) ?? locateLongQuote(index, quote, expected);
  }

  // Edited in place (the common case after a revision): the context still vouches for a match right there.
  const inPlace = expected === undefined ? null : editedInPlace(text, quote, expected);
  if (inPlace) return inPlace;

  // 2. The exact quote elsewhere.
  const exact = bestExactOccurrence(index, quote, expected);
  if (exact) return exact;

  // 3 and 4.
  return approximateLocate(index, quote, expected);
}

/** Where `exact` starts at `at` or up to two characters either side of it, nearest first; -1 when nowhere. */
function nearbyStart(text: string, exact: string, at: number): number {
  for (const d of NEARBY) {
    const h = at + d;
    if (h >= 0 && text.startsWith(exact, h)) return h;
  }
  return -1;
}
const NEARBY = [0, -1, 1, -2, 2];

function hintOf(position: TextPositionSelector | undefined, index: TextIndex): number | undefined {
  if (!position || !(position.start >= 0) || position.start > index.rawLength) return undefined;
  return index.offsetAtRaw(position.start);
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
export function locateAll(selectorLists: readonly (readonly Selector[])[], index: TextIndex): (TextMatch | null)[] {
  const order = selectorLists.map((selectors, i) => {
    if (!Array.isArray(selectors)) throw new TypeError(`locateAll: selectorLists[${i}]: expected an array, got ${typeof selectors}`);
    const position = findPosition(selectors);
    return { i, quote: findQuote(selectors), position, start: hintOf(position, index) ?? -1 };
  });
  order.sort((a, b) => a.start - b.start);
  const results: (TextMatch | null)[] = new Array(selectorLists.length).fill(null);
  let shift = 0;
  for (const { i, quote, position, start } of order) {
    const hint = start >= 0 ? start : undefined;
    const match = locateParts(quote, position, index, hint === undefined ? undefined : hint + shift, hint);
    results[i] = match;
    if (match && start >= 0) shift = match.start - start;
  }
  return results;
}

/** {@link locateAll}, as live DOM ranges. */
export function anchorAll(selectorLists: readonly (readonly Selector[])[], root: Node | TextIndex): (Range | null)[] {
  const index = root instanceof TextIndex ? root : TextIndex.build(root);
  return locateAll(selectorLists, index).map((match) => (match ? index.rangeFor(match.start, match.end) : null));
}

/** Occurrences scored approximately; beyond this many, only the best by exact agreement are. */
const MAX_SCORED_OCCURRENCES = 2000;
/** A quote at least this long that occurs once is itself the evidence (a passage moved elsewhere). */
const DISTINCTIVE_LENGTH = 16;

function bestExactOccurrence(index: TextIndex, quote: NormalizedQuote, expected: number | undefined): TextMatch | null {
  const text = index.text;
  const { exact } = quote;
  const found = positionsOf(index, exact)!;
  if (found.length === 0) return null;
  const hasContext = quote.prefix.length > 0 || quote.suffix.length > 0;
  let candidates = found;
  if (hasContext && found.length > MAX_SCORED_OCCURRENCES) {
    const cheap = found.map((at) => ({ at, agreement: exactAgreement(text, quote, at, at + exact.length) }));
    cheap.sort((a, b) => b.agreement - a.agreement || distance(a.at, expected) - distance(b.at, expected));
    candidates = cheap.slice(0, MAX_SCORED_OCCURRENCES).map((c) => c.at);
  }
  let best = -1;
  let bestAgreement = -1;
  for (const at of candidates) {
    const agreement = hasContext ? (meanAgreement(contextAgreement(text, quote, at, at + exact.length)) ?? 0) : 1;
    // Agreement decides; within a hair of each other, nearness to where the passage was expected.
    if (agreement > bestAgreement + 1e-9 || (Math.abs(agreement - bestAgreement) <= 1e-9 && distance(at, expected) < distance(best, expected))) {
      best = at;
      bestAgreement = agreement;
    }
  }
  const trusted = !hasContext || bestAgreement >= 0.5 || (found.length === 1 && exact.length >= DISTINCTIVE_LENGTH);
  return trusted ? { start: best, end: best + exact.length, kind: 'exact', errors: 0 } : null;
}

function distance(at: number, expected: number | undefined): number {
  return expected === undefined ? 0 : Math.abs(at - expected);
}
