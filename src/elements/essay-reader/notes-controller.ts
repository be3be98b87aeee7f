import type { ReactiveController } from 'lit';
import { locate, type TextMatch } from '../../core/anchoring/anchor.js';
import { layoutMargin } from '../../core/layout/margin-layout.js';
import { createPainter, type Painter } from '../../core/highlight/painter.js';
import { collapseWhitespace, type TextIndex } from '../../core/text/text-index.js';
import { truncate } from '../../core/text/truncate.js';
import type { EssayNote, NoteLayout } from '../essay-note/essay-note.js';
import { placeFloating } from '../shared/place-floating.js';
import { deepActiveElement, nextTabStopAfter, tabStopsIn } from '../shared/tab-stops.js';

/** An element placed in the margin beside a passage: an author's note or a reader's annotation card. */
export type MarginElement = HTMLElement & {
  layout: NoteLayout | null;
  number: number | null;
  active: boolean;
  readonly arrowElement: HTMLElement | null;
};

/** A reader annotation located in the text, for the margin to place (the reader finds these). */
export interface LocatedCard {
  /** The card, or null when it is not rendered (a long list of annotations renders those near the viewport). */
  element: MarginElement | null;
  id: string;
  start: number;
  end: number;
  color?: string;
  /** What the passage's marker says to a screen reader. */
  label: string;
}

export const MARKER_ATTRIBUTE = 'data-essay-note-marker';
/** On a note far from the viewport when there are many: not laid out until it comes near (see NotesController). */
export const FAR_ATTRIBUTE = 'data-essay-far';
/** From how many margin entries on, those far from the viewport are left out of the layout. */
const MANY_ENTRIES = 200;
/** The elements whose nearness to the viewport decides, with many entries, which are laid out and marked. */
const BLOCKS = 'p, li, blockquote, pre, h1, h2, h3, h4, h5, h6, dd, dt, td, th, figcaption, div';

/** What the controller needs of the reader that owns it. */
export interface NotesHost extends HTMLElement {
  addController(controller: ReactiveController): void;
  /** The reader's current text index. */
  readonly textIndex: TextIndex;
  /** Indexes the essay again (the controller changed text nodes); or adopts `updated`, kept in step with that change. */
  reindex(updated?: TextIndex): TextIndex;
  /** Runs DOM changes the reader's MutationObserver must not react to. */
  withoutObserving<T>(mutate: () => T): T;
  /** The margin column in the reader's shadow root. */
  readonly marginColumn: HTMLElement | null;
  readonly noteNumbers: boolean;
  readonly forceMarks: boolean;
  emitNoteOrphan(note: EssayNote, quote: string, message: string): void;
  /** Notes whose passage was not found, for the reader to list. */
  orphanNotes: EssayNote[];
  /** The reader's own annotations, located in `index` (those that did not anchor are left out). */
  locateCards(index: TextIndex): LocatedCard[];
  /** Whether only the cards near the viewport are rendered (many annotations): then the controller says which. */
  readonly virtualCards: boolean;
  /** The reader cards whose passages are near the viewport now. */
  nearCards(ids: ReadonlySet<string>): void;
  /** Renders the card of `id` even if it is not near the viewport (it is about to be opened). */
  revealCard(id: string): void;
}

interface Anchored {
  note: MarginElement;
  id: string;
  color?: string;
  start: number;
  end: number;
  marker: HTMLButtonElement;
  /** The author note's number, in text order (null for a reader's card). */
  number?: number | null;
}

/**
 * Author notes: anchors each `<essay-note>`, paints its passage, puts a marker after the passage, and places the
 * notes in the margin (measure all, then write all, at most once a frame) or, when the margin is hidden, shows
 * them as popovers from their markers.
 */
export class NotesController implements ReactiveController {
  private anchored: Anchored[] = [];
  private painter?: Painter;
  private frame = 0;
  private resizeObserver?: ResizeObserver;
  private narrowLayout = false;
  private activeId: string | null = null;
  /** The note that sits level with its passage (focused or clicked), as opposed to only emphasised. */
  private pinnedId: string | null = null;
  private hoverFrame = 0;
  private lastPointer: { x: number; y: number } | null = null;
  private readonly onFontsLoaded = () => this.scheduleLayout();

  constructor(private readonly host: NotesHost) {
    host.addController(this);
  }

