import { placeFloating } from '../../shared/place-floating.js';
import type { MarginElement } from './margin-entry.js';

/**
 * Margin entries as popovers from their markers, for layouts with no room for a margin: each opens below its
 * marker and follows it as the page scrolls; closing one returns focus to its marker.
 */
export class MarginPopovers {
  /** Stops for each open popover that follows its marker. */
  private readonly following = new Map<MarginElement, () => void>();

  constructor(
    private readonly host: HTMLElement,
    private readonly margin: {
      /** The laid-out entry of an element. */
      entryOf(note: MarginElement): { id: string; marker: HTMLButtonElement } | undefined;
      /** Emphasises an entry (an open popover's), or none. */
      setActive(id: string | null): void;
    },
  ) {}

  /** Makes an entry a popover from its marker (`narrow`), or a note in the margin. */
  setLayout(note: MarginElement, marker: HTMLButtonElement, narrow: boolean) {
    // Laid out in the margin already: nothing to undo (a layout passes over 1,000 notes at every change).
    if (!narrow && note.layout === 'margin' && !note.hasAttribute('popover') && !marker.popoverTargetElement) return;
    const layout = narrow ? 'popover' : 'margin';
    if (note.layout !== layout) note.layout = layout;
    if (narrow) {
      if (!note.hasAttribute('popover')) note.setAttribute('popover', 'auto');
      // The marker is the native invoker where it can be: a reference into a shadow root (a reader's card) is not
      // allowed, so those markers toggle their popover by hand (see PassageInteraction).
      marker.popoverTargetElement = note.getRootNode() === marker.getRootNode() ? note : null;
      note.addEventListener('toggle', this.onToggle);
      return;
    }
    if (note.hasAttribute('popover')) {
      if (note.matches(':popover-open')) note.hidePopover();
      this.stop(note);
      note.removeAttribute('popover');
    }
    marker.popoverTargetElement = null;
    note.style.removeProperty('left');
    note.style.removeProperty('top');
  }

  /** Stops an entry's popover following its marker (it left the margin, or closed). */
  stop(note: MarginElement) {
    this.following.get(note)?.();
    this.following.delete(note);
  }

  stopAll() {
    for (const note of [...this.following.keys()]) this.stop(note);
  }

  private readonly onToggle = (event: Event) => {
    const note = event.currentTarget as MarginElement;
    const item = this.margin.entryOf(note);
    if (!item) return;
    if ((event as ToggleEvent).newState === 'open') {
      this.margin.setActive(item.id);
      this.follow(note, item.marker);
      // Focus moves into the popover, unless something inside it (an editor just opened) already has it.
      requestAnimationFrame(() => {
        if (note.matches(':popover-open') && !note.matches(':focus-within')) note.focus({ preventScroll: true });
      });
      return;
    }
    this.stop(note);
    this.margin.setActive(null);
    // Closing by Escape, an outside click or the marker returns focus to the marker.
    // (Focus in a reader's card shows as the reader itself, or as nothing once the card is hidden.)
    const focus = this.host.ownerDocument.activeElement;
    const inside = this.host.shadowRoot?.activeElement;
    const lost = !focus || focus === this.host.ownerDocument.body || focus === note || note.contains(focus);
    if (lost || (focus === this.host && (!inside || inside === note))) item.marker.focus();
  };

  /**
   * Keeps an open popover below its marker as the page scrolls. When the marker scrolls out of view the popover
   * closes (a swipe on a phone must not leave it over unrelated text), unless the reader is typing in it.
   */
  private follow(note: MarginElement, marker: HTMLButtonElement) {
    this.stop(note);
    this.following.set(
      note,
      placeFloating(marker, note, {
        placement: 'bottom',
        gap: 10,
        arrowElement: note.arrowElement,
        onReferenceHidden: () => {
          const typing = note.matches(':focus-within') && note.shadowRoot?.activeElement?.matches('textarea, input');
          if (!typing && note.matches(':popover-open')) note.hidePopover();
        },
      }),
    );
  }
}
