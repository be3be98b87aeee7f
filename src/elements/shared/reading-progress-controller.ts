import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * How far through an element the reader has scrolled, from 0 to 1, written to a callback at most once per frame.
 *
 * The element's place in the page is measured only when something resized (ResizeObserver); the scroll listener
 * reads nothing but `scrollY`, which needs no layout, and defers its write to the next animation frame.
 */
export class ReadingProgressController implements ReactiveController {
  private top = 0;
  private height = 0;
  private frame = 0;
  private resizeObserver?: ResizeObserver;
  private readonly onScroll = () => this.schedule();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly write: (progress: number) => void,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.resizeObserver = new ResizeObserver(() => {
      // ResizeObserver callbacks run after layout, so this read does not force an extra one.
      const rect = this.host.getBoundingClientRect();
      this.top = rect.top + window.scrollY;
      this.height = rect.height;
      this.schedule();
    });
    this.resizeObserver.observe(this.host);
    this.resizeObserver.observe(this.host.ownerDocument.documentElement);
    window.addEventListener('scroll', this.onScroll, { passive: true });
  }

  hostDisconnected() {
    this.resizeObserver?.disconnect();
    window.removeEventListener('scroll', this.onScroll);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const scrollable = this.height - window.innerHeight;
      // An element not laid out yet (height 0) has not been read at all; one shorter than the viewport is read
      // once its top has been scrolled to.
      const progress = this.height === 0 ? 0 : scrollable <= 0 ? (window.scrollY >= this.top ? 1 : 0) : (window.scrollY - this.top) / scrollable;
      this.write(Math.min(1, Math.max(0, progress)));
    });
  }
}