  hostConnected() {
    this.resizeObserver = new ResizeObserver(() => this.scheduleLayout());
    this.resizeObserver.observe(this.host);
    this.host.ownerDocument.fonts?.addEventListener('loadingdone', this.onFontsLoaded);
    this.host.addEventListener('pointermove', this.onPointerMove);
    this.host.addEventListener('pointerdown', this.onPointerDown, true);
    this.host.addEventListener('pointerleave', this.onPointerLeave);
    this.host.addEventListener('click', this.onClick);
    this.host.addEventListener('essay-note-back', this.onBack);
    this.host.addEventListener('focusin', this.onFocusIn);
    this.host.addEventListener('focusout', this.onFocusOut);
    this.host.addEventListener('keydown', this.onKeyDown);
  }

  hostDisconnected() {
    this.resizeObserver?.disconnect();
    this.blockWatch?.disconnect();
    this.blockWatch = undefined;
    this.nearBlocks.clear();
    this.watchedBlocks = new WeakSet();
    this.host.ownerDocument.fonts?.removeEventListener('loadingdone', this.onFontsLoaded);
    this.host.removeEventListener('pointermove', this.onPointerMove);
    this.host.removeEventListener('pointerdown', this.onPointerDown, true);
    this.host.removeEventListener('pointerleave', this.onPointerLeave);
    this.host.removeEventListener('click', this.onClick);
    this.host.removeEventListener('essay-note-back', this.onBack);
    this.host.removeEventListener('focusin', this.onFocusIn);
    this.host.removeEventListener('focusout', this.onFocusOut);
    this.host.removeEventListener('keydown', this.onKeyDown);
    cancelAnimationFrame(this.frame);
    cancelAnimationFrame(this.hoverFrame);
    this.frame = this.hoverFrame = 0;
    this.painter?.clear();
    this.paintKey = '';
    for (const note of [...this.following.keys()]) this.stopFollowing(note);
  }

  /** Whether entries open as popovers from their markers (no room for a margin). */
  get narrow(): boolean {
    return this.narrowLayout;
  }

  /** The marker after an entry's passage. */
  markerFor(id: string): HTMLElement | null {
    return (this.anchored.find((a) => a.id === id) ?? this.unplaced.find((a) => a.id === id))?.marker ?? null;
  }

  /** Everything placed in the margin (author notes and reader cards), in text order. */
  get entries(): readonly { note: MarginElement; id: string }[] {
    return this.anchored;
  }

  /**
   * A new live Range over an entry's passage, or null. The controller itself keeps offsets, not live ranges: a
   * browser updates every live Range on every DOM change, and each update splits text nodes for markers.
   */
  rangeFor(id: string): Range | null {
    const item = this.anchored.find((a) => a.id === id) ?? this.unplaced.find((a) => a.id === id);
    return item && this.index ? this.index.rangeFor(item.start, item.end) : null;
  }

  /** The index the entries' offsets refer to, after the controller's own DOM changes. */
  private index?: TextIndex;
  /** One Range, moved from passage to passage to measure them. */
  private measure?: Range;

