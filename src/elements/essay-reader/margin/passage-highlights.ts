import { createPainter, type Painter } from '../../../core/highlight/painter.js';
import type { TextIndex } from '../../../core/text/text-index.js';

/** A passage to highlight. */
export interface Highlighted {
  id: string;
  start: number;
  end: number;
  color?: string;
  /** Painted whatever its distance from the viewport (a rendered card, the active or pinned entry). */
  always: boolean;
}

/**
 * The highlights of the margin's passages, painted with the Custom Highlight API (or `<mark>`s where it is
 * missing, or asked for). With many passages, only those near the viewport (and those always painted): with
 * thousands registered, Chromium checked every one again on each frame in which anything in the page changed (70
 * to 100 ms a frame with 10,000; 17 ms with 1,000 notes). Painting thousands of passages also costs as much as the
 * rest of an update: when the passages, their colours and the text nodes they lie in are as last painted, the
 * highlights on the page are right, and nothing is done.
 */
export class PassageHighlights {
  private painter?: Painter;
  private passages: { list: Highlighted[]; index: TextIndex } | null = null;
  /** What was last painted, and the text nodes it was painted in. */
  private key = '';
  private nodes: readonly Text[] | null = null;
  private activeId: string | null = null;

  constructor(private readonly forceMarks: () => boolean) {}

  /** Whether highlights are `<mark>` elements in the text (which split its text nodes), not ranges. */
  get marks(): boolean {
    return this.painter?.mode === 'mark';
  }

  /** Whether highlights are painted (there is something to clear). */
  get started(): boolean {
    return this.painter !== undefined;
  }

  /** The passages to paint from now on, found in `index`. */
  set(list: Highlighted[], index: TextIndex) {
    this.painter ??= createPainter({ forceMarks: this.forceMarks() });
    this.passages = { list, index };
  }

  /**
   * Paints the passages, or with `isNear` given, those near the viewport and those always painted. `mutate` runs
   * the DOM changes (marks) unobserved.
   */
  paint(isNear: ((id: string) => boolean) | null, mutate: <T>(change: () => T) => T) {
    if (!this.painter || !this.passages) return;
    const { list, index } = this.passages;
    const painted = isNear ? list.filter((p) => p.always || p.id === this.activeId || isNear(p.id)) : list;
    const key = painted.map(({ id, start, end, color }) => `${id}\u0000${start}\u0000${end}\u0000${color ?? ''}`).join('\u0001');
    const sameNodes = this.nodes !== null && this.nodes.length === index.nodes.length && index.nodes.every((node, i) => node === this.nodes![i]);
    if (!this.marks && key === this.key && sameNodes) return;
    mutate(() => this.painter!.paint(painted.map(({ id, start, end, color }) => ({ id, ...rangesOf(index, start, end), color, start, end }))));
    this.key = key;
    this.nodes = index.nodes;
    if (this.activeId !== null) this.painter.setActive(this.activeId);
  }

  /** Emphasises one passage's highlight, or none. */
  setActive(id: string | null) {
    this.activeId = id;
    this.painter?.setActive(id);
  }

  clear() {
    this.painter?.clear();
    this.key = '';
  }
}

/** A passage's range, and its pieces when something inside it is not its own (a sidenote, a marker). */
function rangesOf(index: TextIndex, start: number, end: number): { range: AbstractRange; pieces?: AbstractRange[] } {
  const pieces = index.staticRangesFor(start, end);
  if (pieces.length === 1) return { range: pieces[0] };
  const { startContainer, startOffset } = pieces[0];
  const { endContainer, endOffset } = pieces[pieces.length - 1];
  return { range: new StaticRange({ startContainer, startOffset, endContainer, endOffset }), pieces };
}
