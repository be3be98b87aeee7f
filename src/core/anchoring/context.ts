import { collapseWhitespace } from '../text/text-index.js';
import { distanceAt } from './myers.js';
import type { TextQuoteSelector } from './selectors.js';

/** The longest context that is compared: what {@link describe} stores, and what Hypothesis stores. */
export const CONTEXT_LENGTH = 32;

/** A quote as the engine compares it: white space collapsed, context cut to the characters nearest the quote. */
export interface NormalizedQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

export function normalizeQuote(selector: TextQuoteSelector): NormalizedQuote {
  // The reader anchors the same selectors again after every change to the text: normalize each once, and again
  // only if its strings were replaced.
  const cached = normalized.get(selector);
  if (cached && cached.from[0] === selector.exact && cached.from[1] === selector.prefix && cached.from[2] === selector.suffix) return cached.quote;
  const prefix = collapseWhitespace(selector.prefix ?? '');
  const suffix = collapseWhitespace(selector.suffix ?? '');
  const quote = {
    exact: collapseWhitespace(selector.exact),
    prefix: prefix.slice(Math.max(0, prefix.length - CONTEXT_LENGTH)),
    suffix: suffix.slice(0, CONTEXT_LENGTH),
  };
  normalized.set(selector, { from: [selector.exact, selector.prefix, selector.suffix], quote });
  return quote;
}

const normalized = new WeakMap<TextQuoteSelector, { from: [string, string | undefined, string | undefined]; quote: NormalizedQuote }>();

/** How well the stored context agrees with the text around a candidate: each side 0 to 1, or null when not stored. */
export interface ContextAgreement {
  prefix: number | null;
  suffix: number | null;
}

/**
 * Scores the stored prefix and suffix against the text before `start` and after `end` approximately (edit
 * distance against the nearest text of about the same length), so a missing space or a changed word next to the
 * passage lowers the score a little instead of to nothing.
 */
export function contextAgreement(text: string, quote: NormalizedQuote, start: number, end: number): ContextAgreement {
  return {
    prefix: quote.prefix ? similarity(text, quote.prefix, start, -1) : null,
    suffix: quote.suffix ? similarity(text, quote.suffix, end, 1) : null,
  };
}

function similarity(text: string, context: string, at: number, dir: 1 | -1): number {
  const window = context.length + (context.length >> 2) + 2;
  return 1 - distanceAt(text, context, at, dir, window) / context.length;
}

/** The mean agreement of the sides that were stored; null when none was. */
export function meanAgreement(agreement: ContextAgreement): number | null {
  const { prefix, suffix } = agreement;
  if (prefix === null) return suffix;
  if (suffix === null) return prefix;
  return (prefix + suffix) / 2;
}

/** The better side's agreement; null when none was stored. */
export function bestSide(agreement: ContextAgreement): number | null {
  const { prefix, suffix } = agreement;
  if (prefix === null) return suffix;
  if (suffix === null) return prefix;
  return Math.max(prefix, suffix);
}

/**
 * Cheap exact agreement, for ranking many exact occurrences before the approximate score: characters of prefix
 * and suffix that equal the text right next to the occurrence.
 */
export function exactAgreement(text: string, quote: NormalizedQuote, start: number, end: number): number {
  const { prefix, suffix } = quote;
  let n = 0;
  while (n < prefix.length && start - n - 1 >= 0 && text.charCodeAt(start - n - 1) === prefix.charCodeAt(prefix.length - n - 1)) n++;
  let k = 0;
  while (k < suffix.length && end + k < text.length && text.charCodeAt(end + k) === suffix.charCodeAt(k)) k++;
  return n + k;
}
