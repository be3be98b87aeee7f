import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tracks which section the reader is in: the first observed heading inside the top part of the viewport, or else
 * the last one above it. Uses IntersectionObserver, whose entries carry the positions it measured, so it never
 * reads layout itself.
 */
export class ScrollSpyController implements ReactiveController {
  /** The id of the current section's heading, or null before the first. */
  current: string | null = null;
  private observer?: IntersectionObserver;
  private targets: Element[] = [];
  private readonly where = new Map<Element, 'above' | 'inside' | 'below'>();

  constructor(
    host: ReactiveControllerHost,
    private readonly onChange: (id: string | null) => void,
  ) {
    host.addController(this);
  }

  /** Starts watching these headings (in document order), replacing any watched before. */
  observe(targets: Element[]) {
    this.observer?.disconnect();
    this.targets = targets;
    this.where.clear();
    if (targets.length === 0) {
      this.update();
      return;
    }
    // The "reading line" is the top 35% of the viewport: a heading there is the section being read.
    this.observer = new IntersectionObserver((entries) => this.record(entries), {
      rootMargin: '0px 0px -65% 0px',
      threshold: [0, 1],
    });
    for (const target of targets) this.observer.observe(target);
  }

  hostConnected() {
    if (this.targets.length) this.observe(this.targets);
  }

  hostDisconnected() {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private record(entries: IntersectionObserverEntry[]) {
    for (const entry of entries) {
      const top = entry.rootBounds?.top ?? 0;
      this.where.set(
        entry.target,
        entry.isIntersecting ? 'inside' : entry.boundingClientRect.top < top ? 'above' : 'below',
      );
    }
    this.update();
  }

  private update() {
    let current: Element | undefined;
    for (const target of this.targets) {
      const where = this.where.get(target);
      if (where === 'inside') {
        current = target;
        break;
      }
      if (where === 'above') current = target;
    }
    const id = current?.id || null;
    if (id !== this.current) {
      this.current = id;
      this.onChange(id);
    }
  }
}
