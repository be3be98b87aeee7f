import { collapseWhitespace, type TextIndex } from '../text/text-index.js';
import { VisibleText } from '../text/visible-text.js';
import type { TextMatch } from './anchor.js';
import type { TextQuoteSelector } from './selectors.js';
import { wellFormed } from '../text/well-formed.js';

/** A text directive (https://wicg.github.io/scroll-to-text-fragment/): `#:~:text=[prefix-,]start[,end][,-suffix]`. */
export interface TextFragment {
  prefix?: string;
  textStart: string;
  textEnd?: string;
  suffix?: string;
}

/** Quotes longer than this are linked by their first and last words (`textStart,textEnd`). */
const LONG_QUOTE = 80;
const EDGE_WORDS = 5;
/** At most this many words of context are added to make a fragment unique. */
const MAX_CONTEXT_WORDS = 3;

/** Percent-encodes a fragment term as the spec asks: also `-`, `,` and `&`, which are syntax there. */
function encode(term: string): string {
  return encodeURIComponent(wellFormed(term)).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
}

/** The directive string (`:~:text=…`) of a fragment. */
export function formatTextFragment(fragment: TextFragment): string {
  const parts: string[] = [];
  if (fragment.prefix) parts.push(`${encode(fragment.prefix)}-`);
  parts.push(encode(fragment.textStart));
  if (fragment.textEnd) parts.push(encode(fragment.textEnd));
  if (fragment.suffix) parts.push(`-${encode(fragment.suffix)}`);
  return `:~:text=${parts.join(',')}`;
}

/**
 * The text fragment for a quote when no document is at hand: `text=prefix-,start,end,-suffix` with up to three
 * words of the stored context, the start and end being the first and last few words of a long quote. Prefer
 * {@link textFragmentFor}, which checks the fragment against the page and keeps only the context it needs.
 */
export function toTextFragment(quote: TextQuoteSelector): string {
  const exact = collapseWhitespace(quote.exact).trim();
  return formatTextFragment({
    ...terms(exact),
    prefix: lastWords(quote.prefix ?? '', MAX_CONTEXT_WORDS) || undefined,
    suffix: firstWords(quote.suffix ?? '', MAX_CONTEXT_WORDS) || undefined,
  });
}

function terms(exact: string): { textStart: string; textEnd?: string } {
  const words = exact.split(' ');
  if (exact.length > LONG_QUOTE && words.length > EDGE_WORDS * 2) {
    return { textStart: words.slice(0, EDGE_WORDS).join(' '), textEnd: words.slice(-EDGE_WORDS).join(' ') };
  }
  return { textStart: exact };
}

function lastWords(text: string, n: number): string {
  return collapseWhitespace(text).trim().split(' ').filter(Boolean).slice(-n).join(' ');
}

function firstWords(text: string, n: number): string {
  return collapseWhitespace(text).trim().split(' ').filter(Boolean).slice(0, n).join(' ');
}

/**
 * The shortest text fragment that a browser (or {@link locateTextFragment}) resolves to the passage
 * `index.text.slice(start, end)`: the passage's words alone when they are unique in the rendered text, otherwise
 * with one, two or three words of context on each side. Returns the directive (`:~:text=…`), or null when the
 * passage is not visible text.
 */
export function textFragmentFor(index: TextIndex, start: number, end: number, visible: VisibleText = VisibleText.build(index.root)): string | null {
  const from = index.positionAt(start, 'start');
  const to = index.positionAt(end, 'end');
  let vs = visible.offsetOf(from.node, from.offset);
  let ve = visible.offsetOf(to.node, to.offset);
  if (vs < 0 || ve <= vs) return null;
  const text = visible.text;
  while (vs < ve && /\s/.test(text[vs])) vs++;
  while (ve > vs && /\s/.test(text[ve - 1])) ve--;
  if (ve <= vs) return null;
  const passage = text.slice(vs, ve);
  // A passage over several blocks is linked by its first and last words: no term may cross a block boundary.
  const blocks = passage
    .split('\n')
    .map((b) => b.trim())
    .filter(Boolean);
  const base =
    blocks.length > 1
      ? { textStart: blocks[0].split(' ').slice(0, EDGE_WORDS).join(' '), textEnd: blocks[blocks.length - 1].split(' ').slice(-EDGE_WORDS).join(' ') }
      : terms(passage);
  const before = text.slice(Math.max(0, vs - 200), vs).replace(/\n/g, ' ');
  const after = text.slice(ve, ve + 200).replace(/\n/g, ' ');
  // Context is cut at word boundaries, or at the passage itself when it starts or ends inside a word.
  const prefixWords = (n: number) => trailingWords(before, n);
  const suffixWords = (n: number) => leadingWords(after, n);
  let best: TextFragment = base;
  for (let n = 0; n <= MAX_CONTEXT_WORDS; n++) {
    for (const [p, s] of n === 0
      ? [[0, 0]]
      : [
          [n, 0],
          [0, n],
          [n, n],
        ]) {
      const fragment: TextFragment = { ...base, prefix: p ? prefixWords(p) || undefined : undefined, suffix: s ? suffixWords(s) || undefined : undefined };
      best = fragment;
      const found = findTextFragment(fragment, visible);
      if (found && found.start === vs && found.end === ve) return formatTextFragment(fragment);
    }
  }
  return formatTextFragment(best);
}