  /**
   * Anchors every note again and puts markers after their passages. While the essay's text is what it was (a
   * reader added, changed or removed an annotation), only the markers that changed are taken out or put in:
   * the rest of the essay's DOM is left alone, so the browser lays out again only the paragraphs touched.
   */
  update() {
    const notes = [...this.host.querySelectorAll('essay-note')];
    // The host's index is current: it is dropped whenever the essay changes (including an element marking itself
    // skipped as it upgrades), and the markers this controller places or takes out leave it valid (see placeMarkers).
    const current = this.painter?.mode === 'highlight-api' && this.markers.size > 0 ? this.host.textIndex : null;
    let index: TextIndex;
    if (current && current.text === this.lastText) index = current;
    else {
      // Taking out markers (and marks) splits and joins text nodes: index again only when there were any.
      const changed = this.host.withoutObserving(() => {
        const hadMarks = this.painter?.mode === 'mark';
        this.painter?.clear();
        this.paintKey = '';
        return this.removeMarkers() || hadMarks;
      });
      this.markers.clear();
      index = changed ? this.host.reindex() : this.host.textIndex;
    }
    if (index.text !== this.lastText) {
      this.lastText = index.text;
      this.textVersion++;
    }
    const found: { note: EssayNote; match: TextMatch }[] = [];
    const orphans: EssayNote[] = [];
    for (const note of notes) {
      const { quote } = noteOptions(note);
      const match = quote ? this.cachedLocate(note, quote, index) : null;
      if (match) found.push({ note, match });
      else {
        orphans.push(note);
        if (note.layout !== 'orphan') {
          const message = quote
            ? `essay-note: quote "${quote.length > 60 ? `${quote.slice(0, 59)}…` : quote}" matches no passage of the essay`
            : 'essay-note: the quote attribute is missing';
          this.host.emitNoteOrphan(note, quote, message);
        }
        note.layout = 'orphan';
        note.number = null;
        this.stopFollowing(note);
        note.removeAttribute('popover');
      }
    }
    const previous = this.host.orphanNotes;
    if (previous.length !== orphans.length || orphans.some((note, i) => note !== previous[i])) this.host.orphanNotes = orphans;
    const entries: LocatedCard[] = [
      ...found.map(({ note, match }, i) => ({
        element: note as MarginElement,
        id: noteId(note, i),
        start: match.start,
        end: match.end,
        color: noteOptions(note).color,
        label: collapseWhitespace(note.textContent ?? '').trim(),
      })),
      ...this.host.locateCards(index),
    ].sort((a, b) => a.start - b.start || a.end - b.end);

    // Only the author's notes are numbered, in text order: their numbers are part of the essay and do not move
    // when a reader annotates. A reader's annotation has a marker without a number.
    let noteCount = 0;
    const numbers = entries.map((entry) => (entry.element?.localName === 'essay-note' ? ++noteCount : null));
    // With many reader annotations, those whose passage is far from the viewport get no marker, no card and no
    // highlight: 10,000 buttons in the text made the browser lay the whole essay out again, and with 10,000
    // highlights registered Chromium checked every one of them again on each frame in which anything in the page
    // changed (70 to 100 ms a frame). They are painted as their passage comes near.
    const virtual = this.host.virtualCards;
    this.entryBlocks.clear();
    if (virtual || entries.length > MANY_ENTRIES) for (const entry of entries) this.blockFor(index, entry);
    const keep = entries.map((entry, i) => !virtual || entry.element !== null || numbers[i] !== null || this.nearBlocks.has(this.entryBlocks.get(entry.id)!));
    const marked = entries.filter((_, i) => keep[i]);
    const markedNumbers = numbers.filter((_, i) => keep[i]);
    const markers = this.host.withoutObserving(() => this.placeMarkers(index, marked, markedNumbers));
    const markerById = new Map(marked.map((entry, i) => [entry.id, markers.list[i]]));
    const fresh = markers.index === index ? index : this.host.reindex(markers.index ?? undefined);
    const all = entries.map((entry, i) => ({
      note: entry.element,
      id: entry.id,
      color: entry.color,
      start: entry.start,
      end: entry.end,
      marker: markerById.get(entry.id),
      number: numbers[i],
    }));
    // Entries whose card is not rendered keep their marker and highlight; the margin places only the rest.
    this.anchored = all.filter((a): a is typeof a & { note: MarginElement; marker: HTMLButtonElement } => a.note !== null && a.marker !== undefined);
    this.unplaced = all.filter((a) => a.note === null).map(({ id, start, end, marker }) => ({ id, start, end, marker }));
    this.host.withoutObserving(() =>
      this.anchored.forEach(({ note, marker, id, start, end, number: n }) => {
        if (note.localName === 'essay-note') {
          if (note.id !== id) note.id = id;
          setAttribute(note, 'aria-label', `Note on “${truncate(fresh.text.slice(start, end), 60)}”`);
          setAttribute(marker, 'aria-controls', id);
        }
        const number = this.host.noteNumbers ? (n ?? null) : null;
        if (note.number !== number) note.number = number;
      }),
    );
    this.painter ??= createPainter({ forceMarks: this.host.forceMarks });
    this.paintable = {
      entries: all.map(({ id, start, end, color, note }) => ({ id, start, end, color, card: note !== null && note.localName !== 'essay-note' })),
      index: fresh,
    };
    this.paint();
    this.watchBlocks();
    // Wrapping in marks splits text nodes again: the offsets stay, the nodes change.
    this.index = this.painter.mode === 'mark' ? this.host.reindex() : fresh;
    this.scheduleLayout();
    // A card asked to open before it was rendered opens now that it is.
    const pending = this.pendingOpen;
    if (pending !== null && this.anchored.some((a) => a.id === pending)) {
      this.pendingOpen = null;
      this.openNote(pending);
    }
  }

