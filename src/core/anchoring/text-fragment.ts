import type { TextIndex } from '../text/text-index.js';
import { locate, type TextMatch } from './anchor.js';
import type { TextQuoteSelector } from './selectors.js';

/** A text fragment directive (https://wicg.github.io/scroll-to-text-fragment/): `#:~:text=[prefix-,]start[,end][,-suffix]`. */
export interface TextFragment {
  prefix?: string;
  textStart: string;
  textEnd?: string;
  suffix?: string;
}

/** Quotes longer than this are linked by their first and last words (`textStart,textEnd`). */
const LONG_QUOTE = 80;
const EDGE_WORDS = 5;

/** Percent-encodes a fragment term as the spec asks: also `-`, `,` and `&`, which are syntax there. */
function encode(term: string): string {
  return encodeURIComponent(term).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
}

/**
 * The text fragment for a quote: `text=prefix-,start,end,-suffix`, the start and end being the first and last few
 * words of a long quote. The context is trimmed to whole words, as browsers match it.
 */
export function toTextFragment(quote: TextQuoteSelector): string {
  const exact = quote.exact.trim();
  const words = exact.split(/\s+/);
  const parts: string[] = [];
  const prefix = lastWords(quote.prefix ?? '', 3);
  const suffix = firstWords(quote.suffix ?? '', 3);
  if (prefix) parts.push(`${encode(prefix)}-`);
  if (exact.length > LONG_QUOTE && words.length > EDGE_WORDS * 2) {
    parts.push(encode(words.slice(0, EDGE_WORDS).join(' ')), encode(words.slice(-EDGE_WORDS).join(' ')));
  } else {
    parts.push(encode(exact));
  }
  if (suffix) parts.push(`-${encode(suffix)}`);
  return `:~:text=${parts.join(',')}`;
}

function lastWords(text: string, n: number): string {
  return text.trim().split(/\s+/).filter(Boolean).slice(-n).join(' ');
}

function firstWords(text: string, n: number): string {
  return text.trim().split(/\s+/).filter(Boolean).slice(0, n).join(' ');
}

/** The first text directive in a URL fragment (with or without the leading `#`), or null. */
export function parseTextFragment(hash: string): TextFragment | null {
  const at = hash.indexOf(':~:');
  if (at === -1) return null;
  const directive = hash
    .slice(at + 3)
    .split('&')
    .find((part) => part.startsWith('text='));
  if (!directive) return null;
  const terms = directive.slice(5).split(',');
  let decoded: string[];
  try {
    decoded = terms.map((t) => decodeURIComponent(t));
  } catch {
    return null;
  }
  const fragment: Partial<TextFragment> = {};
  if (terms[0]?.endsWith('-')) {
    fragment.prefix = decodeURIComponent(terms[0].slice(0, -1));
    decoded.shift();
    terms.shift();
  }
  if (terms.length && terms[terms.length - 1].startsWith('-')) {
    fragment.suffix = decodeURIComponent(terms[terms.length - 1].slice(1));
    decoded.pop();
    terms.pop();
  }
  if (decoded.length < 1 || decoded.length > 2 || !decoded[0]) return null;
  fragment.textStart = decoded[0];
  if (decoded[1]) fragment.textEnd = decoded[1];
  return fragment as TextFragment;
}

/** Finds the passage a text fragment names, or null. */
export function locateTextFragment(fragment: TextFragment, index: TextIndex): TextMatch | null {
  const text = index.text;
  const matches = (start: number, end: number) =>
    (!fragment.prefix || text.slice(0, start).trimEnd().endsWith(fragment.prefix)) &&
    (!fragment.suffix || text.slice(end).trimStart().startsWith(fragment.suffix));
  if (!fragment.textEnd) {
    const quote = { type: 'TextQuoteSelector' as const, exact: fragment.textStart, prefix: fragment.prefix, suffix: fragment.suffix };
    for (let at = text.indexOf(fragment.textStart); at !== -1; at = text.indexOf(fragment.textStart, at + 1)) {
      if (matches(at, at + fragment.textStart.length)) return { start: at, end: at + fragment.textStart.length, kind: 'exact', errors: 0 };
    }
    return locate([quote], index);
  }
  for (let at = text.indexOf(fragment.textStart); at !== -1; at = text.indexOf(fragment.textStart, at + 1)) {
    const endAt = text.indexOf(fragment.textEnd, at + fragment.textStart.length);
    if (endAt === -1) return null;
    const end = endAt + fragment.textEnd.length;
    if (matches(at, end)) return { start: at, end, kind: 'exact', errors: 0 };
  }
  return null;
}