/** The last `n` words of `text`, including a word cut by its end (the passage starts inside it). */
function trailingWords(text: string, n: number): string {
  return text
    .trimStart()
    .split(' ')
    .slice(-n - (text.endsWith(' ') ? 1 : 0))
    .join(' ')
    .trim();
}

function leadingWords(text: string, n: number): string {
  return text
    .trimEnd()
    .split(' ')
    .slice(0, n + (text.startsWith(' ') ? 1 : 0))
    .join(' ')
    .trim();
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
  const parts = directive.slice(5).split(',');
  const fragment: Partial<TextFragment> = {};
  try {
    if (parts.length > 1 && parts[0].endsWith('-')) fragment.prefix = decodeURIComponent(parts.shift()!.slice(0, -1));
    if (parts.length > 1 && parts[parts.length - 1].startsWith('-')) fragment.suffix = decodeURIComponent(parts.pop()!.slice(1));
    if (parts.length < 1 || parts.length > 2 || !parts[0] || parts.some((p) => p.startsWith('-') || p.endsWith('-'))) return null;
    fragment.textStart = decodeURIComponent(parts[0]);
    if (parts[1]) fragment.textEnd = decodeURIComponent(parts[1]);
  } catch {
    return null;
  }
  if (fragment.prefix === '' || fragment.suffix === '') return null;
  return fragment as TextFragment;
}

/**
 * Finds the passage a text fragment names as the specification's "find a range from a text directive" does:
 * case-insensitively, in rendered visible text, never across a block boundary, with `textStart` and `textEnd`
 * whole words unless context makes a side free, later ends tried when a suffix does not follow, invisible text
 * skipped. Returns offsets into `index.text`, or null.
 */
export function locateTextFragment(fragment: TextFragment, index: TextIndex): TextMatch | null {
  const visible = VisibleText.build(index.root);
  const found = findTextFragment(fragment, visible);
  if (!found) return null;
  const from = visible.positionAt(found.start, 'start');
  const to = visible.positionAt(found.end, 'end');
  if (!from || !to) return null;
  const start = index.offsetOf(from.node, from.offset);
  const end = Math.max(start, index.offsetOf(to.node, to.offset));
  return { start, end, kind: 'exact', errors: 0 };
}

interface Span {
  start: number;
  end: number;
}

/** The specification's algorithm over {@link VisibleText}: offsets into its text. */
export function findTextFragment(fragment: TextFragment, visible: VisibleText): Span | null {
  const text = visible.lower;
  const n = text.length;
  const prefix = normalizeTerm(fragment.prefix);
  const start = normalizeTerm(fragment.textStart);
  const end = normalizeTerm(fragment.textEnd);
  const suffix = normalizeTerm(fragment.suffix);
  if (!start) return null;

  /** The first occurrence of `query` at or after `from`, bounded as asked. */
  const find = (query: string, from: number, startBounded: boolean, endBounded: boolean): Span | null => {
    for (let at = text.indexOf(query, from); at !== -1; at = text.indexOf(query, at + 1)) {
      if (startBounded && !visible.isWordBoundary(at)) continue;
      if (endBounded && !visible.isWordBoundary(at + query.length)) continue;
      return { start: at, end: at + query.length };
    }
    return null;
  };
  /**
   * `find` for the start term, remembered: the first match at or after `from` is also the first at or after any
   * later `from` up to it. Each prefix match asks where the start term is next; without this, a common prefix
   * and a start term found only far away made the search quadratic (a second on 200k characters).
   */
  let startCache: { from: number; span: Span | null } | null = null;
  const findStart = (from: number, startBounded: boolean, endBounded: boolean): Span | null => {
    if (startCache && startCache.from <= from && (startCache.span === null || from <= startCache.span.start)) return startCache.span;
    const span = find(start, from, startBounded, endBounded);
    startCache = { from, span };
    return span;
  };
  const skipSpace = (at: number) => {
    while (at < n && (text[at] === ' ' || text[at] === '\n')) at++;
    return at;
  };

  // A term must end on a word boundary unless what follows it is pinned by something else: `textStart` when
  // there is no `textEnd` but a suffix, `textEnd` when there is a suffix.
  const startEndBounded = !!end || !suffix;
  let searchFrom = 0;
  while (searchFrom < n) {
    let potential: Span | null;
    if (prefix) {
      const prefixMatch = find(prefix, searchFrom, true, false);
      if (!prefixMatch) return null;
      searchFrom = prefixMatch.start + 1;
      const matchFrom = skipSpace(prefixMatch.end);
      if (matchFrom >= n) return null;
      potential = findStart(matchFrom, false, startEndBounded);
      if (!potential) return null;
      if (potential.start !== matchFrom) continue;
    } else {
      potential = find(start, searchFrom, true, startEndBounded);
      if (!potential) return null;
      searchFrom = potential.start + 1;
    }
    let endFrom = potential.end;
    while (endFrom < n) {
      if (end) {
        const endMatch = find(end, endFrom, true, !suffix);
        if (!endMatch) return null;
        potential = { start: potential.start, end: endMatch.end };
      }
      if (!suffix) return potential;
      const suffixFrom = skipSpace(potential.end);
      const suffixMatch = find(suffix, suffixFrom, false, true);
      if (!suffixMatch) return null;
      if (suffixMatch.start === suffixFrom) return potential;
      if (!end) break;
      endFrom = potential.end;
    }
  }
  return null;
}

function normalizeTerm(term: string | undefined): string {
  if (!term) return '';
  return collapseWhitespace(term).trim().toLowerCase();
}