  /** The passages the last update found, and the index they were found in: what {@link paint} draws from. */
  private paintable: { entries: { id: string; start: number; end: number; color?: string; card: boolean }[]; index: TextIndex } | null = null;

  /**
   * Highlights the passages. With many entries (reader annotations or author notes), only those near the
   * viewport, with a rendered card, active or pinned: with thousands registered, Chromium checked every one
   * again on each frame in which anything in the page changed (70 to 100 ms a frame with 10,000; 17 ms with
   * 1,000 notes). Painting thousands of passages also costs as much as the rest of an update: when the passages,
   * their colours and the text nodes they lie in are all as last painted, the highlights on the page are right.
   */
  private paint() {
    if (!this.painter || !this.paintable) return;
    const { entries, index } = this.paintable;
    // Marks (the fallback) are repainted only by an update, which many author notes alone do not bring.
    const nearOnly = this.entryBlocks.size > 0 && (this.painter.mode === 'highlight-api' || this.host.virtualCards);
    const painted = nearOnly
      ? entries.filter((e) => e.card || e.id === this.activeId || e.id === this.pinnedId || this.nearBlocks.has(this.entryBlocks.get(e.id)!))
      : entries;
    const paintKey = painted.map(({ id, start, end, color }) => `${id}\u0000${start}\u0000${end}\u0000${color ?? ''}`).join('\u0001');
    const sameNodes =
      this.paintedNodes !== null && this.paintedNodes.length === index.nodes.length && index.nodes.every((node, i) => node === this.paintedNodes![i]);
    if (this.painter.mode !== 'mark' && paintKey === this.paintKey && sameNodes) return;
    this.host.withoutObserving(() =>
      this.painter!.paint(painted.map(({ id, start, end, color }) => ({ id, range: index.staticRangeFor(start, end), color, start, end }))),
    );
    this.paintKey = paintKey;
    this.paintedNodes = index.nodes;
    if (this.activeId !== null) this.painter.setActive(this.activeId);
  }

  /** What was last painted (see update), and the text nodes it was painted in. */
  private paintKey = '';
  private paintedNodes: readonly Text[] | null = null;

  /** Entries whose card is not rendered: a marker and a highlight, nothing in the margin. */
  private unplaced: { id: string; start: number; end: number; marker?: HTMLButtonElement }[] = [];
  /** An entry asked to open before its card was rendered. */
  private pendingOpen: string | null = null;
  /** The block (paragraph, list item, …) each entry's passage starts in, when there are many entries. */
  private readonly entryBlocks = new Map<string, Element>();
  private blockWatch?: IntersectionObserver;
  private readonly nearBlocks = new Set<Element>();
  private watchedBlocks = new WeakSet<Element>();

  private blockFor(index: TextIndex, entry: LocatedCard): Element {
    const { node } = index.positionAt(entry.start, 'start');
    const block = node.parentElement?.closest(BLOCKS) ?? this.host;
    this.entryBlocks.set(entry.id, block);
    return block;
  }

  /**
   * With many entries, watches the blocks that hold their passages (a screen above and below the viewport): the
   * reader is told which of its annotations are near (those get a marker and a card), and far author notes are
   * left out of the layout.
   */
  private watchBlocks() {
    if (this.entryBlocks.size === 0) {
      this.blockWatch?.disconnect();
      this.blockWatch = undefined;
      this.nearBlocks.clear();
      this.watchedBlocks = new WeakSet();
      return;
    }
    this.blockWatch ??= new IntersectionObserver(
      (records) => {
        let changed = false;
        for (const record of records) {
          if (record.isIntersecting && !this.nearBlocks.has(record.target)) {
            this.nearBlocks.add(record.target);
            changed = true;
          } else if (!record.isIntersecting && this.nearBlocks.delete(record.target)) changed = true;
        }
        if (!changed) return;
        if (this.host.virtualCards) this.host.nearCards(new Set([...this.entryBlocks].filter(([, block]) => this.nearBlocks.has(block)).map(([id]) => id)));
        // Otherwise (many author notes) no update follows: the highlights near the viewport are painted here.
        else if (this.painter?.mode === 'highlight-api') this.paint();
        if (this.virtualNotes) this.scheduleLayout();
      },
      { rootMargin: '100% 0px' },
    );
    for (const block of new Set(this.entryBlocks.values())) {
      if (this.watchedBlocks.has(block)) continue;
      this.watchedBlocks.add(block);
      this.blockWatch.observe(block);
    }
  }

