import type { TextIndex } from '../../../core/text/text-index.js';

/** How many frames without a near change tell that the scroll has slowed. */
const QUIET_FRAMES = 3;

/** The elements whose nearness to the viewport decides, with many entries, which are laid out and marked. */
const BLOCKS = 'p, li, blockquote, pre, h1, h2, h3, h4, h5, h6, dd, dt, td, th, figcaption, div';

/**
 * Which passages are near the viewport (a screen above and below it), told by the blocks (paragraphs, list items,
 * …) they start in, watched with one IntersectionObserver. With thousands of passages the margin marks, paints and
 * lays out only those; `onChange` runs when blocks come near or go far (during a fling, once it slows: see
 * watchFrames).
 */
export class NearViewport {
  /** The block each tracked passage starts in. */
  private readonly blocks = new Map<string, Element>();
  /** The blocks near the viewport as last told (see watchFrames): what isNear and nearIds answer from. */
  private near = new Set<Element>();
  /** The blocks near the viewport as the observer last said. */
  private readonly seen = new Set<Element>();
  private observer?: IntersectionObserver;
  /** How many tracked passages start in each watched block: at none, the block is no longer watched. */
  private readonly watched = new Map<Element, number>();
  /** Where each tracked passage started, in the version of the text `track` was last given (EssayText.versionOf). */
  private starts = new Map<string, number>();
  private version = -1;
  /** The animation frame that counts frames after a change (0: none; -1: a held-back change is about to be told). */
  private settling = 0;
  /** Frames begun since the last change heard. */
  private quietFrames = 0;
  /**
   * The tracked passages near the viewport, worked out once from the blocks when first asked after a change: an
   * update asks of each of 10,000 passages whether it is near, two or three times.
   */
  private nearIdSet: Set<string> | null = null;
  /** Whether a change was heard while the frames after another were watched (see watchFrames). */
  private pending = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly onChange: () => void,
  ) {}

  /** Whether passages are tracked (there are many): otherwise every passage counts as near. */
  get tracking(): boolean {
    return this.blocks.size > 0;
  }

  /**
   * Tracks these passages (and stops tracking any others); none stops watching altogether. A passage that starts
   * where it did in the same text keeps its block, unlooked-up (markers split text nodes, but never move text to
   * another element): with 10,000 passages, finding every block again was a good part of each update.
   */
  track(index: TextIndex, version: number, passages: readonly { id: string; start: number }[]) {
    const sameText = version === this.version;
    this.version = version;
    for (const { id, start } of passages) {
      if (sameText && this.starts.get(id) === start && this.blocks.has(id)) continue;
      const { node } = index.positionAt(start, 'start');
      const block = node.parentElement?.closest(BLOCKS) ?? this.root;
      const before = this.blocks.get(id);
      if (before !== block) {
        if (before) this.release(before);
        this.watch(block);
      }
      this.blocks.set(id, block);
      this.starts.set(id, start);
      this.nearIdSet = null;
    }
    // Passages that are gone are dropped: a pass over the map only when it holds more than the passages given
    // (each of which it now holds). One added beside 10,000 needs none.
    if (this.blocks.size !== passages.length) {
      const ids = new Set(passages.map((p) => p.id));
      for (const id of this.blocks.keys()) {
        if (ids.has(id)) continue;
        this.release(this.blocks.get(id)!);
        this.blocks.delete(id);
        this.nearIdSet = null;
        this.starts.delete(id);
      }
    }
    if (this.blocks.size === 0) this.stop();
  }

  /** Whether the passage `id` is near the viewport (false for one not tracked). */
  isNear(id: string): boolean {
    return this.nearIds().has(id);
  }

  /** The tracked passages near the viewport (the same set until what is near or what is tracked changes). */
  nearIds(): ReadonlySet<string> {
    if (!this.nearIdSet) {
      this.nearIdSet = new Set();
      for (const [id, block] of this.blocks) if (this.near.has(block)) this.nearIdSet.add(id);
    }
    return this.nearIdSet;
  }

  stop() {
    this.nearIdSet = null;
    if (this.settling > 0) cancelAnimationFrame(this.settling);
    this.settling = 0;
    this.observer?.disconnect();
    this.observer = undefined;
    this.blocks.clear();
    this.near.clear();
    this.seen.clear();
    this.watched.clear();
    this.starts.clear();
    this.version = -1;
  }

  private watch(block: Element) {
    const count = this.watched.get(block) ?? 0;
    this.watched.set(block, count + 1);
    if (count > 0) return;
    this.observer ??= new IntersectionObserver((records) => this.heard(records), { rootMargin: '100% 0px' });
    this.observer.observe(block);
  }

  /** One passage fewer starts in `block`: at none, it is no longer watched (nor held, if the author removed it). */
  private release(block: Element) {
    const count = (this.watched.get(block) ?? 1) - 1;
    if (count > 0) {
      this.watched.set(block, count);
      return;
    }
    this.watched.delete(block);
    if (this.near.delete(block)) this.nearIdSet = null;
    this.seen.delete(block);
    this.observer?.unobserve(block);
  }

  private heard(records: IntersectionObserverEntry[]) {
    let changed = false;
    for (const record of records) {
      if (!this.watched.has(record.target)) continue; // released while the record was on its way
      if (record.isIntersecting && !this.seen.has(record.target)) {
        this.seen.add(record.target);
        changed = true;
      } else if (!record.isIntersecting && this.seen.delete(record.target)) changed = true;
    }
    if (!changed) return;
    // A change after calm frames (reading, a jump to a section) is told at once; changes frame after frame wait.
    if (this.settling !== 0) {
      this.quietFrames = 0;
      this.pending = true;
    } else {
      this.tell();
      this.watchFrames();
    }
  }

  /** Makes what the observer saw what is near, and says so. */
  private tell() {
    this.near = new Set(this.seen);
    this.nearIdSet = null;
    this.onChange();
  }

  /**
   * Watches the frames after a change: changes heard meanwhile are told once the scroll has slowed, that is after
   * {@link QUIET_FRAMES} frames without more. While the page flies past (a fling, a dragged scroll bar, a screen or
   * more a frame), every frame brings blocks near and takes others far, and acting on each made every frame of the
   * scroll lay out, pre-paint and paint the whole essay again: 35 to 50 ms a frame on the 200k-word bench essay,
   * against 18 ms with nothing to do. Reading changes what is near only now and then, and "near" reaches a screen
   * past the viewport, so passages are marked before they show.
   *
   * Frames are counted, not milliseconds: on a busy machine every frame is slow, and a time limit took each frame's
   * change for one after a calm. Two quiet frames were not enough: in the bench's fling a frame now and then
   * brought no change. What was held back is told in a task of its own, as the observer's callback would be, so that
   * what it renders is laid out in the next frame before it is painted.
   */
  private watchFrames() {
    this.quietFrames = 0;
    this.pending = false;
    const tick = () => {
      if (++this.quietFrames < QUIET_FRAMES) {
        this.settling = requestAnimationFrame(tick);
        return;
      }
      this.settling = 0;
      if (!this.pending) return;
      // Changes heard until the task runs are told with these.
      this.settling = -1;
      setTimeout(() => {
        if (this.settling !== -1) return; // stopped meanwhile
        this.settling = 0;
        this.tell();
        this.watchFrames();
      });
    };
    this.settling = requestAnimationFrame(tick);
  }
}
