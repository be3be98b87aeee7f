import { TextIndex } from '../text/text-index.js';
import { occurrences } from './occurrences.js';
import type { TextPositionSelector, TextQuoteSelector } from './selectors.js';

/** The longest prefix or suffix {@link describe} stores. */
export const MAX_CONTEXT = 32;

/**
 * Describes a range of the text under `root` as W3C selectors: a `TextQuoteSelector` with the shortest `prefix`
 * and `suffix` (at most 32 characters each) that tell this occurrence of the quote from every other one, and a
 * `TextPositionSelector` with its offsets.
 *
 * Pass a {@link TextIndex} instead of a root to describe many ranges of one document without indexing it again.
 *
 * @example
 * const [quote, position] = describe(window.getSelection()!.getRangeAt(0), essay);
 * // quote: { type: 'TextQuoteSelector', exact: 'limbic revision', prefix: '', suffix: '' }
 */
export function describe(range: Range, root: Node | TextIndex): [TextQuoteSelector, TextPositionSelector] {
  if (!(range instanceof Range)) throw new TypeError('describe: range: expected a DOM Range');
  const index = root instanceof TextIndex ? root : TextIndex.build(root);
  const { start, end } = index.offsetsOf(range);
  return describeOffsets(index.text, start, end, (exact, visit) => occurrences(index, exact, visit));
}

/** Calls `visit` with every start of `exact` in the text. */
type Finder = (exact: string, visit: (at: number) => void) => void;

function scan(text: string): Finder {
  return (exact, visit) => {
    for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) visit(at);
  };
}

/** {@link describe} on plain text: the passage `text.slice(start, end)`. */
export function describeOffsets(text: string, start: number, end: number, find: Finder = scan(text)): [TextQuoteSelector, TextPositionSelector] {
  const exact = text.slice(start, end);
  const { prefix, suffix } = distinguishingContext(text, start, end, find);
  const quote: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact,
    prefix: text.slice(start - prefix, start),
    suffix: text.slice(end, end + suffix),
  };
  return [quote, { type: 'TextPositionSelector', start, end }];
}

/**
 * How many characters of context before and after make the occurrence at `start` unique: first the same number
 * on both sides, then each side trimmed to what is still needed. The edge of the text does not count as a
 * difference (an anchorer cannot tell a short context from one cut off by the edge), so an occurrence that
 * differs from another only there keeps the longest context the text allows.
 */
function distinguishingContext(text: string, start: number, end: number, find: Finder): { prefix: number; suffix: number } {
  const exact = text.slice(start, end);
  const length = exact.length;
  const limitBefore = Math.min(MAX_CONTEXT, start);
  const limitAfter = Math.min(MAX_CONTEXT, text.length - end);
  if (length === 0) return { prefix: limitBefore, suffix: limitAfter };
  const others: number[] = [];
  find(exact, (at) => {
    if (at !== start) others.push(at);
  });
  if (others.length === 0) return { prefix: 0, suffix: 0 };

  // Does the context (p before, s after) of the occurrence at `at` agree with ours? Past the edge agrees.
  const agrees = (at: number, p: number, s: number) => {
    for (let i = 1; i <= p; i++) if (at - i >= 0 && text[at - i] !== text[start - i]) return false;
    for (let i = 0; i < s; i++) if (at + length + i < text.length && text[at + length + i] !== text[end + i]) return false;
    return true;
  };
  const unique = (p: number, s: number) => others.every((at) => !agrees(at, p, s));

  let k = 0;
  let rivals = others;
  while (rivals.length > 0 && k < MAX_CONTEXT) {
    k++;
    const p = Math.min(k, limitBefore);
    const s = Math.min(k, limitAfter);
    rivals = rivals.filter((at) => agrees(at, p, s));
  }
  let prefix = Math.min(k, limitBefore);
  let suffix = Math.min(k, limitAfter);
  if (rivals.length > 0) return { prefix, suffix };
  while (prefix > 0 && unique(prefix - 1, suffix)) prefix--;
  while (suffix > 0 && unique(prefix, suffix - 1)) suffix--;
  return { prefix, suffix };
}