  /**
   * With many author notes (all of them are the essay's own elements, always in the page), those far from the
   * viewport are not laid out: they are hidden (`data-essay-far`) and left out of the margin's measuring, until
   * their passage comes near or one is opened.
   */
  private get virtualNotes(): boolean {
    return this.anchored.length + this.unplaced.length > MANY_ENTRIES;
  }

  private isFar(item: Anchored): boolean {
    return (
      this.virtualNotes &&
      item.note.localName === 'essay-note' &&
      !this.nearBlocks.has(this.entryBlocks.get(item.id)!) &&
      item.id !== this.pinnedId &&
      item.id !== this.activeId &&
      !item.note.matches(':focus-within')
    );
  }

  /** The marker of each entry, with where it stands (the end offset of its passage) and what it says. */
  private readonly markers = new Map<string, { marker: HTMLButtonElement; end: number; text: string; label: string }>();

  /**
   * Makes the markers match `entries`: those whose entry is gone or moved come out, new ones go in (last first,
   * so that the offsets `index` gives stay valid as text nodes split), and the rest stay where they are.
   * @returns the marker of each entry, and the index after the text nodes that new markers split (the same
   * index when none was split; null when it must be built again).
   */
  private placeMarkers(index: TextIndex, entries: LocatedCard[], numbers: (number | null)[]): { list: HTMLButtonElement[]; index: TextIndex | null } {
    const wanted = new Map(entries.map((entry, i) => [entry.id, { entry, number: numbers[i] }]));
    for (const [id, placed] of this.markers) {
      const want = wanted.get(id);
      if (want && want.entry.end === placed.end && placed.marker.isConnected) continue;
      placed.marker.remove();
      this.markers.delete(id);
    }
    const missing = entries.map((entry, i) => ({ entry, number: numbers[i] })).filter(({ entry }) => !this.markers.has(entry.id));
    missing.sort((a, b) => b.entry.end - a.entry.end);
    // Offsets are read from the index as it was (splits further on leave earlier nodes' starts in place); the
    // index after them is patched split by split, not built again.
    let after: TextIndex | null = index;
    for (const { entry, number } of missing) {
      const { marker, split } = this.insertMarker(index, entry, number);
      if (split && after) after = after.withSplit(split.head, split.tail);
      this.markers.set(entry.id, { marker, end: entry.end, text: marker.textContent ?? '', label: marker.getAttribute('aria-label') ?? '' });
    }
    // Kept markers say what their entry says now (a new number, an edited comment).
    for (const [id, { entry, number }] of wanted) {
      const placed = this.markers.get(id)!;
      const text = this.markerText(number);
      const label = this.markerLabel(entry, number);
      if (placed.text !== text) placed.marker.textContent = placed.text = text;
      if (placed.label !== label) placed.marker.setAttribute('aria-label', (placed.label = label));
    }
    // The text nodes that removed markers had split stay split (they are joined when the reader lets the essay
    // go): taking a marker out then leaves every indexed text node as it was, and the index valid. Scrolling past
    // 10,000 annotations took a marker out and put one in on every screen, and indexed the 200k-word essay again.
    return { list: entries.map((entry) => this.markers.get(entry.id)!.marker), index: after };
  }

  private markerText(number: number | null): string {
    return this.host.noteNumbers && number !== null ? String(number) : '';
  }

  private markerLabel(entry: LocatedCard, number: number | null): string {
    return number !== null ? `Note ${number}: ${truncate(entry.label, 80)}` : `Your annotation: ${truncate(entry.label, 80)}`;
  }

  /** Where each note was found in the text last time, valid while the text (and the note's options) stay the same. */
  private located = new WeakMap<EssayNote, { version: number; key: string; match: TextMatch | null }>();
  /** Bumped whenever the essay's text differs from the last update's (one string comparison per update). */
  private textVersion = 0;
  private lastText = '';

