import { stringsOf } from '../../i18n/locale.js';
import type { EssayStrings } from '../../i18n/strings.js';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { textOf, type Annotation } from '../../core/model/annotation.js';
import { colorOf, creatorNameOf, quoteOf } from '../../core/model/helpers.js';
import type { TextIndex } from '../../core/text/text-index.js';
import type { EssayAnnotationCard } from '../essay-annotation-card/essay-annotation-card.js';
import type { Place } from './annotation-lookup.js';
import type { Located, ReaderAnnotations } from './reader-annotations.js';
import type { MarginElement, MarginEntry, MarginSource } from './margin/margin-entry.js';

/** How many cards are rendered all at once; beyond it, only those near the viewport (and those in use). */
const VIRTUAL_FROM = 200;

/**
 * The reader's annotations as cards: in the margin (a margin source), as the list of notes on the whole page, and
 * as the unanchored ones. With many annotations only the cards whose passages are near the viewport are rendered,
 * with those asked for and those in use (focused, being edited, open).
 */
export class AnnotationCards implements MarginSource {
  /** Cards whose passages are near the viewport, as the margin last said. */
  private nearIds: ReadonlySet<string> = new Set();
  /** Cards asked for (to be opened, or just made): rendered wherever they are. The last few are kept. */
  private readonly revealedIds = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly annotations: ReaderAnnotations,
    private readonly options: {
      readonly(): boolean;
      /** The set of cards to render changed: render and lay out again. */
      changed(): void;
      /** Whether the annotation is another reader's, and whether it is shared (`null`: no shared layer). */
      standing(annotation: Annotation): { foreign: boolean; shared: boolean | null; hideable: boolean };
    },
  ) {}

  get virtual(): boolean {
    return this.annotations.topLevel.length - this.annotations.pageNoteIds.size > VIRTUAL_FROM;
  }

  near(ids: ReadonlySet<string>) {
    this.nearIds = ids;
    this.options.changed();
  }

  reveal(id: string) {
    this.revealedIds.delete(id);
    this.revealedIds.add(id);
    for (const old of this.revealedIds) {
      if (this.revealedIds.size <= 20) break;
      this.revealedIds.delete(old);
    }
    this.options.changed();
  }

  /**
   * The entry of each annotation, made once per annotation and passage: annotations are immutable objects (a change
   * makes a new one), so an entry holds while its passage reads the same. With 10,000 annotations, making every
   * entry again (its colour, its label) on each update cost more than the update's own work.
   */
  private readonly entries = new WeakMap<Annotation, { version: number; start: number; end: number; entry: MarginEntry; strings: EssayStrings }>();
  /** The entries of the last list the annotations were found in (the same list while nothing changed), by id. */
  private list: { located: Located[]; entries: MarginEntry[]; version: number } | null = null;
  /** The entries that were given their rendered card last time. */
  private withCards: MarginEntry[] = [];

  locate(index: TextIndex): MarginEntry[] {
    const located = this.annotations.locate(index);
    if (this.list?.located !== located) {
      const version = this.annotations.textVersion(index);
      const strings = stringsOf(this.host);
      const entries = located.map(({ annotation, start, end }) => this.entryOf(annotation, start, end, index, version, strings));
      this.list = { located, entries, version };
    }
    // Only the rendered cards (those near the viewport, with many) are handed to the margin.
    for (const entry of this.withCards) entry.element = null;
    this.withCards = [];
    for (const card of this.marginCards()) {
      // Its annotation's entry in the list, if it is in it: an entry made for this text is the list's (see entryOf),
      // and found so, not in a map of 10,000 made again on every change.
      const known = card.annotation && this.entries.get(card.annotation);
      const entry = known && known.version === this.list.version ? known.entry : null;
      if (!entry) continue;
      card.quote = index.text.slice(entry.start, entry.end);
      entry.element = card as unknown as MarginElement;
      this.withCards.push(entry);
    }
    return this.list.entries;
  }

  /** `version`: of the text `index` holds; while it and the offsets are the same, so is the passage's quote. */
  private entryOf(annotation: Annotation, start: number, end: number, index: TextIndex, version: number, strings: EssayStrings): MarginEntry {
    const known = this.entries.get(annotation);
    if (known && known.version === version && known.start === start && known.end === end && known.strings === strings) return known.entry;
    const quote = index.text.slice(start, end);
    const entry: MarginEntry = {
      element: null,
      id: annotation.id,
      start,
      end,
      color: colorOf(annotation),
      label: textOf(annotation) || strings.highlightOf(quote),
      authored: false,
    };
    const by = this.options.standing(annotation).foreign ? creatorNameOf(annotation) : null;
    if (by) entry.by = by;
    this.entries.set(annotation, { version, start, end, entry, strings });
    return entry;
  }

  /** The rendered card of annotation `id`, if any. */
  cardFor(id: string): EssayAnnotationCard | null {
    return this.host.shadowRoot?.querySelector<EssayAnnotationCard>(`essay-annotation-card[data-id="${CSS.escape(id)}"]`) ?? null;
  }

  /** Every rendered card. */
  rendered(): EssayAnnotationCard[] {
    return [...(this.host.shadowRoot?.querySelectorAll<EssayAnnotationCard>('essay-annotation-card') ?? [])];
  }

  /** The cards rendered in the margin (not the page notes'): the children of the cards' container. */
  private marginCards(): EssayAnnotationCard[] {
    return [...(this.host.shadowRoot?.querySelector('.cards')?.children ?? [])] as EssayAnnotationCard[];
  }

  /** The cards to render: all of them, or with many, those near the viewport, asked for, or in use. */
  private shown(): Annotation[] {
    const { annotations } = this;
    if (!this.virtual) return annotations.topLevel.filter((a) => !annotations.pageNoteIds.has(a.id));
    const inUse = this.marginCards()
      .filter((card) => card.editing || card.matches(':focus-within, :popover-open') || card.active)
      .map((card) => card.dataset.id ?? '');
    // Gathered from the few wanted, not by filtering all 10,000 (a render for any reason did that, on every
    // section scrolled past), and put in the order of the annotations (the order Tab takes the cards in).
    const places = annotations.topLevelPlaces();
    const wanted = new Set([...this.nearIds, ...this.revealedIds, ...inUse, ...annotations.orphanIds]);
    const shown: Place[] = [];
    for (const id of wanted) {
      const place = places.get(id);
      if (place && !annotations.pageNoteIds.has(id)) shown.push(place);
    }
    return shown.sort((a, b) => a.rank - b.rank).map((place) => place.annotation);
  }

  private card(annotation: Annotation, layout: 'margin' | 'orphan' | 'page') {
    const { foreign, shared, hideable } = this.options.standing(annotation);
    return html`<essay-annotation-card
      part="card"
      data-id=${annotation.id}
      .annotation=${annotation}
      .replies=${this.annotations.repliesTo(annotation.id)}
      ?readonly=${this.options.readonly()}
      ?unsaved=${this.annotations.failed.has(annotation.id)}
      ?foreign=${foreign}
      .shared=${shared}
      ?hideable=${hideable}
      layout=${layout}
    ></essay-annotation-card>`;
  }

  /** The cards of the margin. */
  render() {
    // Keyed by id: a card element stays with its annotation as the list changes (scrolling shows others), so focus,
    // an open editor or a popover never passes to another annotation's card.
    return repeat(
      this.shown(),
      (annotation) => annotation.id,
      (annotation) => this.card(annotation, this.annotations.orphanIds.has(annotation.id) ? 'orphan' : 'margin'),
    );
  }

  /** Notes on the whole page (a target with no passage): listed after the essay, editable, exported. */
  renderPageNotes() {
    // Asked on every render (a section scrolled past renders the reader): no filtering of 10,000 for none.
    if (this.annotations.pageNoteIds.size === 0) return nothing;
    const notes = this.annotations.topLevel.filter((a) => this.annotations.pageNoteIds.has(a.id));
    if (notes.length === 0) return nothing;
    return html`<section class="page-notes" part="page-notes" aria-labelledby="page-notes-title">
      <h2 id="page-notes-title">${stringsOf(this.host).pageNotes}</h2>
      <ul>
        ${notes.map((annotation) => html`<li>${this.card(annotation, 'page')}</li>`)}
      </ul>
    </section>`;
  }

  /** The unanchored annotations, as items of the "Unanchored notes" list, with Re-attach and Delete. */
  renderOrphans(orphans: Annotation[], actions: { reattach(id: string): void; delete(id: string): void }) {
    const t = stringsOf(this.host);
    return orphans.map(
      (annotation) => html`<li>
        <q>${quoteOf(annotation) || t.noQuote}</q>
        <span>${textOf(annotation)}</span>
        ${
          this.options.readonly()
            ? nothing
            : html`<button type="button" data-action="reattach" @click=${() => actions.reattach(annotation.id)}>${t.reattach}</button>
              <button type="button" data-action="delete" @click=${() => actions.delete(annotation.id)}>${t.delete}</button>`
        }
      </li>`,
    );
  }
}
