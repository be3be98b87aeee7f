/**
 * The text of a root as a browser's find-in-page and the Text Fragments specification see it
 * (https://wicg.github.io/scroll-to-text-fragment/#find-a-range-from-a-text-directive): only rendered, visible
 * text; white space collapsed; a line feed wherever a block-level box begins or ends, since a search never
 * crosses one; search-invisible content (`display: none` subtrees, `visibility: hidden` text, iframes, images,
 * form controls) left out without a boundary unless its box is block-level.
 *
 * Unlike {@link TextIndex} (what anchoring reads: every text node the author wrote), this reads computed styles,
 * so it is built only when a text fragment is resolved or described.
 */
export class VisibleText {
  /** The text, lower-cased for case-insensitive search (same length as the original). */
  readonly lower: string;
  private readonly segmenter: Intl.Segmenter | null;

  private constructor(
    readonly text: string,
    /** For each character: the index of its text node in {@link nodes}, or -1 for a boundary. */
    private readonly nodeOf: Int32Array,
    /** For each character: its offset in that text node. */
    private readonly offsetIn: Int32Array,
    readonly nodes: readonly Text[],
    locale: string | undefined,
  ) {
    this.lower = lowerSameLength(text);
    this.segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(locale, { granularity: 'word' }) : null;
  }

  static build(root: Node): VisibleText {
    const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
    const view = doc.defaultView;
    const chars: string[] = [];
    const nodeOf: number[] = [];
    const offsetIn: number[] = [];
    const nodes: Text[] = [];
    let lastWasSpace = true;
    const boundary = () => {
      if (chars.length === 0) return;
      if (chars[chars.length - 1] === ' ') {
        chars[chars.length - 1] = '\n';
        nodeOf[nodeOf.length - 1] = -1;
      } else if (chars[chars.length - 1] !== '\n') {
        chars.push('\n');
        nodeOf.push(-1);
        offsetIn.push(0);
      }
      lastWasSpace = true;
    };
    const visit = (node: Node, visible: boolean) => {
      if (node.nodeType === 3) {
        if (!visible) return;
        const text = node as Text;
        const data = text.data;
        let n = -1;
        for (let i = 0; i < data.length; i++) {
          const c = data.charCodeAt(i);
          const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160;
          if (space && lastWasSpace) continue;
          if (n < 0) {
            n = nodes.length;
            nodes.push(text);
          }
          chars.push(space ? ' ' : data[i]);
          nodeOf.push(n);
          offsetIn.push(i);
          lastWasSpace = space;
        }
        return;
      }
      if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
      const element = node.nodeType === 1 ? (node as Element) : null;
      let block = false;
      let shown = visible;
      if (element) {
        const style = view?.getComputedStyle(element);
        if (style?.display === 'none') return;
        block = style ? isBlockLevel(style.display) : false;
        // A detached or unrendered element has no computed values: read it as visible inline text.
        shown = style?.visibility ? style.visibility === 'visible' : visible;
        if (SEARCH_INVISIBLE.has(element.localName)) {
          if (block) boundary();
          return;
        }
      }
      if (block) boundary();
      for (let child = node.firstChild; child; child = child.nextSibling) visit(child, shown);
      if (block) boundary();
    };
    visit(root, true);
    const locale = root.nodeType === 1 ? ((root as Element).closest('[lang]')?.getAttribute('lang') ?? undefined) : undefined;
    return new VisibleText(chars.join(''), Int32Array.from(nodeOf), Int32Array.from(offsetIn), nodes, locale || undefined);
  }

  /**
   * The DOM position of an offset in {@link text}: `end` affinity puts a boundary after the character before it.
   * A boundary character maps to its neighbour.
   */
  positionAt(offset: number, affinity: 'start' | 'end'): { node: Text; offset: number } | null {
    if (affinity === 'end') {
      for (let i = offset - 1; i >= 0; i--) {
        if (this.nodeOf[i] >= 0) return { node: this.nodes[this.nodeOf[i]], offset: this.offsetIn[i] + 1 };
      }
      return null;
    }
    for (let i = offset; i < this.text.length; i++) {
      if (this.nodeOf[i] >= 0) return { node: this.nodes[this.nodeOf[i]], offset: this.offsetIn[i] };
    }
    return null;
  }

