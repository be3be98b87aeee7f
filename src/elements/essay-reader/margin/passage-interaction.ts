import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TextIndex } from '../../../core/text/text-index.js';
import { deepActiveElement, nextTabStopAfter, tabStopsIn } from '../../shared/tab-stops.js';
import type { Placed, PlacedEntry } from './margin-controller.js';
import { MARKER_ATTRIBUTE } from './passage-markers.js';

/** What the interaction needs of the margin. */
export interface MarginState {
  /** Every entry with a marker (and its element, when rendered), in text order. */
  readonly entries: readonly Placed[];
  /** Whether entries are popovers from their markers. */
  readonly narrow: boolean;
  /** Brings an entry level with its passage and focuses it, or opens its popover. */
  open(id: string): void;
  /** The pointer is over an entry or its passage (or none), or focus is in one (or left the margin: null). */
  emphasise(id: string | null, by: 'hover' | 'focus'): void;
}

/**
 * Links passages and their margin entries for the pointer and the keyboard: hovering either emphasises both,
 * clicking a passage or its marker opens its entry, Tab from the end of an entry goes on in the text after its
 * passage (and Shift+Tab back to its marker), and an entry's Back returns to its marker.
 */
export class PassageInteraction implements ReactiveController {
  private hoverFrame = 0;
  private lastPointer: { x: number; y: number } | null = null;
  private lastPointerEntry: PlacedEntry | undefined;
  /** A popover that was open when a press on its marker began (light dismiss closes it before the click). */
  private openAtPointerDown: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly margin: MarginState,
    private readonly textIndex: () => TextIndex,
  ) {
    host.addController(this);
  }

  /** The host's listeners: [type, listener, capture]. */
  private get listeners(): [string, EventListener, boolean][] {
    return [
      ['pointermove', this.onPointerMove as EventListener, false],
      ['pointerdown', this.onPointerDown as EventListener, true],
      ['pointerleave', this.onPointerLeave, false],
      ['click', this.onClick as EventListener, false],
      ['essay-note-back', this.onBack as EventListener, false],
      ['focusin', this.onFocusIn as EventListener, false],
      ['focusout', this.onFocusOut as EventListener, false],
      ['keydown', this.onKeyDown as EventListener, false],
    ];
  }

  hostConnected() {
    for (const [type, listener, capture] of this.listeners) this.host.addEventListener(type, listener, capture);
  }

  hostDisconnected() {
    for (const [type, listener, capture] of this.listeners) this.host.removeEventListener(type, listener, capture);
    cancelAnimationFrame(this.hoverFrame);
    this.hoverFrame = 0;
  }

  private get laidOut(): PlacedEntry[] {
    return this.margin.entries.filter((a): a is PlacedEntry => a.note !== null && a.marker !== undefined);
  }

  private readonly onClick = (event: MouseEvent) => {
    const target = event.target as Element;
    const hit = target.closest?.(`[${MARKER_ATTRIBUTE}]`);
    // A click from the keyboard (Enter or Space on a focused marker: no press, detail 0) means the marker it is on.
    const marker = hit && event.detail > 0 ? this.markerMeant(hit, event.clientX, event.clientY) : hit;
    // The marker hit must not open its own popover (popovertarget) in place of the one meant.
    if (marker !== hit) event.preventDefault();
    if (marker) {
      const item = this.margin.entries.find((a) => a.marker === marker);
      if (!item) return;
      if (!item.note || !this.margin.narrow) this.margin.open(item.id);
      else if (!(marker as HTMLButtonElement).popoverTargetElement) {
        // Light dismiss already closed a popover that was open when this press began: that was the toggle.
        if (this.openAtPointerDown === item.note) this.openAtPointerDown = null;
        else if (item.note.matches(':popover-open')) item.note.hidePopover();
        else item.note.showPopover();
      }
      return;
    }
    if (target.closest('essay-note, a, button, input, textarea, select') || this.entryInPath(event)) return;
    const selection = this.host.ownerDocument.getSelection();
    if (selection && !selection.isCollapsed) return; // the reader is selecting, not clicking a passage
    const item = this.itemAtPoint(event.clientX, event.clientY);
    if (item) this.margin.open(item.id);
  };

  /** The margin entry (note or card) an event came from, looking through shadow roots. */
  private entryInPath(event: Event): PlacedEntry | undefined {
    const path = event.composedPath();
    return this.laidOut.find((a) => path.includes(a.note));
  }

  /**
   * The marker a press at (x, y) meant, given the one it hit. On touch screens each marker answers a tap 44 px
   * across, and side by side (a reader's note and the author's on one passage) the later one's area lies over the
   * earlier one: its own marker could not be tapped. Of the markers under the point, the one whose own box is
   * nearest wins.
   */
  private markerMeant(hit: Element, x: number, y: number): Element {
    let meant = hit;
    let nearest = distanceTo(hit.getBoundingClientRect(), x, y);
    if (nearest === 0) return hit;
    for (const element of this.host.ownerDocument.elementsFromPoint(x, y)) {
      if (element === hit || !element.hasAttribute(MARKER_ATTRIBUTE) || !this.host.contains(element)) continue;
      const distance = distanceTo(element.getBoundingClientRect(), x, y);
      if (distance < nearest) [meant, nearest] = [element, distance];
    }
    return meant;
  }

  private readonly onPointerDown = (event: PointerEvent) => {
    const hit = (event.target as Element).closest?.(`[${MARKER_ATTRIBUTE}]`);
    const marker = hit && this.markerMeant(hit, event.clientX, event.clientY);
    const item = marker && this.laidOut.find((a) => a.marker === marker);
    this.openAtPointerDown = item && item.note.matches(':popover-open') ? item.note : null;
  };

  private readonly onPointerMove = (event: PointerEvent) => {
    this.lastPointer = { x: event.clientX, y: event.clientY };
    this.lastPointerEntry = this.entryInPath(event);
    this.hoverFrame ||= requestAnimationFrame(() => {
      this.hoverFrame = 0;
      if (!this.lastPointer) return;
      const item = this.lastPointerEntry ?? this.itemAtPoint(this.lastPointer.x, this.lastPointer.y);
      this.margin.emphasise(item?.id ?? null, 'hover');
    });
  };

  private readonly onPointerLeave = () => {
    this.lastPointer = null;
    this.margin.emphasise(null, 'hover');
  };

  private readonly onFocusIn = (event: FocusEvent) => {
    const item = this.entryInPath(event);
    if (item) this.margin.emphasise(item.id, 'focus');
  };

  private readonly onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget as Element | null;
    if (next && this.inEntry(next)) return;
    // Focus moving inside a card's shadow root reports the card itself (or the reader) as relatedTarget.
    if (next === this.host) return;
    if (next === null) {
      // Going nowhere: the focused control was taken out of the page (Chromium says so; Firefox does not). A card
      // whose editor closes on Save or Escape does that, then focuses its own buttons in the same update: judged
      // once that has run, so that the card stays pinned level with its passage. Unpinned, a new comment among
      // many cards was laid out with the stack, hundreds of pixels out of view, focused there.
      queueMicrotask(() => {
        const active = deepActiveElement(this.host.ownerDocument);
        if (!active || !this.inEntry(active)) this.margin.emphasise(null, 'focus');
      });
      return;
    }
    this.margin.emphasise(null, 'focus');
  };

  /** Whether `element` is a margin entry, inside one (its shadow root too), or a marker. */
  private inEntry(element: Element): boolean {
    return this.laidOut.some((a) => a.note.contains(element) || a.marker === element || a.note.shadowRoot?.contains(element));
  }

  /**
   * Tab past the last control of a note or card goes on in the text after its passage, and Shift+Tab before
   * the first goes back to its marker: a margin entry is read as part of its passage. (Left to the browser, Tab
   * from the margin runs on to the next entry, then out of the essay to whatever follows it on the page.)
   */
  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const item = this.entryInPath(event);
    if (!item) return;
    const stops = tabStopsIn(item.note);
    const current = deepActiveElement(this.host.ownerDocument);
    let target: HTMLElement | null = null;
    if (event.shiftKey) {
      if (current === item.note || current === stops[0]) target = item.marker;
    } else if (stops.length === 0 || current === stops[stops.length - 1]) {
      const laidOut = this.laidOut;
      target = nextTabStopAfter(item.marker, this.host, (el) => laidOut.some((a) => a.note === el || a.note.contains(el)));
    }
    if (!target) return;
    event.preventDefault();
    target.focus();
    if (this.margin.narrow && item.note.matches(':popover-open')) item.note.hidePopover();
  };

  private readonly onBack = (event: HTMLElementEventMap['essay-note-back']) => {
    const item = this.laidOut.find((a) => a.note === event.detail.note);
    if (!item) return;
    if (this.margin.narrow && item.note.matches(':popover-open')) item.note.hidePopover();
    item.marker.focus();
  };

  /** The entry whose passage is under a point of the viewport (the innermost, when passages overlap). */
  private itemAtPoint(x: number, y: number): PlacedEntry | undefined {
    const doc = this.host.ownerDocument as Document & {
      caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
      caretRangeFromPoint?: (x: number, y: number) => Range | null;
    };
    let node: Node | undefined;
    let offset = 0;
    const position = doc.caretPositionFromPoint?.(x, y);
    if (position) {
      node = position.offsetNode;
      offset = position.offset;
    } else {
      const range = doc.caretRangeFromPoint?.(x, y);
      if (range) {
        node = range.startContainer;
        offset = range.startOffset;
      }
    }
    if (!node || node.nodeType !== Node.TEXT_NODE || !this.host.contains(node)) return undefined;
    const at = this.textIndex().offsetOf(node, offset);
    let best: PlacedEntry | undefined;
    for (const item of this.laidOut) {
      if (item.start <= at && at < item.end && (!best || item.end - item.start < best.end - best.start)) best = item;
    }
    return best;
  }
}

/** How far (x, y) is from a box: 0 inside it. */
function distanceTo(box: DOMRect, x: number, y: number): number {
  return Math.hypot(Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));
}
