import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { layoutMargin } from '../../../core/layout/margin-layout.js';
import type { TextIndex } from '../../../core/text/text-index.js';
import { stringsOf } from '../../../i18n/locale.js';
import type { EssayStrings } from '../../../i18n/strings.js';
import { truncate } from '../../../core/text/truncate.js';
import type { EssayText } from '../essay-text.js';
import type { MarginElement, MarginSource } from './margin-entry.js';
import { NearViewport } from './near-viewport.js';
import { PassageHighlights } from './passage-highlights.js';
import { PassageMarkers } from './passage-markers.js';
import { MarginPopovers } from './margin-popovers.js';

/** On a note far from the viewport when there are many: not laid out until it comes near. */
export const FAR_ATTRIBUTE = 'data-essay-far';
/** From how many margin entries on, those far from the viewport are left out of the layout. */
const MANY_ENTRIES = 200;

/** An entry as the margin holds it: its passage, its marker, and its element when it is rendered. */
export interface Placed {
  id: string;
  /** The note or card, or null when its source did not render it (far from the viewport). */
  note: MarginElement | null;
  marker?: HTMLButtonElement;
  start: number;
  end: number;
  authored: boolean;
  /** An author note's number, in text order (null for others). */
  number: number | null;
}

/** An entry with its element and its marker: one the margin lays out. */
export type PlacedEntry = Placed & { note: MarginElement; marker: HTMLButtonElement };

/** What the margin is handed by the element it serves. */
export interface MarginOptions {
  /** The margin column in the host's shadow root (none or zero width: entries open as popovers). */
  column(): HTMLElement | null;
  /** Whether author notes show their numbers (`note-numbers`). */
  noteNumbers(): boolean;
  /** Whether highlights are `<mark>`s even where the Custom Highlight API exists (`force-marks`). */
  forceMarks(): boolean;
}

/**
 * The margin: gathers the entries of its sources (author notes, reader annotations), puts a marker after each
 * passage and paints it, and places the entries beside their passages (read every measurement, lay out with the
 * pure `layoutMargin`, then write every position, at most once a frame) or, when the margin column is hidden,
 * makes them popovers that open from their markers. It keeps which entry is active (hovered, focused) and which
 * is pinned level with its passage.
 *
 * With many entries (over 200) only those near the viewport are marked, painted and laid out (see
 * {@link NearViewport}): virtual sources render only those.
 *
 * Over 300 lines, on purpose: the update and the layout share the entries, the near set, and the active and
 * pinned entry, and each of those decides what the other does. Markers, highlights, nearness and popovers, which
 * need none of that state, are their own classes beside it.
 */
