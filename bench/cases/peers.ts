/**
 * The peers, used the way their own projects use them. Only the benchmark imports them.
 */
import { createTextQuoteSelectorMatcher, describeTextPosition, describeTextQuote } from '@apache-annotator/dom';
import search from 'approx-string-match';
// @ts-expect-error: no type declarations are published for this package
import * as textQuote from 'dom-anchor-text-quote';

export interface Quote {
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** dom-anchor-text-quote (the Hypothesis lineage): diff-match-patch over the root's text, with a position hint. */
export function domAnchorTextQuote(root: Node, quote: Quote, hint?: number): Range | null {
  return (textQuote.toRange as (root: Node, quote: Quote, options?: { hint?: number }) => Range | null)(root, quote, { hint });
}

export function domAnchorTextQuoteDescribe(root: Node, range: Range): Quote {
  return (textQuote.fromRange as (root: Node, range: Range) => Quote)(root, range);
}

/** @apache-annotator/dom: the first match of createTextQuoteSelectorMatcher over the root. */
export async function apacheAnnotator(root: Node, quote: Quote): Promise<Range | null> {
  const matches = createTextQuoteSelectorMatcher({ type: 'TextQuoteSelector', ...quote })(root);
  for await (const match of matches) return match;
  return null;
}

export async function apacheAnnotatorDescribe(root: Node, range: Range): Promise<Quote> {
  return describeTextQuote(range, root);
}

/** @apache-annotator/dom's TextPositionSelector for a range: offsets into the root's text nodes. */
export async function apacheAnnotatorPosition(root: Node, range: Range): Promise<{ start: number; end: number }> {
  return describeTextPosition(range, root);
}

/**
 * Quote matching as the Hypothesis client does it (src/annotator/anchoring/match-quote.ts): every exact occurrence
 * if there is one, else approx-string-match over the whole text with maxErrors = min(256, quote.length / 2); every
 * match scored by quote errors (50), prefix (20) and suffix (20) similarity and position (2); the best one kept,
 * with no minimum.
 */
export function hypothesisMatchQuote(text: string, quote: Quote, hint?: number): { start: number; end: number } | null {
  const { exact } = quote;
  if (exact.length === 0) return null;
  const maxErrors = Math.min(256, exact.length / 2);
  const exactMatches: { start: number; end: number; errors: number }[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) exactMatches.push({ start: at, end: at + exact.length, errors: 0 });
  const matches = exactMatches.length > 0 ? exactMatches : search(text, exact, maxErrors);
  if (matches.length === 0) return null;
  const textMatchScore = (slice: string, str: string) => {
    if (str.length === 0 || slice.length === 0) return 0;
    const found = search(slice, str, str.length);
    return found.length === 0 ? 0 : 1 - found[0].errors / str.length;
  };
  let best: { start: number; end: number; score: number } | null = null;
  for (const match of matches) {
    const quoteScore = 1 - match.errors / exact.length;
    const prefixScore = quote.prefix ? textMatchScore(text.slice(Math.max(0, match.start - quote.prefix.length), match.start), quote.prefix) : 1;
    const suffixScore = quote.suffix ? textMatchScore(text.slice(match.end, match.end + quote.suffix.length), quote.suffix) : 1;
    const posScore = hint === undefined ? 1 : 1 - Math.abs(match.start - hint) / text.length;
    const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
    if (!best || score > best.score) best = { start: match.start, end: match.end, score };
  }
  return best;
}

/**
 * The Hypothesis client's anchoring of a quote and a position (src/annotator/anchoring/html.ts): the position
 * when the text there is the quote, else {@link hypothesisMatchQuote} with the position as its hint. Offsets are
 * raw text offsets (`textContent`), as Hypothesis counts them.
 */
export function hypothesisAnchor(text: string, quote: Quote, position?: number): { start: number; end: number } | null {
  if (position !== undefined && text.slice(position, position + quote.exact.length) === quote.exact)
    return { start: position, end: position + quote.exact.length };
  return hypothesisMatchQuote(text, quote, position);
}
