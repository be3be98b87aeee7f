/**
 * The text of a root node as a reader reads it, with a two-way mapping between character offsets in that text,
 * DOM positions, and offsets in the raw text of the root (what other annotation tools count).
 *
 * The text is the concatenation of the root's text nodes in document order, with every run of white space
 * collapsed to one space (so re-indenting the HTML, or a line break that markup introduced, moves no offset), and
 * with a space wherever a line break (`<br>`) or a block boundary (`</p><p>`, `</li><li>`, a heading and the
 * paragraph after it) separates two words that no white space in the source separates.
 *
 * Two kinds of subtree are left out: see {@link skipKind}. The library's own UI marks itself `data-essay-skip`
 * and is invisible to every offset; code (`<script>`, `<style>`, …) is not read but still counts in raw offsets,
 * as it counts in `textContent`. Everything else the author wrote is read, hidden or not.
 *
 * Offsets count UTF-16 code units, as `String.prototype.slice` does.
 *
 * @example
 * const index = TextIndex.build(document.querySelector('article')!);
 * const at = index.text.indexOf('space between the words');
 * const range = index.rangeFor(at, at + 'space between the words'.length);
 */
export class TextIndex {
  /** The collapsed text. */
  readonly text: string;
  /** The indexed text nodes, in document order (nodes that contribute no character are left out). */
  readonly nodes: readonly Text[];
  /**
   * Length of the raw text: every text node under the root but the library's UI, as `textContent` counts it.
   * Positions written for other tools ({@link rawOffsetAt}) are offsets into this.
   */
  readonly rawLength: number;
  /** `starts[i]` is the offset in {@link text} of the first character that `nodes[i]` contributes. */
  private readonly starts: Int32Array;
  /** `rawStarts[i]` is the raw offset of the first code unit of `nodes[i]`. */
  private readonly rawStarts: Int32Array;
  /** Bit 0: the character before `nodes[i]`'s own data is white space. Bit 1: a break space precedes the data. */
  private readonly flags: Uint8Array;
  private nodeNumbers?: Map<Text, number>;

  private constructor(readonly root: Node, text: string, nodes: Text[], starts: Int32Array, rawStarts: Int32Array, flags: Uint8Array, rawLength: number) {
    this.text = text;
    this.nodes = nodes;
    this.starts = starts;
    this.rawStarts = rawStarts;
    this.flags = flags;
    this.rawLength = rawLength;
  }

  /**
   * Indexes `root` (an element, a document or a fragment). Pass `skip` to leave out more subtrees, as the
   * library's UI is left out.
   */
  static build(root: Node, skip?: (element: Element) => boolean): TextIndex {
    if (!isNode(root)) throw new TypeError(`TextIndex.build: root: expected a DOM Node, got ${describeValue(root)}`);
    const parts: string[] = [];
    const nodes: Text[] = [];
    const starts: number[] = [];
    const rawStarts: number[] = [];
    const flags: number[] = [];
    let length = 0;
    let raw = 0;
    let lastWasSpace = true; // leading white space of the whole text is dropped
    let pendingBreak = false;

    const addText = (node: Text) => {
      const data = node.data;
      const rawStart = raw;
      raw += data.length;
      if (data.length === 0) return;
      const lead = pendingBreak && !lastWasSpace && !isSpace(data.charCodeAt(0)) ? 1 : 0;
      const before = lastWasSpace || lead === 1;
      // Most text nodes hold single spaces between words and nothing to fold: take them whole.
      let collapsed = FOLDABLE.test(data) ? data.replace(SPACE_RUNS, ' ') : data;
      if (before && collapsed.charCodeAt(0) === 32) collapsed = collapsed.slice(1);
      if (collapsed.length === 0) return;
      if (lead) collapsed = ' ' + collapsed;
      lastWasSpace = collapsed.charCodeAt(collapsed.length - 1) === 32;
      pendingBreak = false;
      nodes.push(node);
      starts.push(length);
      rawStarts.push(rawStart);
      flags.push((before ? 1 : 0) | (lead << 1));
      parts.push(collapsed);
      length += collapsed.length;
    };

    // Depth-first over the tree by sibling links: no callback per node, and block ends are seen on the way up.
    let node: Node | null = root.nodeType === TEXT_NODE ? root : root.firstChild;
    if (root.nodeType === TEXT_NODE) {
      addText(root as Text);
      node = null;
    }
    while (node) {
      let descend = false;
      if (node.nodeType === TEXT_NODE) {
        addText(node as Text);
      } else if (node.nodeType === ELEMENT_NODE) {
        const element = node as Element;
        const kind = skipKind(element, skip);
        if (kind === 'unread') raw += element.textContent?.length ?? 0;
        else if (kind === null) {
          if (isBreak(element)) pendingBreak = true;
          descend = element.firstChild !== null;
        }
      }
      if (descend) {
        node = node.firstChild;
        continue;
      }
      // Up until there is a next sibling; every block left on the way ends a line.
      while (node && node !== root && !node.nextSibling) {
        node = node.parentNode;
        if (node && node !== root && node.nodeType === ELEMENT_NODE && isBreak(node as Element)) pendingBreak = true;
      }
      if (!node || node === root) break;
      node = node.nextSibling;
    }
    return new TextIndex(root, parts.join(''), nodes, Int32Array.from(starts), Int32Array.from(rawStarts), Uint8Array.from(flags), raw);
  }