  /**
   * Anchoring a note that has no position hint searches the text; re-anchoring every note whenever one
   * annotation is added would repeat that work for nothing, since markers and marks leave the text unchanged.
   */
  private cachedLocate(note: EssayNote, quote: string, index: TextIndex): TextMatch | null {
    const options = noteOptions(note);
    const key = `${quote}\u0000${options.prefix}\u0000${options.suffix}\u0000${options.occurrence}`;
    const cached = this.located.get(note);
    if (cached && cached.version === this.textVersion && cached.key === key) return cached.match;
    const match = this.locateNote(note, quote, index);
    this.located.set(note, { version: this.textVersion, key, match });
    return match;
  }

  private locateNote(note: EssayNote, quote: string, index: TextIndex): TextMatch | null {
    const { occurrence, prefix, suffix } = noteOptions(note);
    if (occurrence !== null && Number.isInteger(occurrence) && occurrence >= 1) {
      const exact = collapseWhitespace(quote);
      let at = -1;
      for (let n = 0; n < occurrence; n++) {
        at = index.text.indexOf(exact, at + 1);
        if (at === -1) return null;
      }
      return { start: at, end: at + exact.length, kind: 'exact', errors: 0 };
    }
    return locate([{ type: 'TextQuoteSelector', exact: quote, prefix: prefix || undefined, suffix: suffix || undefined }], index);
  }

  /** Puts a marker at the end of the entry's passage; `split` is the text node it cut in two, if any. */
  private insertMarker(index: TextIndex, entry: LocatedCard, number: number | null): { marker: HTMLButtonElement; split?: { head: Text; tail: Text } } {
    const marker = this.host.ownerDocument.createElement('button');
    marker.type = 'button';
    marker.setAttribute('data-essay-skip', '');
    marker.setAttribute(MARKER_ATTRIBUTE, '');
    marker.textContent = this.markerText(number);
    marker.setAttribute('aria-label', this.markerLabel(entry, number));
    const { node, offset } = index.positionAt(entry.end, 'end');
    const tail = offset < node.length ? node.splitText(offset) : null;
    node.parentNode!.insertBefore(marker, tail ?? node.nextSibling);
    return { marker, split: tail ? { head: node, tail } : undefined };
  }

  /** @returns whether there were markers to remove. */
  private removeMarkers(): boolean {
    const parents = new Set<Node>();
    for (const marker of this.host.querySelectorAll(`[${MARKER_ATTRIBUTE}]`)) {
      if (marker.parentNode) parents.add(marker.parentNode);
      marker.remove();
    }
    // Join the text nodes the markers had split.
    for (const parent of parents) parent.normalize();
    return parents.size > 0;
  }

