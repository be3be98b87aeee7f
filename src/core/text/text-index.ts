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
 * About 450 lines, on purpose: building the index, mapping offsets to DOM positions and back (in collapsed and raw
 * text), following a split text node without a rebuild, and making ranges all read and write the same packed
 * tables (`starts`, `rawStarts`, `flags`) that keep it fast on a 1.4 M-character essay; split apart, each part
 * would need the others' private tables.
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
  /**
   * Bit 0: the character before `nodes[i]`'s own data is white space. Bit 1: a break space precedes the data.
   * Bit 2: nothing inside the data was folded. Bit 3: its leading white space was dropped.
   */
  private readonly flags: Uint8Array;
  private nodeNumbers?: Map<Text, number>;

  private readonly rootNode: Node | null;
  /** The caller's own `skip` given to {@link build} (kept by the indexes made from this one). */
  private skip?: (element: Element) => boolean;

  private constructor(root: Node | null, text: string, nodes: Text[], starts: Int32Array, rawStarts: Int32Array, flags: Uint8Array, rawLength: number) {
    this.rootNode = root;
    this.text = text;
    this.nodes = nodes;
    this.starts = starts;
    this.rawStarts = rawStarts;
    this.flags = flags;
    this.rawLength = rawLength;
  }

  /** The indexed node. @throws TypeError for an index made from a string ({@link TextIndex.fromText}). */
  get root(): Node {
    return this.dom('root');
  }

  /**
   * Indexes a string, where there is no DOM (a server, a worker): the text is folded as {@link TextIndex.build}
   * folds a text node that holds the string, and raw offsets count the string's UTF-16 code units. Locating,
   * describing ({@link describeOffsets}) and the raw-offset mapping work on it; DOM positions and ranges do not.
   *
   * @example
   * const index = TextIndex.fromText(articleText);
   * const match = locate(annotation.target.selector, index); // offsets into index.text, or null
   * const raw = match && { start: index.rawOffsetAt(match.start), end: index.rawOffsetAt(match.end, 'end') };
   */
  static fromText(text: string): TextIndex {
    if (typeof text !== 'string') throw new TypeError(`TextIndex.fromText: text: expected a string, got ${describeValue(text)}`);
    const folds = FOLDABLE.test(text);
    let collapsed = folds ? text.replace(SPACE_RUNS, ' ') : text;
    const dropped = collapsed.charCodeAt(0) === 32 ? 1 : 0;
    if (dropped) collapsed = collapsed.slice(1);
    if (collapsed.length === 0) return new TextIndex(null, '', [], new Int32Array(0), new Int32Array(0), new Uint8Array(0), text.length);
    // One "node" that holds the string: the offset arithmetic reads only its data and length.
    const node = { data: text, length: text.length } as Text;
    return new TextIndex(null, collapsed, [node], Int32Array.of(0), Int32Array.of(0), Uint8Array.of(1 | (folds ? 0 : 4) | (dropped << 3)), text.length);
  }

  /** The root, or a TypeError naming `method` when this index was made from a string. */
  private dom(method: string): Node {
    if (this.rootNode) return this.rootNode;
    throw new TypeError(`TextIndex.${method}: this index was made from a string (TextIndex.fromText) and has no DOM; use offsets into its text`);
  }

  /**
   * Indexes `root` (an element, a document or a fragment). Pass `skip` to leave out more subtrees, as the
   * library's UI is left out.
   */
  static build(root: Node, skip?: (element: Element) => boolean): TextIndex {
    if (!isNode(root))
      throw new TypeError(
        `TextIndex.build: root: expected a DOM Node, got ${describeValue(root)}${typeof root === 'string' ? ' (for text without a DOM use TextIndex.fromText)' : ''}`,
      );
    const doc = ownerDocumentOf(root);
    const parts: string[] = [];
    const nodes: Text[] = [];
    const starts: number[] = [];
    const rawStarts: number[] = [];
    const flags: number[] = [];
    let length = 0;
    let raw = 0;
    let lastWasSpace = true; // leading white space of the whole text is dropped
    let lastBlock: Node | null = null;
    // Subtrees left out, and empty elements that break a line (<br>, <hr>): found natively up front, then met in
    // document order by a cursor each, so that the walk itself visits text nodes only.
    // A caller's own `skip` can reject any element, so then every element is asked; otherwise only those the
    // library leaves out can be.
    const candidates = root.nodeType === TEXT_NODE ? [] : (root as ParentNode).querySelectorAll(skip === undefined ? SKIPPED_SELECTOR : '*');
    const skipped = outermost([...candidates].filter((el) => skipKind(el, skip) !== null));
    const breaks = root.nodeType === TEXT_NODE ? [] : [...(root as ParentNode).querySelectorAll('br, hr')];
    let nextSkip = 0;
    let nextBreak = 0;

    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node = (root.nodeType === TEXT_NODE ? root : walker.nextNode()) as Text | null;
    while (node) {
      // Leave out a skipped subtree the node is in (code still counts in raw offsets).
      while (nextSkip < skipped.length && !isBefore(node, skipped[nextSkip]) && !skipped[nextSkip].contains(node)) nextSkip++;
      const skipping = nextSkip < skipped.length && skipped[nextSkip].contains(node) ? skipped[nextSkip] : null;
      if (skipping) {
        if (skipKind(skipping, skip) === 'unread') raw += skipping.textContent?.length ?? 0;
        // Past the subtree: its last node, from which the walker moves on.
        let last: Node = skipping;
        while (last.lastChild) last = last.lastChild;
        walker.currentNode = last;
        nextSkip++;
        node = walker.nextNode() as Text | null;
        continue;
      }
      let pendingBreak = false;
      while (nextBreak < breaks.length && isBefore(breaks[nextBreak], node)) {
        pendingBreak = true;
        nextBreak++;
      }
      const data = node.data;
      const rawStart = raw;
      raw += data.length;
      if (data.length > 0) {
        const block = nearestBlock(node, root);
        if (block !== lastBlock && lastBlock !== null) pendingBreak = true;
        const lead = pendingBreak && !lastWasSpace && !isSpace(data.charCodeAt(0)) ? 1 : 0;
        const before = lastWasSpace || lead === 1;
        // Most text nodes hold single spaces between words and nothing to fold: take them whole.
        const folds = FOLDABLE.test(data);
        let collapsed = folds ? data.replace(SPACE_RUNS, ' ') : data;
        const dropped = before && collapsed.charCodeAt(0) === 32 ? 1 : 0;
        if (dropped) collapsed = collapsed.slice(1);
        if (collapsed.length > 0) {
          if (lead) collapsed = ' ' + collapsed;
          lastWasSpace = collapsed.charCodeAt(collapsed.length - 1) === 32;
          lastBlock = block;
          nodes.push(node);
          starts.push(length);
          rawStarts.push(rawStart);
          // Bit 2: nothing folded inside the node, so its characters map one to one (after a dropped space, bit 3).
          flags.push((before ? 1 : 0) | (lead << 1) | (folds ? 0 : 4) | (dropped << 3));
          parts.push(collapsed);
          length += collapsed.length;
        } else if (pendingBreak) {
          // White space only: it holds the break for the next node.
          lastWasSpace = true;
          lastBlock = block;
        }
      }
      node = walker.nextNode() as Text | null;
    }
    const index = new TextIndex(root, parts.join(''), nodes, Int32Array.from(starts), Int32Array.from(rawStarts), Uint8Array.from(flags), raw);
    index.skip = skip;
    return index;
  }

  /**
   * The text offset of a DOM boundary point (as a `Range` or a `Selection` gives it). A point inside a skipped
   * subtree, or between nodes, maps to the offset of the next indexed character.
   */
  offsetOf(container: Node, offset: number): number {
    this.dom('offsetOf');
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
    return low === this.nodes.length ? this.text.length : this.starts[low] + ((this.flags[low] >> 1) & 1);
  }

  /** The DOM position of a text offset. `end` affinity puts a boundary at the end of the previous node. */
  positionAt(offset: number, affinity: 'start' | 'end' = 'start'): { node: Text; offset: number } {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.text.length) {
      throw new RangeError(`TextIndex.positionAt: offset ${offset} is outside the text (0 to ${this.text.length})`);
    }
    this.dom('positionAt');
    if (this.nodes.length === 0) throw new RangeError('TextIndex.positionAt: the indexed root has no text');
    const i = this.nodeContaining(offset, affinity);
    const local = offset - this.starts[i];
    // A break space has no character in the DOM: it sits at the end of the node before it, so that a range
    // that starts there maps back to the same offset.
    if (local < ((this.flags[i] >> 1) & 1) && i > 0) return { node: this.nodes[i - 1], offset: this.nodes[i - 1].length };
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

  /**
   * This index after `head.splitText(k)` cut `tail` off a text node it indexes (as placing an inline marker
   * does; the marker, skipped, may already stand between them): the text is the same and only the table of
   * nodes gains the tail, so this costs a copy of the table, not a walk of the essay. `null` when it cannot tell
   * (the node is not indexed, or one side of the cut is only white space, which the rules decide across nodes):
   * then build the index again.
   */
  withSplit(head: Text, tail: Text): TextIndex | null {
    return this.withSplits([{ head, tail }]);
  }

  /**
   * {@link withSplit} for many cuts at once, in one copy of the table: each `head` is a text node this index holds,
   * cut once or more (each `tail` cut off it, in any order). Placing 1,000 markers one patch at a time copied the
   * table 1,000 times and looked every node up by document order: most of a 200k-word essay's upgrade.
   */
  withSplits(splits: readonly { head: Text; tail: Text }[]): TextIndex | null {
    if (splits.length === 0 || !this.rootNode) return splits.length === 0 ? this : null;
    // Many cuts: one map of the nodes costs less than a binary search by document order for each.
    const numbers = splits.length > 8 ? (this.nodeNumbers ??= new Map(this.nodes.map((node, i) => [node, i]))) : null;
    const numberOf = (node: Text) => (numbers ? (numbers.get(node) ?? -1) : this.numberOf(node));
    const tailsOf = new Map<number, Text[]>();
    for (const { head, tail } of splits) {
      const i = numberOf(head);
      if (i === -1 || numberOf(tail) !== -1) return null;
      const tails = tailsOf.get(i);
      if (tails) tails.push(tail);
      else tailsOf.set(i, [tail]);
    }
    // What each cut node becomes: its pieces in document order, each with its flags, start and raw start.
    const pieces = new Map<number, { node: Text; flags: number; start: number; rawStart: number }[]>();
    for (const [i, tails] of tailsOf) {
      const flags = this.flags[i];
      const nodes = [this.nodes[i], ...tails.sort((a, b) => (a.compareDocumentPosition(b) & FOLLOWING ? -1 : 1))];
      const start = this.starts[i];
      const end = i + 1 < this.nodes.length ? this.starts[i + 1] : this.text.length;
      let text = '';
      let raw = this.rawStarts[i];
      const list: { node: Text; flags: number; start: number; rawStart: number }[] = [];
      for (const [k, node] of nodes.entries()) {
        const spaceBefore = k === 0 ? (flags & 1) === 1 : text.charCodeAt(text.length - 1) === 32;
        const part = collapseNode(node.data, spaceBefore);
        if (part.text.length === 0) return null;
        // The head keeps what it was given from before it (a leading space, a dropped one); tails start fresh.
        if (k === 0 && part.dropped !== ((flags >> 3) & 1)) return null;
        const lead = k === 0 ? (flags >> 1) & 1 : 0;
        const pieceFlags = k === 0 ? (flags & ~4) | (part.folds ? 0 : 4) : (spaceBefore ? 1 : 0) | (part.folds ? 0 : 4) | (part.dropped << 3);
        list.push({ node, flags: pieceFlags, start: start + text.length, rawStart: raw });
        text += lead ? ` ${part.text}` : part.text;
        raw += node.length;
      }
      // The pieces must read exactly as the whole did: the check that keeps this in step with build.
      if (this.text.slice(start, end) !== text) return null;
      pieces.set(i, list);
    }
    const count = this.nodes.length + splits.length;
    const nodes: Text[] = new Array(count);
    const starts = new Int32Array(count);
    const rawStarts = new Int32Array(count);
    const flags = new Uint8Array(count);
    let to = 0;
    for (let i = 0; i < this.nodes.length; i++) {
      const cut = pieces.get(i);
      if (!cut) {
        nodes[to] = this.nodes[i];
        starts[to] = this.starts[i];
        rawStarts[to] = this.rawStarts[i];
        flags[to++] = this.flags[i];
        continue;
      }
      for (const piece of cut) {
        nodes[to] = piece.node;
        starts[to] = piece.start;
        rawStarts[to] = piece.rawStart;
        flags[to++] = piece.flags;
      }
    }
    const patched = new TextIndex(this.rootNode, this.text, nodes, starts, rawStarts, flags, this.rawLength);
    patched.skip = this.skip;
    return patched;
  }

  /** Where `node` is in {@link nodes}, or -1. */
  private numberOf(node: Text): number {
    if (this.nodeNumbers) return this.nodeNumbers.get(node) ?? -1;
    let low = 0;
    let high = this.nodes.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const other = this.nodes[mid];
      if (other === node) return mid;
      if (other.compareDocumentPosition(node) & FOLLOWING) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** A live `Range` over the text from `start` to `end` (offsets in {@link text}). */
  rangeFor(start: number, end: number): Range {
    if (end < start) throw new RangeError(`TextIndex.rangeFor: end ${end} is before start ${start}`);
    const range = ownerDocumentOf(this.dom('rangeFor')).createRange();
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
    this.dom('staticRangeFor');
    const from = this.positionAt(start, 'start');
    const to = start === end ? from : this.positionAt(end, 'end');
    return new StaticRange({ startContainer: from.node, startOffset: from.offset, endContainer: to.node, endOffset: to.offset });
  }

  /**
   * The text from `start` to `end` as `StaticRange`s that leave out what the index leaves out inside it: a
   * sidenote the author put inside the passage, the library's markers. One range when nothing is left out. For
   * painting a passage: a single range would paint the sidenote's words with it.
   */
  staticRangesFor(start: number, end: number): StaticRange[] {
    this.dom('staticRangesFor');
    const from = this.positionAt(start, 'start');
    const to = start === end ? from : this.positionAt(end, 'end');
    const ranges: StaticRange[] = [];
    let piece = from;
    // The nodes' numbers, as positionAt found them (a break space sits at the end of the node before).
    const numberAt = (offset: number, affinity: 'start' | 'end', node: Text) => {
      const i = this.nodeContaining(offset, affinity);
      return this.nodes[i] === node ? i : i - 1;
    };
    const last = numberAt(end, 'end', to.node);
    for (let i = numberAt(start, 'start', from.node); i < last; i++) {
      if (!this.skippedBetween(this.nodes[i], this.nodes[i + 1])) continue;
      const head = this.nodes[i];
      if (piece.node !== head || piece.offset < head.length)
        ranges.push(new StaticRange({ startContainer: piece.node, startOffset: piece.offset, endContainer: head, endOffset: head.length }));
      piece = { node: this.nodes[i + 1], offset: 0 };
    }
    ranges.push(new StaticRange({ startContainer: piece.node, startOffset: piece.offset, endContainer: to.node, endOffset: to.offset }));
    return ranges;
  }

  /** Whether a subtree the index leaves out stands between two text nodes (`a` before `b`), walking from one to the other. */
  private skippedBetween(a: Text, b: Text): boolean {
    let node: Node | null = a;
    while (node) {
      // The next node in document order after `node` and its descendants (a text node has none)…
      while (node && !node.nextSibling) node = node.parentNode;
      node = node?.nextSibling ?? null;
      // …then down to its first text node, unless a subtree on the way is left out.
      while (node && node !== b) {
        if (node.nodeType === ELEMENT_NODE && skipKind(node as Element, this.skip) !== null) return true;
        if (!node.firstChild) break;
        node = node.firstChild;
      }
      if (node === b) return false;
    }
    return false;
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
    const flags = this.flags[i];
    if (flags & 4) return ((flags >> 1) & 1) + Math.max(0, Math.min(rawOffset, this.nodes[i].length) - ((flags >> 3) & 1));
    const data = this.nodes[i].data;
    let lastWasSpace = (flags & 1) === 1;
    let count = (flags >> 1) & 1;
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
    const flags = this.flags[i];
    const lead = (flags >> 1) & 1;
    if (local < lead) return 0;
    local -= lead;
    if (flags & 4) return Math.min(this.nodes[i].length, local + ((flags >> 3) & 1));
    const data = this.nodes[i].data;
    let lastWasSpace = (flags & 1) === 1;
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
/** Node.DOCUMENT_POSITION_FOLLOWING, without reaching for the DOM globals at import. */
const FOLLOWING = 4;

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

/** Whether {@link TextIndex} leaves an element's text out (see {@link skipKind}). */
export function isSkippedElement(element: Element): boolean {
  return skipKind(element) !== null;
}

const SKIPPED_SELECTOR = `[${SKIP_ATTRIBUTE}], script, style, template, noscript, head`;

/** The elements of a document-ordered list that no other element of it contains. */
function outermost(elements: Element[]): Element[] {
  const kept: Element[] = [];
  for (const element of elements) if (!kept.length || !kept[kept.length - 1].contains(element)) kept.push(element);
  return kept;
}

/** Whether `a` comes before `b` in document order and does not contain it. */
function isBefore(a: Node, b: Node): boolean {
  const position = a.compareDocumentPosition(b);
  return (position & 4) !== 0 && (position & 16) === 0;
}

/** The nearest ancestor of `node` (up to `root`) that is a block, or `root`. */
function nearestBlock(node: Node, root: Node): Node {
  for (let parent = node.parentNode; parent && parent !== root; parent = parent.parentNode) {
    if (parent.nodeType === ELEMENT_NODE && isBreak(parent as Element)) return parent;
  }
  return root;
}

/** Elements that start a new line: a block boundary, or a line break, separates the words on either side. */
function isBreak(element: Element): boolean {
  return BREAKS.has(element.localName);
}

const BREAKS = new Set([
  'br',
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'nav',
  'main',
  'figure',
  'figcaption',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'hr',
  'address',
  'details',
  'summary',
  'dialog',
  'fieldset',
  'legend',
  'form',
  'hgroup',
  'menu',
  'search',
  'option',
  'body',
]);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).nodeType === 'number' && 'firstChild' in value;
}