  /**
   * The text offset of a DOM boundary point (as a `Range` or a `Selection` gives it). A point inside a skipped
   * subtree, or between nodes, maps to the offset of the next indexed character.
   */
  offsetOf(container: Node, offset: number): number {
    if (container.nodeType === TEXT_NODE) {
      this.nodeNumbers ??= new Map(this.nodes.map((node, i) => [node, i]));
      const i = this.nodeNumbers.get(container as Text);
      if (i !== undefined) return this.starts[i] + this.collapsedLength(i, offset);
    }
    // Find the first indexed node that starts at or after the point (binary search in document order).
    const point = ownerDocumentOf(container).createRange();
    point.setStart(container, offset);
    let low = 0;
    let high = this.nodes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const node = this.nodes[mid];
      // comparePoint is -1 when (node, node.length) is before the point: that node ends at or before it.
      if (point.comparePoint(node, node.length) <= 0) low = mid + 1;
      else high = mid;
    }
    // nodes[low] is the first indexed node that ends after the point; the point is not inside it (a point
    // inside an indexed text node was handled above), so it maps to that node's first character.
    return low === this.nodes.length ? this.text.length : this.starts[low] + (this.flags[low] >> 1);
  }

  /** The DOM position of a text offset. `end` affinity puts a boundary at the end of the previous node. */
  positionAt(offset: number, affinity: 'start' | 'end' = 'start'): { node: Text; offset: number } {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.text.length) {
      throw new RangeError(`TextIndex.positionAt: offset ${offset} is outside the text (0 to ${this.text.length})`);
    }
    if (this.nodes.length === 0) throw new RangeError('TextIndex.positionAt: the indexed root has no text');
    const i = this.nodeContaining(offset, affinity);
    const local = offset - this.starts[i];
    // A break space has no character in the DOM: it sits at the end of the node before it, so that a range
    // that starts there maps back to the same offset.
    if (local < this.flags[i] >> 1 && i > 0) return { node: this.nodes[i - 1], offset: this.nodes[i - 1].length };
    return { node: this.nodes[i], offset: this.rawOffset(i, local) };
  }

  /**
   * The raw offset (into the text of all text nodes but the library's UI, as Hypothesis, Recogito and Apache
   * Annotator count `TextPositionSelector`s) of a text offset. `end` affinity keeps a boundary at the end of
   * the previous node (for the end of a passage).
   */
  rawOffsetAt(offset: number, affinity: 'start' | 'end' = 'start'): number {
    if (this.nodes.length === 0) return 0;
    if (offset >= this.text.length && affinity === 'start') return this.rawLength;
    const i = this.nodeContaining(Math.min(offset, this.text.length), affinity);
    return this.rawStarts[i] + this.rawOffset(i, offset - this.starts[i]);
  }

  /** The text offset of a raw offset (see {@link rawOffsetAt}): the next indexed character when it is not read. */
  offsetAtRaw(raw: number): number {
    if (this.nodes.length === 0 || raw <= 0) return 0;
    if (raw >= this.rawLength) return this.text.length;
    let low = 0;
    let high = this.nodes.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.rawStarts[mid] <= raw) low = mid;
      else high = mid - 1;
    }
    const local = raw - this.rawStarts[low];
    if (local < 0) return this.starts[low];
    if (local >= this.nodes[low].length) return low + 1 < this.nodes.length ? this.starts[low + 1] : this.text.length;
    return this.starts[low] + this.collapsedLength(low, local);
  }

  /** A live `Range` over the text from `start` to `end` (offsets in {@link text}). */
  rangeFor(start: number, end: number): Range {
    if (end < start) throw new RangeError(`TextIndex.rangeFor: end ${end} is before start ${start}`);
    const range = ownerDocumentOf(this.root).createRange();
    const from = this.positionAt(start, 'start');
    const to = start === end ? from : this.positionAt(end, 'end');
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  /**
   * A `StaticRange` over the text from `start` to `end`: for painting many passages, since a browser keeps every
   * live `Range` up to date on every DOM change and a `StaticRange` costs it nothing.
   */
  staticRangeFor(start: number, end: number): StaticRange {
    const from = this.positionAt(start, 'start');
    const to = start === end ? from : this.positionAt(end, 'end');
    return new StaticRange({ startContainer: from.node, startOffset: from.offset, endContainer: to.node, endOffset: to.offset });
  }

  /** The text offsets of a `Range`. */
  offsetsOf(range: AbstractRange): { start: number; end: number } {
    const start = this.offsetOf(range.startContainer, range.startOffset);
    const end = this.offsetOf(range.endContainer, range.endOffset);
    return { start, end: Math.max(start, end) };
  }

  private nodeContaining(offset: number, affinity: 'start' | 'end'): number {
    // Last node whose start is <= offset (for 'end', < offset so that a boundary sits at a node's end).
    let low = 0;
    let high = this.nodes.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      const begins = this.starts[mid];
      if (begins < offset || (affinity === 'start' && begins === offset)) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** How many collapsed characters the first `rawOffset` code units of node `i` contribute. */
  private collapsedLength(i: number, rawOffset: number): number {
    const data = this.nodes[i].data;
    let lastWasSpace = (this.flags[i] & 1) === 1;
    let count = this.flags[i] >> 1;
    for (let j = 0; j < rawOffset && j < data.length; j++) {
      if (isSpace(data.charCodeAt(j))) {
        if (!lastWasSpace) count++;
        lastWasSpace = true;
      } else {
        count++;
        lastWasSpace = false;
      }
    }
    return count;
  }

  /** The raw offset in node `i` at which its `local`-th collapsed character starts (a break space: offset 0). */
  private rawOffset(i: number, local: number): number {
    const data = this.nodes[i].data;
    const lead = this.flags[i] >> 1;
    if (local < lead) return 0;
    local -= lead;
    let lastWasSpace = (this.flags[i] & 1) === 1;
    let count = 0;
    for (let j = 0; j < data.length; j++) {
      const space = isSpace(data.charCodeAt(j));
      const counts = !space || !lastWasSpace;
      if (counts) {
        if (count === local) return j;
        count++;
      }
      lastWasSpace = space;
    }
    return data.length;
  }
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const DOCUMENT_NODE = 9;

/** The attribute with which the library's own UI (section numbers, markers, notes, pull-quotes) marks itself. */
export const SKIP_ATTRIBUTE = 'data-essay-skip';

/**
 * How {@link TextIndex} treats an element's subtree: `'ignored'` (the library's own UI, marked
 * `data-essay-skip`, or what the caller's `skip` rejects) is left out of every offset; `'unread'` (code and
 * templates) is not read but counts in raw offsets, as in `textContent`; `null` is read.
 */
export function skipKind(element: Element, skip?: (element: Element) => boolean): 'ignored' | 'unread' | null {
  if (element.hasAttribute(SKIP_ATTRIBUTE) || (skip !== undefined && skip(element))) return 'ignored';
  switch (element.localName) {
    case 'script':
    case 'style':
    case 'template':
    case 'noscript':
    case 'head':
      return 'unread';
  }
  return null;
}

/** @deprecated Kept for pages that used it: an element whose text {@link TextIndex} leaves out. */
export function isSkippedElement(element: Element): boolean {
  return skipKind(element) !== null;
}

/** Elements that start a new line: a block boundary, or a line break, separates the words on either side. */
function isBreak(element: Element): boolean {
  switch (element.localName) {
    case 'br':
    case 'p':
    case 'div':
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'li':
    case 'ul':
    case 'ol':
    case 'dl':
    case 'dt':
    case 'dd':
    case 'blockquote':
    case 'pre':
    case 'section':
    case 'article':
    case 'aside':
    case 'header':
    case 'footer':
    case 'nav':
    case 'main':
    case 'figure':
    case 'figcaption':
    case 'table':
    case 'caption':
    case 'thead':
    case 'tbody':
    case 'tfoot':
    case 'tr':
    case 'td':
    case 'th':
    case 'hr':
    case 'address':
    case 'details':
    case 'summary':
    case 'dialog':
    case 'fieldset':
    case 'legend':
    case 'form':
    case 'hgroup':
    case 'menu':
    case 'search':
    case 'option':
    case 'body':
      return true;
  }
  return false;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).nodeType === 'number' && 'firstChild' in value;
}

function ownerDocumentOf(node: Node): Document {
  return node.nodeType === DOCUMENT_NODE ? (node as Document) : node.ownerDocument!;
}

/** Text that needs folding: a run of two spaces, or white space other than a plain space. */
const FOLDABLE = /[\t\n\f\r\u00a0]| {2}/;
const SPACE_RUNS = /[ \t\n\f\r\u00a0]+/g;

/** White space as HTML collapses it: space, tab, line feed, form feed, carriage return; plus no-break space. */
function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12 || code === 160;
}

/** Collapses white space the way {@link TextIndex} does, for text that did not come from the DOM. */
export function collapseWhitespace(text: string): string {
  return text.replace(SPACE_RUNS, ' ');
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
