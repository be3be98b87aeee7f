import { computePosition, flip, offset, shift } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ToolbarHost extends ReactiveControllerHost, HTMLElement {
  /** The toolbar element in the host's shadow root. */
  readonly toolbar: HTMLElement | null;
  /** Whether a reader may annotate this range now. */
  acceptsSelection(range: Range): boolean;
}

/**
 * Shows the annotation toolbar beside a selection in the essay: after the pointer is released, or as the
 * selection changes by keyboard; hidden while a pointer is still selecting, and when the selection collapses or
 * leaves the essay. Positioned with @floating-ui/dom at the selection's end, flipping at the viewport's edge.
 * Alt+A moves focus to it; Escape dismisses it.
 */
export class SelectionToolbarController implements ReactiveController {
  /** The selection the toolbar acts on (a copy, since focusing the toolbar may change the live selection). */
  range: Range | null = null;
  private pointerDown = false;
  private frame = 0;

  constructor(private readonly host: ToolbarHost) {
    host.addController(this);
  }

  hostConnected() {
    const doc = this.host.ownerDocument;
    doc.addEventListener('selectionchange', this.onSelectionChange);
    doc.addEventListener('pointerdown', this.onPointerDown, true);
    doc.addEventListener('pointerup', this.onPointerUp, true);
    doc.addEventListener('keydown', this.onKeyDown);
  }

  hostDisconnected() {
    const doc = this.host.ownerDocument;
    doc.removeEventListener('selectionchange', this.onSelectionChange);
    doc.removeEventListener('pointerdown', this.onPointerDown, true);
    doc.removeEventListener('pointerup', this.onPointerUp, true);
    doc.removeEventListener('keydown', this.onKeyDown);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  hide() {
    this.range = null;
    const toolbar = this.host.toolbar;
    if (toolbar) toolbar.hidden = true;
  }

  private readonly onPointerDown = (event: PointerEvent) => {
    if (this.inToolbar(event)) return;
    this.pointerDown = true;
    this.hide();
  };

  private readonly onPointerUp = (event: PointerEvent) => {
    if (this.inToolbar(event)) return;
    this.pointerDown = false;
    this.schedule();
  };

  private readonly onSelectionChange = () => {
    if (!this.pointerDown) this.schedule();
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    const toolbar = this.host.toolbar;
    if (!toolbar || toolbar.hidden) return;
    if (event.key === 'Escape') {
      const hadFocus = this.host.shadowRoot?.activeElement && toolbar.contains(this.host.shadowRoot.activeElement);
      this.hide();
      if (hadFocus) (this.host.ownerDocument.activeElement as HTMLElement | null)?.blur();
      return;
    }
    if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'a' || event.key === 'A' || event.code === 'KeyA')) {
      event.preventDefault();
      (toolbar.querySelector<HTMLElement>('button[tabindex="0"]') ?? toolbar.querySelector<HTMLElement>('button'))?.focus();
    }
  };

  private inToolbar(event: Event): boolean {
    const toolbar = this.host.toolbar;
    return !!toolbar && event.composedPath().includes(toolbar);
  }

  private schedule() {
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  private update() {
    const toolbar = this.host.toolbar;
    if (!toolbar) return;
    // Focus inside the toolbar: keep it where it is.
    if (this.host.shadowRoot?.activeElement && toolbar.contains(this.host.shadowRoot.activeElement)) return;
    const selection = this.host.ownerDocument.getSelection();
    const range = selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    if (!range || !this.host.acceptsSelection(range)) {
      this.hide();
      return;
    }
    this.range = range.cloneRange();
    toolbar.hidden = false;
    const rects = range.getClientRects();
    const end = rects[rects.length - 1] ?? range.getBoundingClientRect();
    const reference = { getBoundingClientRect: () => end };
    void computePosition(reference, toolbar, {
      strategy: 'fixed',
      placement: 'bottom-end',
      middleware: [offset(8), flip({ padding: 8 }), shift({ padding: 8 })],
    }).then(({ x, y }) => {
      Object.assign(toolbar.style, { left: `${x}px`, top: `${y}px` });
    });
  }
}
