import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { placeFloating, rangeReference } from '../shared/place-floating.js';

/** What the toolbar controller is handed by the element that renders the toolbar. */
export interface ToolbarOptions {
  /** The toolbar element in the host's shadow root. */
  toolbar(): HTMLElement | null;
  /** Whether a reader may annotate this range now. */
  accepts(range: Range): boolean;
}

/**
 * Shows the annotation toolbar for a selection in the essay: after the pointer is released, or as the selection
 * changes by keyboard; hidden while a pointer is still selecting, and when the selection collapses or leaves the
 * essay. Alt+A moves focus to it; Escape dismisses it.
 *
 * Where it goes depends on how the reader selected. With a mouse or keyboard it floats above the selection (as
 * Medium's does), flipping below at the viewport's edge, and follows the text as the page scrolls (floating-ui's
 * `autoUpdate`); it hides while the selection is out of view. After a touch it is a bar pinned to the bottom edge
 * (`data-input="touch"`, 44 px targets): phones draw their selection handles below the selection and their own
 * menu above it, and a bar at the edge is clear of both and in reach of the thumb.
 */
export class SelectionToolbarController implements ReactiveController {
  /** The selection the toolbar acts on (a copy, since focusing the toolbar may change the live selection). */
  range: Range | null = null;
  private pointerDown = false;
  private frame = 0;
  /** How the reader last pointed: a touch selection gets the bar at the bottom edge. */
  private input: 'touch' | 'mouse' = 'mouse';
  private stopFollowing: (() => void) | null = null;
  /** The selection Escape dismissed: the toolbar does not come back for it. */
  private dismissed: Range | null = null;
  /** Where focus was before Alt+A moved it into the toolbar. */
  private returnFocus: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ToolbarOptions,
  ) {
    host.addController(this);
  }

  hostConnected() {
    const doc = this.host.ownerDocument;
    doc.addEventListener('selectionchange', this.onSelectionChange);
    doc.addEventListener('pointerdown', this.onPointerDown, true);
    doc.addEventListener('pointerup', this.onPointerUp, true);
    doc.addEventListener('pointercancel', this.onPointerUp, true);
    doc.addEventListener('keydown', this.onKeyDown);
    this.input = doc.defaultView?.matchMedia('(pointer: coarse)').matches ? 'touch' : 'mouse';
  }

  hostDisconnected() {
    const doc = this.host.ownerDocument;
    doc.removeEventListener('selectionchange', this.onSelectionChange);
    doc.removeEventListener('pointerdown', this.onPointerDown, true);
    doc.removeEventListener('pointerup', this.onPointerUp, true);
    doc.removeEventListener('pointercancel', this.onPointerUp, true);
    doc.removeEventListener('keydown', this.onKeyDown);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.follow(null);
  }

  hide() {
    this.range = null;
    this.follow(null);
    const toolbar = this.options.toolbar();
    if (toolbar) toolbar.hidden = true;
  }

  private readonly onPointerDown = (event: PointerEvent) => {
    if (this.inToolbar(event)) return;
    this.input = event.pointerType === 'touch' ? 'touch' : 'mouse';
    this.pointerDown = true;
    this.hide();
  };

  // A long press that selects a word ends in pointercancel on touch screens, not pointerup.
  private readonly onPointerUp = (event: PointerEvent) => {
    if (this.inToolbar(event)) return;
    this.pointerDown = false;
    this.schedule();
  };

  private readonly onSelectionChange = () => {
    if (!this.pointerDown) this.schedule();
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    const toolbar = this.options.toolbar();
    if (!toolbar || toolbar.hidden) return;
    if (event.key === 'Escape') {
      const hadFocus = this.host.shadowRoot?.activeElement && toolbar.contains(this.host.shadowRoot.activeElement);
      const range = this.range;
      this.hide();
      this.dismissed = range;
      if (hadFocus && range) {
        // Back to where the reader was: the element that had focus before Alt+A, and the selection itself, so
        // that Tab goes on from the selected text. The toolbar stays away until the selection changes.
        const back = this.returnFocus;
        if (back && back !== this.host.ownerDocument.body && back.isConnected) back.focus({ preventScroll: true });
        else focusAt(range);
        const selection = this.host.ownerDocument.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
      }
      return;
    }
    if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'a' || event.key === 'A' || event.code === 'KeyA')) {
      event.preventDefault();
      const active = this.host.ownerDocument.activeElement;
      if (!(active === this.host && this.host.shadowRoot?.activeElement && toolbar.contains(this.host.shadowRoot.activeElement))) {
        this.returnFocus = active as HTMLElement | null;
      }
      (toolbar.querySelector<HTMLElement>('button[tabindex="0"]') ?? toolbar.querySelector<HTMLElement>('button'))?.focus();
    }
  };

  private inToolbar(event: Event): boolean {
    const toolbar = this.options.toolbar();
    return !!toolbar && event.composedPath().includes(toolbar);
  }

  private schedule() {
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  private update() {
    const toolbar = this.options.toolbar();
    if (!toolbar) return;
    // Focus inside the toolbar: keep it where it is.
    if (this.host.shadowRoot?.activeElement && toolbar.contains(this.host.shadowRoot.activeElement)) return;
    const selection = this.host.ownerDocument.getSelection();
    const range = selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    if (!range || !this.options.accepts(range)) {
      this.hide();
      this.dismissed = null;
      return;
    }
    if (this.dismissed && sameRange(this.dismissed, range)) return;
    this.dismissed = null;
    this.range = range.cloneRange();
    toolbar.hidden = false;
    toolbar.dataset.input = this.input;
    if (this.input === 'touch') {
      this.follow(null);
      Object.assign(toolbar.style, { left: '', top: '', visibility: '' });
    } else {
      this.follow(this.range);
    }
  }

  /** Keeps the toolbar above `range` as the page scrolls and resizes, or stops (null). */
  private follow(range: Range | null) {
    this.stopFollowing?.();
    this.stopFollowing = null;
    const toolbar = this.options.toolbar();
    if (range && toolbar) this.stopFollowing = placeFloating(rangeReference(range), toolbar, { placement: 'top', gap: 8 });
  }
}

function sameRange(a: Range, b: Range): boolean {
  return a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;
}

/**
 * Puts focus at the start of `range`, in text that cannot take focus itself: the nearest element gets a
 * temporary tabindex="-1" (dropped again when focus leaves), so Tab and Shift+Tab go on from there.
 */
function focusAt(range: Range) {
  const start = range.startContainer;
  const element = start instanceof Element ? start : start.parentElement;
  if (!element) return;
  const target = (element.closest<HTMLElement>('p, li, blockquote, h1, h2, h3, h4, h5, h6, figcaption, td, th, dd, dt') ?? element) as HTMLElement;
  if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) {
    target.setAttribute('tabindex', '-1');
    target.setAttribute('data-essay-focus-return', '');
    target.addEventListener(
      'blur',
      () => {
        target.removeAttribute('tabindex');
        target.removeAttribute('data-essay-focus-return');
      },
      { once: true },
    );
  }
  target.focus({ preventScroll: true });
}
