import { TextIndex } from '../text/text-index.js';
import { CONTEXT_LENGTH } from './context.js';
import type { TextPositionSelector, TextQuoteSelector } from './selectors.js';

/** The prefix and suffix {@link describe} stores: this many characters each, as the Hypothesis client does. */
export const MAX_CONTEXT = CONTEXT_LENGTH;

/**
 * Describes a range of the text under `root` as W3C selectors: a `TextQuoteSelector` with 32 characters of
 * prefix and suffix (fewer at the edges of the text), and a `TextPositionSelector`.
 *
 * The context is stored whole, not trimmed to what makes the quote unique today: it is what finds the passage
 * again after the author rewrites it, and what tells a moved or edited passage from a look-alike.
 *
 * The position counts the raw text of the root (every text node but the library's own UI, in UTF-16 code units),
 * as the Hypothesis client, Recogito and Apache Annotator count it, so that their positions and ours agree.
 *
 * Pass a {@link TextIndex} instead of a root to describe many ranges of one document without indexing it again.
 *
 * @example
 * const [quote, position] = describe(window.getSelection()!.getRangeAt(0), essay);
 * // quote: { type: 'TextQuoteSelector', exact: 'limbic revision', prefix: 'of the book, ', suffix: ', which …' }
 */
export function describe(range: AbstractRange, root: Node | TextIndex): [TextQuoteSelector, TextPositionSelector] {
  if (!isRange(range)) throw new TypeError('describe: range: expected a DOM Range or StaticRange');
  const index = root instanceof TextIndex ? root : TextIndex.build(root);
  const { start, end } = index.offsetsOf(range);
  return describeOffsets(index, start, end);
}

/**
 * {@link describe} for offsets: `start` and `end` index the text of `source`, a {@link TextIndex} (whose
 * position selector then counts raw text) or a plain string (for text without a DOM, on a server).
 */
export function describeOffsets(source: string | TextIndex, start: number, end: number): [TextQuoteSelector, TextPositionSelector] {
  const text = typeof source === 'string' ? source : source.text;
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length)) {
    throw new RangeError(`describeOffsets: start ${start} and end ${end} must be offsets into the text (0 to ${text.length}), start first`);
  }
  const quote: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - MAX_CONTEXT), start),
    suffix: text.slice(end, end + MAX_CONTEXT),
  };
  const position: TextPositionSelector =
    typeof source === 'string'
      ? { type: 'TextPositionSelector', start, end }
      : { type: 'TextPositionSelector', start: source.rawOffsetAt(start), end: source.rawOffsetAt(end, 'end') };
  return [quote, position];
}

function isRange(value: unknown): value is AbstractRange {
  return typeof value === 'object' && value !== null && 'startContainer' in value && 'endOffset' in value;
}
