/**
 * The text of a root element as a reader reads it, with a two-way mapping between character offsets in that
 * text and DOM positions.
 *
 * The text is the concatenation of the root's text nodes in document order, with every run of white space
 * collapsed to one space (so re-indenting the HTML, or a line break that markup introduced, moves no offset).
 * Subtrees a reader does not read as essay text are left out: see {@link isSkippedElement}.
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
  /** `starts[i]` is the offset in {@link text} of the first character that `nodes[i]` contributes. */
  private readonly starts: Int32Array;
  /** `afterSpace[i]` is 1 when the character before `nodes[i]` was white space. */
  private readonly afterSpace: Uint8Array;
  private readonly nodeNumbers: Map<Text, number>;

  private constructor(
    readonly root: Node,
    text: string,
    nodes: Text[],
    starts: Int32Array,
    afterSpace: Uint8Array,
  ) {
    this.text = text;
    this.nodes = nodes;
    this.starts = starts;
    this.afterSpace = afterSpace;
    this.nodeNumbers = new Map(nodes.map((node, i) => [node, i]));
  }

  /**
   * Indexes `root`. Pass `skip` to leave out more subtrees than {@link isSkippedElement} does.
   */
  static build(root: Node, skip: (element: Element) => boolean = isSkippedElement): TextIndex {
    if (!(root instanceof Node)) throw new TypeError(`TextIndex.build: root: expected a DOM Node, got ${describeValue(root)}`);
    const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          return node !== root && skip(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    const parts: string[] = [];
    const nodes: Text[] = [];
    const starts: number[] = [];
    const afterSpace: number[] = [];
    let length = 0;
    let lastWasSpace = true; // leading white space of the whole text is dropped
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const data = node.data;
      const before = lastWasSpace;
      // Most text nodes hold single spaces between words and nothing to fold: take them whole.
      let collapsed = FOLDABLE.test(data) ? data.replace(SPACE_RUNS, ' ') : data;
      if (lastWasSpace && collapsed.charCodeAt(0) === 32) collapsed = collapsed.slice(1);
      if (collapsed.length > 0) lastWasSpace = collapsed.charCodeAt(collapsed.length - 1) === 32;
      if (collapsed.length === 0) continue;
      nodes.push(node);
      starts.push(length);
      afterSpace.push(before ? 1 : 0);
      parts.push(collapsed);
      length += collapsed.length;
    }
    return new TextIndex(root, parts.join(''), nodes, Int32Array.from(starts), Uint8Array.from(afterSpace));
  }

  /**
   * The text offset of a DOM boundary point (as a `Range` or a `Selection` gives it). A point inside a skipped
   * subtree, or between nodes, maps to the offset of the next indexed character.
   */
  offsetOf(container: Node, offset: number): number {
    if (container.nodeType === Node.TEXT_NODE) {
      const i = this.nodeNumbers.get(container as Text);
      if (i !== undefined) return this.starts[i] + this.collapsedLength(i, offset);
    }
    // Find the first indexed node that starts at or after the point (binary search in document order).
    const point = container.ownerDocument!.createRange();
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
    return low === this.nodes.length ? this.text.length : this.starts[low];
  }

  /** The DOM position of a text offset. `end` affinity puts a boundary at the end of the previous node. */
  positionAt(offset: number, affinity: 'start' | 'end' = 'start'): { node: Text; offset: number } {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.text.length) {
      throw new RangeError(`TextIndex.positionAt: offset ${offset} is outside the text (0 to ${this.text.length})`);
    }
    if (this.nodes.length === 0) throw new RangeError('TextIndex.positionAt: the indexed root has no text');
    const i = this.nodeContaining(offset, affinity);
    const local = offset - this.starts[i];
    return { node: this.nodes[i], offset: this.rawOffset(i, local) };
  }

  /** A live `Range` over the text from `start` to `end` (offsets in {@link text}). */
  rangeFor(start: number, end: number): Range {
    if (end < start) throw new RangeError(`TextIndex.rangeFor: end ${end} is before start ${start}`);
    const range = this.root.ownerDocument!.createRange();
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
  offsetsOf(range: Range): { start: number; end: number } {
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
    let lastWasSpace = this.afterSpace[i] === 1;
    let count = 0;
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

  /** The raw offset in node `i` at which its `local`-th collapsed character starts. */
  private rawOffset(i: number, local: number): number {
    const data = this.nodes[i].data;
    let lastWasSpace = this.afterSpace[i] === 1;
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

/** Elements whose text is not essay text: code and hidden content, duplicates, and the library's own UI. */
export function isSkippedElement(element: Element): boolean {
  switch (element.localName) {
    case 'script':
    case 'style':
    case 'template':
    case 'noscript':
    case 'essay-pullquote':
    case 'essay-note':
      return true;
  }
  return (
    element.hasAttribute('hidden') ||
    element.getAttribute('aria-hidden') === 'true' ||
    element.hasAttribute('data-essay-ui')
  );
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
  return text.replace(/[ \t\n\f\r\u00a0]+/g, ' ');
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
