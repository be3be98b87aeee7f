/**
 * Paints passages. With the CSS Custom Highlight API the DOM is never touched: ranges are registered in
 * `CSS.highlights` and styled by `::highlight()` rules. Without it, text is wrapped in `<mark data-essay-mark>`
 * elements that the painter owns and removes cleanly.
 */

/** The colours a passage can be painted in; anything else is painted in the first. */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/** Overlapping passages are painted in separate layers, so that the overlap shows deeper. */
export const HIGHLIGHT_LAYERS = 3;

export interface PaintItem {
  id: string;
  /** A `Range`, or a `StaticRange` when the DOM will not change before the next paint (cheaper for many). */
  range: AbstractRange;
  /**
   * What is painted when not the whole `range`: its parts around what lies inside it but is not the passage's (a
   * sidenote, a marker), as {@link TextIndex.staticRangesFor} gives them.
   */
  pieces?: readonly AbstractRange[];
  color?: string;
  /**
   * Text offsets of the range (as a TextIndex gives them). When every item has them, the painter orders and
   * layers items by numbers instead of asking the DOM, which is much faster for thousands of passages.
   */
  start?: number;
  end?: number;
}

export interface Painter {
  readonly mode: 'highlight-api' | 'mark';
  /** Paints these passages, replacing whatever was painted before. */
  paint(items: readonly PaintItem[]): void;
  /** Emphasises one painted passage (hover, focus), or none. */
  setActive(id: string | null): void;
  /** Removes all paint. */
  clear(): void;
}

/** The name under which a colour's layer is registered: `::highlight(essay-hl-green-1)`. */
export function highlightName(color: HighlightColor, layer: number): string {
  return `essay-hl-${color}-${layer}`;
}
export const ACTIVE_HIGHLIGHT = 'essay-hl-active';

export function normalizeColor(color: string | undefined | null): HighlightColor {
  return (HIGHLIGHT_COLORS as readonly string[]).includes(color ?? '') ? (color as HighlightColor) : 'yellow';
}

type Registry = HighlightRegistry;

function registry(): Registry | undefined {
  return (globalThis.CSS as { highlights?: Registry } | undefined)?.highlights;
}

/** One Range for comparing boundary points: every live Range costs the browser work on each DOM change. */
let comparer: Range | undefined;

/** Orders two boundary points: negative when the first comes before the second. */
function comparePoints(nodeA: Node, offsetA: number, nodeB: Node, offsetB: number): number {
  if (nodeA === nodeB) return offsetA - offsetB;
  if (nodeA.nodeType === Node.TEXT_NODE && nodeB.nodeType === Node.TEXT_NODE) {
    return nodeA.compareDocumentPosition(nodeB) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }
  comparer ??= nodeA.ownerDocument!.createRange();
  comparer.setStart(nodeA, offsetA);
  return -comparer.comparePoint(nodeB, offsetB) || 0;
}

/** A painter for `doc`: the Highlight API where the browser has it, unless `forceMarks`. */
export function createPainter(options: { forceMarks?: boolean } = {}): Painter {
  const highlights = registry();
  return !options.forceMarks && highlights && typeof Highlight === 'function' ? new HighlightApiPainter(highlights) : new MarkPainter();
}

/** The painter whose passage is emphasised (`ACTIVE_HIGHLIGHT` is one name for every reader on the page). */
let activeOwner: HighlightApiPainter | null = null;

/** Every registered painter's highlights, so that several readers on one page share the registry names. */
const livePainters = new Set<HighlightApiPainter>();

class HighlightApiPainter implements Painter {
  readonly mode = 'highlight-api';
  private items: PaintItem[] = [];
  private layers = new Map<string, AbstractRange[]>();

  constructor(private readonly registry: Registry) {}

  paint(items: readonly PaintItem[]) {
    this.items = [...items];
    this.layers = new Map();
    const byOffsets = items.every((item) => item.start !== undefined && item.end !== undefined);
    const before = (a: PaintItem, b: PaintItem) =>
      byOffsets ? a.start! - b.start! : comparePoints(a.range.startContainer, a.range.startOffset, b.range.startContainer, b.range.startOffset);
    const endsBefore = (a: PaintItem, b: PaintItem) =>
      byOffsets ? a.end! <= b.start! : comparePoints(a.range.endContainer, a.range.endOffset, b.range.startContainer, b.range.startOffset) <= 0;
    const sorted = [...items].sort(before);
    const layerEnds: PaintItem[][] = HIGHLIGHT_COLORS.map(() => []);
    for (const item of sorted) {
      const color = normalizeColor(item.color);
      const ends = layerEnds[HIGHLIGHT_COLORS.indexOf(color)];
      // The first layer whose last passage ends before this one starts.
      let layer = ends.findIndex((end) => endsBefore(end, item));
      if (layer === -1) layer = ends.length < HIGHLIGHT_LAYERS ? ends.length : HIGHLIGHT_LAYERS - 1;
      ends[layer] = item;
      const name = highlightName(color, layer);
      let list = this.layers.get(name);
      if (!list) this.layers.set(name, (list = []));
      list.push(...(item.pieces ?? [item.range]));
    }
    livePainters.add(this);
    this.render();
  }

  setActive(id: string | null) {
    const item = id === null ? undefined : this.items.find((i) => i.id === id);
    if (item) this.registry.set(ACTIVE_HIGHLIGHT, new Highlight(...(item.pieces ?? [item.range])));
    else this.registry.delete(ACTIVE_HIGHLIGHT);
    activeOwner = item ? this : null;
  }

