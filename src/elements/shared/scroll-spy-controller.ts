import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The "reading line": a heading in the top 35 % of the viewport starts the section being read. */
const READING_LINE = 0.35;

/**
 * Tracks which section the reader is in: the first heading inside the top part of the viewport, or else the last
 * one above it.
 *
 * It reads heading positions on every scroll and resize (once a frame), not through IntersectionObserver: an
 * observer reports only headings that cross its edges, and a jump (Home, End, find in page, a link, a script's
 * scrollIntoView) carries headings from below the viewport to above it without crossing anything, so the rail
 * went on marking the section the reader had left. The headings are in document order, so a binary search finds
 * the current one in O(log n) reads of layout that is already clean after a scroll.
 */
export class ScrollSpyController implements ReactiveController {
  /** The id of the current section's heading, or null before the first. */
  current: string | null = null;
  private targets: Element[] = [];
  private frame = 0;
  private listening = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onChange: (id: string | null) => void,
  ) {
    host.addController(this);
  }

  /** Starts watching these headings (in document order), replacing any watched before. */
  observe(targets: Element[]) {
    this.targets = targets;
    if (this.host.isConnected) this.listen(true);
    this.update();
  }

  hostConnected() {
    if (this.targets.length) this.observe(this.targets);
  }

  hostDisconnected() {
    this.listen(false);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private listen(on: boolean) {
    if (on === this.listening) return;
    this.listening = on;
    const view = this.host.ownerDocument.defaultView;
    // Capture: the essay may scroll inside any container, not only the window.
    const method = on ? 'addEventListener' : 'removeEventListener';
    this.host.ownerDocument[method]('scroll', this.schedule, { capture: true, passive: true } as AddEventListenerOptions);
    view?.[method]('resize', this.schedule, { passive: true } as AddEventListenerOptions);
  }

  private readonly schedule = () => {
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  };

  private update() {
    const line = (this.host.ownerDocument.defaultView?.innerHeight ?? 0) * READING_LINE;
    const targets = this.targets.filter((t) => t.isConnected);
    // The last heading above the top of the viewport.
    let low = 0;
    let high = targets.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (targets[mid].getBoundingClientRect().top < 0) low = mid + 1;
      else high = mid;
    }
    const above = low - 1;
    const next = targets[above + 1];
    // A heading inside the reading line wins over the one above it.
    const current = next && next.getBoundingClientRect().top < line ? next : targets[above];
    const id = current?.id || null;
    if (id !== this.current) {
      this.current = id;
      this.onChange(id);
    }
  }
}