  /** Lays the notes out in the next animation frame (once, however often it is asked). */
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
    const column = this.host.marginColumn;
    // --- read ---
    const hostRect = this.host.getBoundingClientRect();
    const columnRect = column?.getBoundingClientRect();
    const narrow = !columnRect || columnRect.width === 0;
    const rtl = getComputedStyle(this.host).direction === 'rtl';
    // Far notes are hidden (see virtualNotes); the margin lays out the rest.
    for (const item of this.anchored) {
      const far = !narrow && this.isFar(item);
      if (far !== item.note.hasAttribute(FAR_ATTRIBUTE)) item.note.toggleAttribute(FAR_ATTRIBUTE, far);
    }
    const placed = narrow ? [] : this.anchored.filter((item) => !item.note.hasAttribute(FAR_ATTRIBUTE));
    const measured = narrow
      ? []
      : placed.map(({ start, end, note }) => {
          const range = this.measureRange(start, end);
          const first = range.getClientRects()[0] ?? range.getBoundingClientRect();
          return { anchor: first.top - columnRect!.top, height: note.offsetHeight };
        });
    // --- write ---
    this.narrowLayout = narrow;
    for (const { note, marker } of this.anchored) {
      const layout = narrow ? 'popover' : 'margin';
      if (note.layout !== layout) note.layout = layout;
      if (narrow) {
        if (!note.hasAttribute('popover')) note.setAttribute('popover', 'auto');
        // The marker is the native invoker where it can be: a reference into a shadow root (a reader's card)
        // is not allowed, so those markers toggle their popover by hand (see onClick).
        marker.popoverTargetElement = note.getRootNode() === marker.getRootNode() ? note : null;
        note.addEventListener('toggle', this.onToggle);
      } else {
        if (note.hasAttribute('popover')) {
          if (note.matches(':popover-open')) note.hidePopover();
          this.stopFollowing(note);
          note.removeAttribute('popover');
        }
        marker.popoverTargetElement = null;
        note.style.removeProperty('left');
        note.style.removeProperty('top');
      }
    }
    if (narrow) {
      const open = this.openAfterLayout;
      this.openAfterLayout = null;
      if (open !== null) this.openNote(open);
      return;
    }
    const active = this.pinnedId === null ? undefined : placed.findIndex((a) => a.id === this.pinnedId);
    const tops = layoutMargin(measured, { gap: 12, top: 0, active: active === -1 ? undefined : active });
    const left = rtl ? columnRect!.right - hostRect.left - columnRect!.width : columnRect!.left - hostRect.left;
    const columnTop = columnRect!.top - hostRect.top;
    placed.forEach(({ note }, i) => {
      note.style.left = `${left}px`;
      note.style.width = `${columnRect!.width}px`;
      note.style.transform = `translateY(${Math.round(columnTop + tops[i])}px)`;
    });
  }

  /** Emphasises a note and its passage (hover, focus), or none. */
  setActive(id: string | null) {
    if (id === this.activeId) return;
    this.activeId = id;
    // An entry far from the viewport has no highlight until it is active (see paint).
    if (this.painter?.mode === 'highlight-api' && this.entryBlocks.size > 0) this.paint();
    this.painter?.setActive(id);
    for (const { note, marker, id: noteId } of this.anchored) {
      note.active = noteId === id;
      marker.toggleAttribute('data-active', noteId === id);
    }
  }

  /** Brings a note level with its passage and focuses it (or opens its popover on narrow layouts). */
  /** Whether the margin has placed the entry `id` (a new card is placed in the frame after it is added). */
  isPlaced(id: string): boolean {
    const item = this.anchored.find((a) => a.id === id);
    return !!item && (!this.narrow || item.note.hasAttribute('popover'));
  }

  /** A note asked to open before the layout made it a popover. */
  private openAfterLayout: string | null = null;

  openNote(id: string) {
    const item = this.anchored.find((a) => a.id === id);
    if (!item) {
      // Not rendered (far from the viewport when many annotations are shown): rendered first, opened then.
      if (this.unplaced.some((a) => a.id === id)) {
        this.pendingOpen = id;
        this.host.revealCard(id);
      }
      return;
    }
    if (this.narrow) {
      // A note added since the last layout is not a popover yet: it opens once the layout has made it one.
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

  private readonly onToggle = (event: Event) => {
    const note = event.currentTarget as EssayNote;
    const item = this.anchored.find((a) => a.note === note);
    if (!item) return;
    if ((event as ToggleEvent).newState === 'open') {
      this.setActive(item.id);
      this.followMarker(item);
      // Focus moves into the popover, unless something inside it (an editor just opened) already has it.
      requestAnimationFrame(() => {
        if (note.matches(':popover-open') && !note.matches(':focus-within')) note.focus({ preventScroll: true });
      });
    } else {
      this.stopFollowing(note);
      this.setActive(null);
      // Closing by Escape, an outside click or the marker returns focus to the marker.
      // (Focus in a reader's card shows as the reader itself, or as nothing once the card is hidden.)
      const focus = this.host.ownerDocument.activeElement;
      const inside = this.host.shadowRoot?.activeElement;
      const lost = !focus || focus === this.host.ownerDocument.body || focus === note || note.contains(focus);
      if (lost || (focus === this.host && (!inside || inside === note))) item.marker.focus();
    }
  };

  /** Stops for each open popover that follows its marker. */
  private readonly following = new Map<MarginElement, () => void>();

  /**
   * Keeps an open popover below its marker as the page scrolls. When the marker scrolls out of view the popover
   * closes (a swipe on a phone must not leave it over unrelated text), unless the reader is typing in it.
   */
  private stopFollowing(note: MarginElement) {
    this.following.get(note)?.();
    this.following.delete(note);
  }

  private followMarker({ note, marker }: Anchored) {
    this.stopFollowing(note);
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

  private readonly onClick = (event: MouseEvent) => {
    const target = event.target as Element;
    const marker = target.closest?.(`[${MARKER_ATTRIBUTE}]`);
    if (marker) {
      const item = this.anchored.find((a) => a.marker === marker);
      if (!item) {
        const unplaced = this.unplaced.find((a) => a.marker === marker);
        if (unplaced) this.openNote(unplaced.id);
        return;
      }
      if (!this.narrow) this.openNote(item.id);
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
    if (item) this.openNote(item.id);
  };

  private lastPointerEntry: Anchored | undefined;

  /** The margin entry (note or card) an event came from, looking through shadow roots. */
  private entryInPath(event: Event): Anchored | undefined {
    const path = event.composedPath();
    return this.anchored.find((a) => path.includes(a.note));
  }

  /** A popover that was open when a press on its marker began (light dismiss closes it before the click). */
  private openAtPointerDown: MarginElement | null = null;

  private readonly onPointerDown = (event: PointerEvent) => {
    const marker = (event.target as Element).closest?.(`[${MARKER_ATTRIBUTE}]`);
    const item = marker && this.anchored.find((a) => a.marker === marker);
    this.openAtPointerDown = item && item.note.matches(':popover-open') ? item.note : null;
  };

  private readonly onPointerMove = (event: PointerEvent) => {
    this.lastPointer = { x: event.clientX, y: event.clientY };
    this.lastPointerEntry = this.entryInPath(event);
    this.hoverFrame ||= requestAnimationFrame(() => {
      this.hoverFrame = 0;
      if (!this.lastPointer) return;
      const item = this.lastPointerEntry ?? this.itemAtPoint(this.lastPointer.x, this.lastPointer.y);
      if (item || this.pinnedId === null) this.setActive(item?.id ?? null);
    });
  };

  private readonly onPointerLeave = () => {
    this.lastPointer = null;
    if (this.pinnedId === null) this.setActive(null);
  };

  private readonly onFocusIn = (event: FocusEvent) => {
    const item = this.entryInPath(event);
    if (item) this.setActive(item.id);
  };

  private readonly onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget as Element | null;
    if (next && this.anchored.some((a) => a.note.contains(next) || a.marker === next || a.note.shadowRoot?.contains(next))) return;
    // Focus moving inside a card's shadow root reports the card itself (or the reader) as relatedTarget.
    if (next === this.host) return;
    if (this.pinnedId !== null) {
      this.pinnedId = null;
      this.scheduleLayout();
    }
    this.setActive(null);
  };

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
      target = nextTabStopAfter(item.marker, this.host, (el) => this.anchored.some((a) => a.note === el || a.note.contains(el)));
    }
    if (!target) return;
    event.preventDefault();
    target.focus();
    if (this.narrowLayout && item.note.matches(':popover-open')) item.note.hidePopover();
  };

  private readonly onBack = (event: HTMLElementEventMap['essay-note-back']) => {
    const item = this.anchored.find((a) => a.note === event.detail.note);
    if (!item) return;
    if (this.narrow && item.note.matches(':popover-open')) item.note.hidePopover();
    item.marker.focus();
  };

  /** The note whose passage is under a point of the viewport. */
  private itemAtPoint(x: number, y: number): Anchored | undefined {
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
    const at = this.host.textIndex.offsetOf(node, offset);
    // The innermost (shortest) passage under the point.
    let best: Anchored | undefined;
    for (const item of this.anchored) {
      if (item.start <= at && at < item.end && (!best || item.end - item.start < best.end - best.start)) best = item;
    }
    return best;
  }
}

/**
 * A note's options. The reader may anchor notes before they are upgraded (a reader and its notes inserted with
 * innerHTML upgrade in tree order, reader first), so an attribute stands in for a property not there yet.
 */
function noteOptions(note: EssayNote) {
  const upgraded = typeof note.requestUpdate === 'function';
  const attribute = (name: string) => note.getAttribute(name) ?? '';
  const occurrence = upgraded ? note.occurrence : note.hasAttribute('occurrence') ? Number(attribute('occurrence')) : null;
  return {
    quote: upgraded ? note.quote : attribute('quote'),
    prefix: upgraded ? note.quotePrefix : attribute('prefix'),
    suffix: upgraded ? note.quoteSuffix : attribute('suffix'),
    occurrence,
    color: (upgraded ? note.color : note.getAttribute('color')) ?? undefined,
  };
}

function noteId(note: EssayNote, i: number): string {
  return note.id || `essay-note-${i + 1}`;
}

function setAttribute(element: Element, name: string, value: string) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