  clear() {
    // The emphasis goes with the passages: left registered, it outlived a reader taken out of the page.
    if (activeOwner === this) this.setActive(null);
    this.items = [];
    this.layers = new Map();
    livePainters.delete(this);
    this.render();
  }

  /** Registers the union of all live painters' layers (several readers may share a page). */
  private render() {
    for (const color of HIGHLIGHT_COLORS) {
      for (let layer = 0; layer < HIGHLIGHT_LAYERS; layer++) {
        const name = highlightName(color, layer);
        const ranges = [...livePainters].flatMap((painter) => painter.layers.get(name) ?? []);
        if (ranges.length) this.registry.set(name, new Highlight(...ranges));
        else this.registry.delete(name);
      }
    }
  }
}

class MarkPainter implements Painter {
  readonly mode = 'mark';
  private marks: HTMLElement[] = [];

  paint(items: readonly PaintItem[]) {
    this.clear();
    // Collect every text-node segment of every range before touching the DOM (wrapping would move the ranges).
    const segments = new Map<Text, { start: number; end: number; item: PaintItem }[]>();
    for (const item of items) {
      for (const [node, start, end] of (item.pieces ?? [item.range]).flatMap(textSegments)) {
        let list = segments.get(node);
        if (!list) segments.set(node, (list = []));
        list.push({ start, end, item });
      }
    }
    for (const [node, list] of segments) {
      // Split the node at every boundary, then wrap each piece in one mark per passage that covers it.
      const total = node.length;
      const cuts = [...new Set(list.flatMap((s) => [s.start, s.end]).concat(0, total))].sort((a, b) => a - b);
      const pieces: { node: Text; start: number; end: number }[] = [];
      let rest = node;
      let restStart = 0;
      for (const cut of cuts.slice(1, -1)) {
        const right = rest.splitText(cut - restStart);
        pieces.push({ node: rest, start: restStart, end: cut });
        rest = right;
        restStart = cut;
      }
      pieces.push({ node: rest, start: restStart, end: total });
      for (const piece of pieces) {
        const covering = list.filter((s) => s.start <= piece.start && piece.end <= s.end && piece.end > piece.start);
        let inner: Node = piece.node;
        for (const { item } of covering) {
          const mark = piece.node.ownerDocument.createElement('mark');
          mark.setAttribute('data-essay-mark', normalizeColor(item.color));
          mark.dataset.id = item.id;
          inner.parentNode!.insertBefore(mark, inner);
          mark.append(inner);
          inner = mark;
          this.marks.push(mark);
        }
      }
    }
  }

  setActive(id: string | null) {
    for (const mark of this.marks) mark.toggleAttribute('data-active', mark.dataset.id === id);
  }

  clear() {
    const parents = new Set<Node>();
    // Innermost first, so that unwrapping an outer mark moves already-unwrapped text.
    for (const mark of this.marks.reverse()) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      mark.remove();
      parents.add(parent);
    }
    for (const parent of parents) if (parent.isConnected) parent.normalize();
    this.marks = [];
  }
}

/**
 * The text nodes a range covers, with the covered offsets in each; walks only from its start to its end. Works
 * on a `StaticRange` too, which is the cheaper input for many highlights: a browser updates every live `Range`
 * on every DOM change, and wrapping text in marks makes many.
 */
function textSegments(range: AbstractRange): [Text, number, number][] {
  const result: [Text, number, number][] = [];
  const { startContainer, startOffset, endContainer, endOffset } = range;
  if (startContainer === endContainer && startContainer.nodeType === Node.TEXT_NODE) {
    if (endOffset > startOffset) result.push([startContainer as Text, startOffset, endOffset]);
    return result;
  }
  const walker = startContainer.ownerDocument!.createTreeWalker(startContainer.getRootNode(), NodeFilter.SHOW_TEXT);
  let first: Node | null = startContainer.nodeType === Node.TEXT_NODE ? startContainer : (startContainer.childNodes[startOffset] ?? null);
  if (!first) {
    // The start is after the container's last child: begin after the container.
    walker.currentNode = startContainer;
    first = nextOutside(walker, startContainer);
  } else if (first.nodeType !== Node.TEXT_NODE) {
    walker.currentNode = first;
    first = walker.nextNode();
  }
  if (first) walker.currentNode = first;
  const endBefore = endContainer.nodeType === Node.TEXT_NODE ? null : (endContainer.childNodes[endOffset] ?? null);
  const afterEnd = (node: Node) => {
    if (endContainer.nodeType === Node.TEXT_NODE)
      return node !== endContainer && !!(endContainer.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (endBefore) return node === endBefore || endBefore.contains(node) || !!(endBefore.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
    return !endContainer.contains(node) && !!(endContainer.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
  };
  for (let node = first as Text | null; node && !afterEnd(node); node = walker.nextNode() as Text | null) {
    const start = node === startContainer ? startOffset : 0;
    const end = node === endContainer ? endOffset : node.length;
    if (end > start) result.push([node, start, end]);
  }
  return result;
}

/** The first text node after `container` and all its descendants. */
function nextOutside(walker: TreeWalker, container: Node): Node | null {
  let node = walker.nextNode();
  while (node && container.contains(node)) node = walker.nextNode();
  return node;
}
