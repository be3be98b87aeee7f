import type { TextIndex } from '../../../core/text/text-index.js';

/** The elements whose nearness to the viewport decides, with many entries, which are laid out and marked. */
const BLOCKS = 'p, li, blockquote, pre, h1, h2, h3, h4, h5, h6, dd, dt, td, th, figcaption, div';

/**
 * Which passages are near the viewport (a screen above and below it), told by the blocks (paragraphs, list items,
 * …) they start in, watched with one IntersectionObserver. With thousands of passages the margin marks, paints and
 * lays out only those; `onChange` runs when blocks come near or go far.
 */
export class NearViewport {
  /** The block each tracked passage starts in. */
  private readonly blocks = new Map<string, Element>();
  private readonly near = new Set<Element>();
  private observer?: IntersectionObserver;
  private watched = new WeakSet<Element>();

  constructor(
    private readonly root: HTMLElement,
    private readonly onChange: () => void,
  ) {}

  /** Whether passages are tracked (there are many): otherwise every passage counts as near. */
  get tracking(): boolean {
    return this.blocks.size > 0;
  }

  /** Tracks these passages (and stops tracking any others); none stops watching altogether. */
  track(index: TextIndex, passages: readonly { id: string; start: number }[]) {
    this.blocks.clear();
    for (const { id, start } of passages) {
      const { node } = index.positionAt(start, 'start');
      this.blocks.set(id, node.parentElement?.closest(BLOCKS) ?? this.root);
    }
    if (this.blocks.size === 0) return this.stop();
    this.observer ??= new IntersectionObserver((records) => this.heard(records), { rootMargin: '100% 0px' });
    for (const block of new Set(this.blocks.values())) {
      if (this.watched.has(block)) continue;
      this.watched.add(block);
      this.observer.observe(block);
    }
  }

  /** Whether the passage `id` is near the viewport (false for one not tracked). */
  isNear(id: string): boolean {
    const block = this.blocks.get(id);
    return block !== undefined && this.near.has(block);
  }

  /** The tracked passages near the viewport. */
  nearIds(): Set<string> {
    return new Set([...this.blocks].filter(([, block]) => this.near.has(block)).map(([id]) => id));
  }

  stop() {
    this.observer?.disconnect();
    this.observer = undefined;
    this.blocks.clear();
    this.near.clear();
    this.watched = new WeakSet();
  }

  private heard(records: IntersectionObserverEntry[]) {
    let changed = false;
    for (const record of records) {
      if (record.isIntersecting && !this.near.has(record.target)) {
        this.near.add(record.target);
        changed = true;
      } else if (!record.isIntersecting && this.near.delete(record.target)) changed = true;
    }
    if (changed) this.onChange();
  }
}