  /** The offset in {@link text} of a DOM position inside a visible text node, or -1. */
  offsetOf(node: Node, offset: number): number {
    const n = this.nodes.indexOf(node as Text);
    if (n < 0) return -1;
    for (let i = 0; i < this.text.length; i++) {
      if (this.nodeOf[i] === n && this.offsetIn[i] >= offset) return i;
      if (this.nodeOf[i] > n) return i;
    }
    return this.text.length;
  }

  /**
   * Whether `at` is a word boundary (Unicode word segmentation, as the specification asks): the start or end of
   * the text or a block, or a place the segmenter breaks.
   */
  isWordBoundary(at: number): boolean {
    const text = this.text;
    if (at <= 0 || at >= text.length) return true;
    if (text[at - 1] === '\n' || text[at] === '\n') return true;
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at);
    // Text written with spaces between words (Latin, Greek, Cyrillic, …) needs no dictionary: two word
    // characters, or a word character and an apostrophe or period between letters ("can't", "e.g"), hold
    // together, and anything else is a boundary, as UAX #29 says. Asking Intl.Segmenter for every candidate
    // cost ~20 µs a call, which made a search for a common prefix take seconds on a long essay.
    if (!this.segmenter || !(needsDictionary(before) || needsDictionary(after))) {
      if (isWordChar(before) && isWordChar(after)) return false;
      if (isMidLetter(after) && isLetter(before) && isLetter(text.charCodeAt(at + 1))) return false;
      if (isMidLetter(before) && isLetter(after) && isLetter(text.charCodeAt(at - 2))) return false;
      // Numbers hold together across their separators ("3.5", "40,000").
      if (isMidNum(after) && isDigit(before) && isDigit(text.charCodeAt(at + 1))) return false;
      if (isMidNum(before) && isDigit(after) && isDigit(text.charCodeAt(at - 2))) return false;
      return true;
    }
    // Segment a window around `at` that starts and ends at white space, where the segmenter always breaks.
    let from = Math.max(0, at - 64);
    while (from > 0 && text[from - 1] !== ' ' && text[from - 1] !== '\n' && at - from < 256) from--;
    let to = Math.min(text.length, at + 64);
    while (to < text.length && text[to] !== ' ' && text[to] !== '\n' && to - at < 256) to++;
    for (const segment of this.segmenter.segment(text.slice(from, to))) {
      const start = from + segment.index;
      if (start === at) return true;
      if (start > at) return false;
    }
    return false;
  }
}

const SEARCH_INVISIBLE = new Set([
  'iframe',
  'img',
  'video',
  'audio',
  'canvas',
  'object',
  'embed',
  'svg',
  'input',
  'textarea',
  'select',
  'meter',
  'progress',
  'script',
  'style',
  'template',
  'noscript',
  'head',
]);

function isBlockLevel(display: string): boolean {
  return !(display.startsWith('inline') || display === 'contents' || display.startsWith('ruby') || display === '');
}

/** Characters of scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, CJK, kana), and surrogates. */
function needsDictionary(code: number): boolean {
  return (
    (code >= 0x0e00 && code <= 0x0eff) ||
    (code >= 0x1000 && code <= 0x109f) ||
    (code >= 0x1780 && code <= 0x17ff) ||
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef)
  );
}

/** UAX #29 MidLetter and MidNumLet characters that join letters into one word: ' . : · ’ and a few more. */
function isMidLetter(code: number): boolean {
  return (
    code === 0x27 ||
    code === 0x2e ||
    code === 0x3a ||
    code === 0xb7 ||
    code === 0x2018 ||
    code === 0x2019 ||
    code === 0x2024 ||
    code === 0xfe52 ||
    code === 0xff07 ||
    code === 0xff0e
  );
}

/** UAX #29 MidNum and MidNumLet characters that join digits into one number: , ; . ' and a few more. */
function isMidNum(code: number): boolean {
  return (
    code === 0x2c ||
    code === 0x3b ||
    code === 0x2e ||
    code === 0x27 ||
    code === 0x2019 ||
    code === 0x66c ||
    code === 0xfe50 ||
    code === 0xfe54 ||
    code === 0xff0c ||
    code === 0xff1b
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code > 127 && !Number.isNaN(code) && /\p{L}/u.test(String.fromCharCode(code)));
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127;
}

/** Lower case that keeps every character where it was (a few characters lower-case to two). */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}