function ownerDocumentOf(node: Node): Document {
  return node.nodeType === DOCUMENT_NODE ? (node as Document) : node.ownerDocument!;
}

/** Text that needs folding: a run of two spaces, or white space other than a plain space. */
const FOLDABLE = /[\t\n\f\r\u00a0]| {2}/;
const SPACE_RUNS = /[ \t\n\f\r\u00a0]+/g;

/** What one text node contributes, as {@link TextIndex.build} reads it (without a break space before it). */
function collapseNode(data: string, spaceBefore: boolean): { text: string; folds: boolean; dropped: number } {
  const folds = FOLDABLE.test(data);
  const collapsed = folds ? data.replace(SPACE_RUNS, ' ') : data;
  const dropped = spaceBefore && collapsed.charCodeAt(0) === 32 ? 1 : 0;
  return { text: dropped ? collapsed.slice(1) : collapsed, folds, dropped };
}

/** White space as HTML collapses it: space, tab, line feed, form feed, carriage return; plus no-break space. */
function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12 || code === 160;
}

/** Collapses white space the way {@link TextIndex} does, for text that did not come from the DOM. */
export function collapseWhitespace(text: string): string {
  // Testing first spares an allocation for the common string that has nothing to fold.
  return FOLDABLE.test(text) ? text.replace(SPACE_RUNS, ' ') : text;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