export class MarginController implements ReactiveController {
  private placed: Placed[] = [];
  private frame = 0;
  private resizeObserver?: ResizeObserver;
  private narrowLayout = false;
  private activeId: string | null = null;
  /** The entry that sits level with its passage (focused or clicked), as opposed to only emphasised. */
  private pinnedId: string | null = null;
  /** An entry asked to open before its element was rendered, or before the layout made it a popover. */
  private pendingOpen: string | null = null;
  private openAfterLayout: string | null = null;
  /** The version of the text the markers were placed in (see EssayText.versionOf). */
  private textVersion = -1;
  /** The text index the entries' offsets refer to, after the margin's own DOM changes. */
  private index?: TextIndex;
  /** The entries the last layout placed in the margin: they move from there with their transition. */
  private placedBefore = new WeakSet<MarginElement>();
  /** One Range, moved from passage to passage to measure them. */
  private measure?: Range;
  private readonly markers: PassageMarkers;
  private readonly highlights: PassageHighlights;
  private readonly near: NearViewport;
  private readonly popovers: MarginPopovers;
  private readonly onFontsLoaded = () => this.scheduleLayout();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly text: EssayText,
    private readonly sources: readonly MarginSource[],
    private readonly options: MarginOptions,
  ) {
    host.addController(this);
    this.markers = new PassageMarkers(host, options.noteNumbers);
    this.highlights = new PassageHighlights(options.forceMarks);
    this.near = new NearViewport(host, () => this.nearChanged());
    this.popovers = new MarginPopovers(host, {
      entryOf: (note) => this.laidOut.find((a) => a.note === note),
      setActive: (id) => this.setActive(id),
    });
  }

  hostConnected() {
    this.resizeObserver = new ResizeObserver(() => this.scheduleLayout());
    this.resizeObserver.observe(this.host);
    this.host.ownerDocument.fonts?.addEventListener('loadingdone', this.onFontsLoaded);
  }

  hostDisconnected() {
    this.resizeObserver?.disconnect();
    this.near.stop();
    this.host.ownerDocument.fonts?.removeEventListener('loadingdone', this.onFontsLoaded);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.highlights.clear();
    this.popovers.stopAll();
  }

  /** Whether entries open as popovers from their markers (no room for a margin). */
  get narrow(): boolean {
    return this.narrowLayout;
  }

  /** Every entry with a marker, in text order (those not rendered have no element). */
  get entries(): readonly Placed[] {
    return this.placed;
  }

  /** The entries laid out in the margin (rendered, with a marker), in text order. */
  get laidOut(): PlacedEntry[] {
    return this.placed.filter((a): a is PlacedEntry => a.note !== null && a.marker !== undefined);
  }

  /** The marker after an entry's passage. */
  markerFor(id: string): HTMLElement | null {
    return this.placed.find((a) => a.id === id)?.marker ?? null;
  }

  /**
   * A new live Range over an entry's passage, or null. The margin itself keeps offsets, not live ranges: a browser
   * updates every live Range on every DOM change, and each update splits text nodes for markers.
   */
  rangeFor(id: string): Range | null {
    const item = this.placed.find((a) => a.id === id);
    return item && this.index ? this.index.rangeFor(item.start, item.end) : null;
  }

  /**
   * Anchors every entry again and puts markers after their passages. While the essay's text is what it was (a
   * reader added, changed or removed an annotation), only the markers that changed are taken out or put in: the
   * rest of the essay's DOM is left alone, so the browser lays out again only the paragraphs touched.
   */
  update() {
    // The essay's index is current: it is dropped whenever the essay changes, and the markers placed or taken out
    // here leave it valid (see PassageMarkers.place).
    let index = this.text.index;
    if (this.highlights.marks || this.markers.size === 0 || this.text.versionOf(index) !== this.textVersion) {
      // Taking out markers (and marks) splits and joins text nodes: index again only when there were any.
      const changed = this.text.withoutObserving(() => {
        const hadMarks = this.highlights.marks;
        this.highlights.clear();
        return this.markers.removeAll() || hadMarks;
      });
      if (changed) index = this.text.reindex();
    }
    this.textVersion = this.text.versionOf(index);
    const entries = this.sources.flatMap((source) => source.locate(index)).sort((a, b) => a.start - b.start || a.end - b.end);
    // Only the author's notes are numbered, in text order: their numbers are part of the essay and do not move
    // when a reader annotates. A reader's annotation has a marker without a number.
    let noteCount = 0;
    const numbers = entries.map((entry) => (entry.authored ? ++noteCount : null));
    // With many reader annotations, those whose passage is far from the viewport get no marker, no card and no
    // highlight: 10,000 buttons in the text made the browser lay the whole essay out again. They are marked and
    // painted as their passage comes near.
    const virtual = this.sources.some((source) => source.virtual);
    this.near.track(index, this.textVersion, virtual || entries.length > MANY_ENTRIES ? entries : []);
    const keep = entries.map((entry, i) => !virtual || entry.element !== null || numbers[i] !== null || this.near.isNear(entry.id));
    const marked = entries.filter((_, i) => keep[i]);
    const markers = this.text.withoutObserving(() =>
      this.markers.place(
        index,
        marked,
        numbers.filter((_, i) => keep[i]),
      ),
    );
    const markerById = new Map(marked.map((entry, i) => [entry.id, markers.list[i]]));
    const fresh = markers.index === index ? index : this.text.reindex(markers.index ?? undefined);
    const previous = this.placed;
    this.placed = entries
      .map(({ element, id, start, end, authored }, i) => ({ note: element, id, start, end, authored, number: numbers[i], marker: markerById.get(id) }))
      .filter((a) => a.marker !== undefined || a.note === null);
    const laidOut = this.laidOut;
    // With many notes, a note not yet placed is hidden until the layout finds its passage near the viewport: left
    // shown, the first layout of a 1,000-note essay laid out every note (most of a 0.6 s layout) to hide 999.
    if (this.manyNotes) {
      const focused = new Set([...this.host.querySelectorAll(':focus-within')]);
      for (const item of laidOut) {
        if (!this.placedBefore.has(item.note) && !item.note.hasAttribute(FAR_ATTRIBUTE) && this.isFar(item, focused))
          item.note.toggleAttribute(FAR_ATTRIBUTE, true);
      }
    }
    const stayed = new Set(laidOut.map((a) => a.note));
    for (const { note } of previous) if (note && !stayed.has(note)) this.popovers.stop(note);
    this.text.withoutObserving(() => this.label(laidOut, fresh));
    this.highlights.set(
      entries.map(({ id, start, end, color, element, authored }) => ({ id, start, end, color, always: element !== null && !authored })),
      fresh,
    );
    this.paint();
    // Wrapping in marks splits text nodes again: the offsets stay, the nodes change.
    this.index = this.highlights.marks ? this.text.reindex() : fresh;
    this.scheduleLayout();
    // An entry asked to open before it was rendered opens now that it is.
    const pending = this.pendingOpen;
    if (pending !== null && laidOut.some((a) => a.id === pending)) {
      this.pendingOpen = null;
      this.open(pending);
    }
  }

  /** The passage each author note was last named after. */
  private readonly named = new WeakMap<MarginElement, { start: number; end: number; version: number; strings: EssayStrings }>();

  /** Names each author note after its passage, ties its marker to it, and gives every entry its number. */
  private label(laidOut: PlacedEntry[], index: TextIndex) {
    const version = this.text.versionOf(index);
    const strings = stringsOf(this.host);
    for (const { note, marker, id, start, end, authored, number: n } of laidOut) {
      if (authored) {
        if (note.id !== id) note.id = id;
        // Named again only when its passage moved: truncating 1,000 passages took as long as the rest of an update.
        const named = this.named.get(note);
        if (!named || named.start !== start || named.end !== end || named.version !== version || named.strings !== strings) {
          setAttribute(note, 'aria-label', strings.noteOn(truncate(index.text.slice(start, end), 60)));
          this.named.set(note, { start, end, version, strings });
        }
        setAttribute(marker, 'aria-controls', id);
      }
      const number = this.options.noteNumbers() ? n : null;
      if (note.number !== number) note.number = number;
    }
  }

  /** With many entries, highlights only those near the viewport (and the pinned one). */
  private paint() {
    // Marks (the fallback) are repainted only by an update, which many author notes alone do not bring.
    const nearOnly = this.near.tracking && (!this.highlights.marks || this.sources.some((source) => source.virtual));
    const isNear = nearOnly ? (id: string) => id === this.pinnedId || this.near.isNear(id) : null;
    this.highlights.paint(isNear, (change) => this.text.withoutObserving(change));
  }

  /** Passages came near the viewport or went far: virtual sources are told, highlights and far notes follow. */
  private nearChanged() {
    const virtual = this.sources.filter((source) => source.virtual);
    if (virtual.length) {
      const ids = this.near.nearIds();
      for (const source of virtual) source.near(ids);
    }
    // Otherwise (many author notes) no update follows: the highlights near the viewport are painted here.
    else if (!this.highlights.marks) this.paint();
    if (this.manyNotes) this.scheduleLayout();
  }

  /**
   * With many author notes (all of them are the essay's own elements, always in the page), those far from the
   * viewport are not laid out: they are hidden (`data-essay-far`) and left out of the margin's measuring, until
   * their passage comes near or one is opened.
   */
  private get manyNotes(): boolean {
    return this.placed.length > MANY_ENTRIES;
  }

  /** `focused`: the elements focus is within (asked once a layout, not of each of 1,000 notes). */
  private isFar(item: PlacedEntry, focused: ReadonlySet<Element>): boolean {
    return this.manyNotes && item.authored && !this.near.isNear(item.id) && item.id !== this.pinnedId && item.id !== this.activeId && !focused.has(item.note);
  }

  /** Lays the entries out in the next animation frame (once, however often it is asked). */
  scheduleLayout() {
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.layout();
    });
  }

  private measureRange(start: number, end: number): Range {
    const from = this.index!.positionAt(start, 'start');
    const to = this.index!.positionAt(end, 'end');
    this.measure ??= this.host.ownerDocument.createRange();
    // The essay may have changed since the index was made (its refresh is on the way): stay inside the nodes.
    this.measure.setStart(from.node, Math.min(from.offset, from.node.length));
    this.measure.setEnd(to.node, Math.min(to.offset, to.node.length));
    return this.measure;
  }

  /** Reads every measurement first, then writes every position. */
  private layout() {
    const laidOut = this.laidOut;
    // --- read ---
    const hostRect = this.host.getBoundingClientRect();
    const columnRect = this.options.column()?.getBoundingClientRect();
    const narrow = !columnRect || columnRect.width === 0;
    const rtl = getComputedStyle(this.host).direction === 'rtl';
    const focused = new Set([...this.host.querySelectorAll(':focus-within')]);
    for (const item of laidOut) {
      const far = !narrow && this.isFar(item, focused);
      if (far !== item.note.hasAttribute(FAR_ATTRIBUTE)) item.note.toggleAttribute(FAR_ATTRIBUTE, far);
    }
    const placed = narrow ? [] : laidOut.filter((item) => !item.note.hasAttribute(FAR_ATTRIBUTE));
    const measured = placed.map(({ start, end, note }) => {
      const range = this.measureRange(start, end);
      const first = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { anchor: first.top - columnRect!.top, height: note.offsetHeight };
    });
    // --- write ---
    this.narrowLayout = narrow;
    for (const { note, marker } of laidOut) this.popovers.setLayout(note, marker, narrow);
    if (narrow) {
      const open = this.openAfterLayout;
      this.openAfterLayout = null;
      if (open !== null) this.open(open);
      return;
    }
    const active = this.pinnedId === null ? -1 : placed.findIndex((a) => a.id === this.pinnedId);
    const tops = layoutMargin(measured, { gap: 12, top: 0, active: active === -1 ? undefined : active });
    const left = rtl ? columnRect!.right - hostRect.left - columnRect!.width : columnRect!.left - hostRect.left;
    const columnTop = columnRect!.top - hostRect.top;
    // An entry placed for the first time (just rendered, or back in the margin) appears where it belongs: its move
    // from the top of the reader is not animated (cards glided in from thousands of pixels away).
    const arriving = placed.filter(({ note }) => !this.placedBefore.has(note)).map(({ note }) => note);
    for (const note of arriving) note.style.transition = 'none';
    // Written only where they changed: a write of the same value still makes the browser recalculate the entry's
    // style (with thousands of annotations, two dozen cards on every frame of a scroll).
    placed.forEach(({ note }, i) => {
      setStyle(note, 'left', `${left}px`);
      setStyle(note, 'width', `${columnRect!.width}px`);
      setStyle(note, 'transform', `translateY(${Math.round(columnTop + tops[i])}px)`);
    });
    this.placedBefore = new WeakSet(placed.map(({ note }) => note));
    if (arriving.length) requestAnimationFrame(() => arriving.forEach((note) => note.style.removeProperty('transition')));
  }

  /** Emphasises an entry and its passage (hover, focus), or none. */
  setActive(id: string | null) {
    if (id === this.activeId) return;
    this.activeId = id;
    this.highlights.setActive(id);
    // An entry far from the viewport has no highlight until it is active (see paint).
    if (!this.highlights.marks && this.near.tracking) this.paint();
    for (const { note, marker, id: entryId } of this.laidOut) {
      note.active = entryId === id;
      marker.toggleAttribute('data-active', entryId === id);
    }
  }

  /**
   * The pointer is over an entry or its passage, or focus is in an entry (or none: null). The pointer on none
   * leaves a pinned entry emphasised; focus leaving the margin unpins it.
   */
  emphasise(id: string | null, by: 'hover' | 'focus') {
    if (by === 'hover' && id === null && this.pinnedId !== null) return;
    if (by === 'focus' && id === null && this.pinnedId !== null) {
      this.pinnedId = null;
      this.scheduleLayout();
    }
    this.setActive(id);
  }

  /** Whether the margin has placed the entry `id` (a new card is placed in the frame after it is added). */
  isPlaced(id: string): boolean {
    const item = this.laidOut.find((a) => a.id === id);
    return !!item && (!this.narrow || item.note.hasAttribute('popover'));
  }

  /** Brings an entry level with its passage and focuses it (or opens its popover on narrow layouts). */
  open(id: string) {
    const item = this.laidOut.find((a) => a.id === id);
    if (!item) {
      // Not rendered (far from the viewport when many annotations are shown): rendered first, opened then.
      if (this.placed.some((a) => a.id === id && a.note === null)) {
        this.pendingOpen = id;
        for (const source of this.sources) source.reveal(id);
      }
      return;
    }
    if (this.narrow) {
      // An entry added since the last layout is not a popover yet: it opens once the layout has made it one.
      if (!item.note.hasAttribute('popover')) {
        this.openAfterLayout = id;
        this.scheduleLayout();
      } else if (!item.note.matches(':popover-open')) item.note.showPopover();
      return;
    }
    this.pinnedId = id;
    this.setActive(id);
    item.note.removeAttribute(FAR_ATTRIBUTE);
    item.note.focus({ preventScroll: true });
    this.scheduleLayout();
  }
}

function setStyle(element: HTMLElement, name: 'left' | 'width' | 'transform', value: string) {
  if (element.style[name] !== value) element.style[name] = value;
}

function setAttribute(element: Element, name: string, value: string) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
