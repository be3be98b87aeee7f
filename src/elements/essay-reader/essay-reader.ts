import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { DirectiveResult } from 'lit/directive.js';
import { describe as describeRange } from '../../core/anchoring/describe.js';
import { findQuote } from '../../core/anchoring/selectors.js';
import { locateTextFragment, parseTextFragment, textFragmentFor, toTextFragment } from '../../core/anchoring/text-fragment.js';
import { flashRange } from '../../core/highlight/flash.js';
import { anchoringSelectorsOf, DRAFT, textOf, type Annotation, type AnnotationCollection } from '../../core/model/annotation.js';
import { colorOf, quoteOf, replyTarget, withColor, withComment } from '../../core/model/helpers.js';
import { parseAnnotation } from '../../core/model/parse.js';
import type { AnnotationStore, StoreError } from '../../core/store/store.js';
import type { TextIndex } from '../../core/text/text-index.js';
import type { CardAction, EssayAnnotationCard } from '../essay-annotation-card/essay-annotation-card.js';
import { ReaderAnnotations, type ImportReport } from './annotations-controller.js';
import type { LocatedCard, MarginElement } from './notes-controller.js';
import { ReadingSurface } from './reading-surface.js';
import { SelectionToolbarController } from './selection-toolbar-controller.js';
import { scrollBehavior } from '../shared/motion.js';
import { scrollIntoViewAndHold } from '../shared/hold-in-view.js';
import { annotationsToMarkdown } from '../../core/export/markdown.js';
import { wellFormed } from '../../core/text/well-formed.js';
import { DEFAULT_LIMITS, exceedsLimits, type AnnotationLimits } from '../../core/model/limits.js';

/** How many cards a reader renders all at once; beyond it, only those near the viewport (and those in use). */
const VIRTUAL_FROM = 200;

/**
 * Wraps an essay written as ordinary HTML and turns it into a long-form reading page: numbered sections with
 * deep links, a table of contents that follows the reader, reading time and a reading-progress bar. The essay
 * stays in the light DOM, so it reads, prints, indexes and finds-in-page as plain HTML, with or without
 * JavaScript.
 *
 * @summary A long-form reading surface around light-DOM HTML.
 * @tag essay-reader
 *
 * @slot - The essay: headings (`<h2>` sections, `<h3>` subsections), paragraphs, blockquotes, pull-quotes and
 * `<essay-note>` margin notes.
 *
 * @fires {CustomEvent<{ entries: OutlineEntry[] }>} essay-outline-change - The sections were numbered again (on
 * first render and whenever the essay's headings change).
 * @fires {CustomEvent<{ id: string | null }>} essay-section-change - The reader scrolled into another section.
 * @fires {CustomEvent<{ annotations: Annotation[] }>} essay-annotations-import - Before an import changes anything, with the parsed annotations it would add or update; cancelable, and the page may replace `detail.annotations` with a filtered list.
 * @fires {CustomEvent<{ report: ImportReport }>} essay-annotations-imported - After an import, once, with its report (no per-item create or update events for imported items).
 * @fires {CustomEvent<{ annotation: Annotation }>} essay-annotation-create - Before a reader annotation is added
 * (cancelable: `preventDefault()` keeps it from being added).
 * @fires {CustomEvent<{ annotation: Annotation }>} essay-annotation-update - A reader annotation changed.
 * @fires {CustomEvent<{ annotation: Annotation }>} essay-annotation-delete - A reader annotation was deleted.
 * @fires {CustomEvent<{ annotation: Annotation }>} essay-annotation-orphan - A reader annotation no longer anchors:
 * it is kept and listed under "Unanchored notes".
 * @fires {CustomEvent<{ kind: string; message: string; annotationId?: string; quarantineKey?: string }>} essay-store-error - The store could not save, remove or read; nothing is lost (unsaved annotations stay in
 * memory and are saved again on the next change; unreadable data is set aside under a quarantine key).
 * @fires {CustomEvent<{ quote: string; message: string }>} essay-note-orphan - An `<essay-note>`'s quote matches no
 * passage (dispatched from the note, bubbling); the note is listed under "Unanchored notes".
 *
 * @csspart frame - The whole reading surface.
 * @csspart progress - The track of the reading-progress bar.
 * @csspart progress-bar - The filled part of the reading-progress bar.
 * @csspart rail - The column that holds the contents and reading time.
 * @csspart toc-toggle - The button that shows the contents on narrow layouts.
 * @csspart toc - The contents (`<essay-toc>`).
 * @csspart toc-list - A list of the contents.
 * @csspart toc-link - A link in the contents.
 * @csspart toc-link-current - The link of the section being read.
 * @csspart section-number - A section number in the contents.
 * @csspart reading-time - The estimated reading time.
 * @csspart essay - The essay column.
 * @csspart margin - The margin column (notes and annotations).
 * @csspart orphans - The list of notes whose passage was not found.
 * @csspart page-notes - The list of notes on the whole page (annotations with no passage), after the essay.
 * @csspart toolbar - The toolbar for a selection (Highlight, Comment, Copy link): above it, or a bar along the bottom edge after a touch (`[data-input="touch"]`).
 * @csspart toolbar-button - A button of the toolbar.
 * @csspart status - The live status line (link copied, annotation deleted with Undo).
 * @csspart card - A reader annotation's card in the margin (`<essay-annotation-card>`).
 *
 * @cssprop [--essay-font-body=Charter, 'Iowan Old Style', Georgia, serif] - Font of the essay text.
 * @cssprop [--essay-font-heading=inherit] - Font of headings.
 * @cssprop [--essay-font-ui=system-ui, sans-serif] - Font of the contents, notes and controls.
 * @cssprop [--essay-font-size=1.2rem] - Size of the essay text.
 * @cssprop [--essay-line-height=1.6] - Leading of the essay text.
 * @cssprop [--essay-measure=65ch] - Width of the essay column.
 * @cssprop [--essay-toc-width=13rem] - Width of the contents rail.
 * @cssprop [--essay-margin-width=16rem] - Width of the margin column.
 * @cssprop [--essay-gap=3rem] - Space between the columns.
 * @cssprop [--essay-color-text=light-dark(#1d1b18, #e9e6e1)] - Text colour.
 * @cssprop [--essay-color-background=light-dark(#fffdf9, #171614)] - Background colour.
 * @cssprop [--essay-color-muted=light-dark(#6b6459, #a39d94)] - Colour of secondary text.
 * @cssprop [--essay-color-accent=light-dark(#a4372a, #f08a6e)] - Accent: numbers, current section, progress.
 * @cssprop [--essay-color-link=currentColor] - Colour of links in the essay.
 * @cssprop [--essay-color-rule=light-dark(#e3ddd2, #3a3631)] - Colour of rules and borders.
 * @cssprop [--essay-color-flash=rgb(255 214 10 / 0.55)] - Background that flashes on a passage a link led to.
 * @cssprop [--essay-section-number-color=var(--essay-color-accent)] - Colour of section numbers.
 * @cssprop [--essay-scroll-margin=4rem] - Space kept above a heading or passage scrolled to.
 * @cssprop [--essay-progress-height=3px] - Thickness of the reading-progress bar.
 * @cssprop [--essay-highlight-yellow=rgb(255 214 10 / 0.32)] - Highlight of a passage (default colour); likewise
 * `--essay-highlight-green`, `-blue`, `-pink`, `-purple`.
 * @cssprop [--essay-highlight-active=rgb(255 170 0 / 0.45)] - Highlight of the passage being read.
 */
export class EssayReader extends ReadingSurface {
  /**
   * Whether readers can annotate by selecting text (default true; `annotatable="false"` turns it off). Stored
   * annotations are shown either way.
   */
  @property({ attribute: 'annotatable', converter: { fromAttribute: (value: string | null) => value !== 'false' } }) annotatable = true;

  /** Shows stored annotations without letting the reader add, edit or delete any. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** What annotations are stored under (default: the page's canonical URL). */
  @property({ attribute: 'document-id' }) documentId = '';

  @state() private status: { message: string; undo?: () => void } | null = null;
  /** Bumped when reader annotations change, so the cards render again. */
  @state() private annotationsVersion = 0;

  private readonly readerAnnotations = new ReaderAnnotations({
    documentId: () => this.resolvedDocumentId,
    source: () => this.documentSource,
    isThisDocument: (source) => [this.documentSource, this.resolvedDocumentId, this.documentId].includes(source) || source === location.href.split('#')[0],
    legacyDocumentId: () => this.legacyDocumentId(),
    textIndex: () => this.textIndex,
    limits: () => this.limits,
    screenImport: (annotations) => {
      const detail = { annotations };
      return this.emit('essay-annotations-import', detail, { cancelable: true }).defaultPrevented ? null : detail.annotations;
    },
    emitStoreError: (error, annotationId) => this.emitStoreError(error, annotationId),
    annotationsChanged: () => this.annotationsVersion++,
  });
  private readonly toolbarController = new SelectionToolbarController(this);
  private knownOrphans = new Set<string>();
  private statusTimer = 0;

  constructor() {
    super();
    // A store set on the element before it was upgraded is an own property hiding the accessor: take it over.
    if (Object.prototype.hasOwnProperty.call(this, 'store')) {
      const store = (this as unknown as { store: AnnotationStore }).store;
      delete (this as unknown as { store?: AnnotationStore }).store;
      this.store = store;
    }
  }

  /**
   * The id annotations are stored under: `document-id`, else the canonical URL (or this page's), followed by
   * `#<id>` when the reader has an id, so that several readers on one page keep separate collections.
   */
  get resolvedDocumentId(): string {
    if (this.documentId) return this.documentId;
    return this.id ? `${this.documentSource}#${this.id}` : this.documentSource;
  }

  /**
   * The document reader annotations target: `document-id`, else the canonical URL, else this page's address
   * without its fragment and without tracking parameters (`utm_*`, `fbclid`, …), so that `/?p=1` and `/?p=2`
   * are two documents.
   */
  get documentSource(): string {
    if (this.documentId) return this.documentId;
    return this.canonicalUrl() || pageAddress(location);
  }

  private canonicalUrl(): string {
    return this.ownerDocument.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href ?? '';
  }

  /**
   * Where an earlier version kept this page's annotations, if elsewhere: the path without its query, which every
   * `?p=` of a blog shared. What anchors in this essay is brought over from there once (and left there too).
   */
  private legacyDocumentId(): string | null {
    if (this.documentId || this.canonicalUrl()) return null;
    const legacy = `${location.origin}${location.pathname}`;
    if (legacy === this.documentSource) return null;
    return this.id ? `${legacy}#${this.id}` : legacy;
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.addEventListener('essay-card-action', this.onCardAction);
    window.addEventListener('beforeunload', this.onBeforeUnload);
    void this.readerAnnotations.load();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.removeEventListener('essay-card-action', this.onCardAction);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    this.readerAnnotations.stop();
  }

  protected override updated(changed: PropertyValues<this>) {
    super.updated(changed);
    if (changed.has('documentId') && this.hasUpdated && changed.get('documentId') !== undefined) {
      // Unsaved work goes to the document it was made for before the reader moves on.
      const pending = this.readerAnnotations.takePending();
      this.readerAnnotations.stop();
      this.readerAnnotations.all = [];
      void this.readerAnnotations.load();
      if (pending) void this.readerAnnotations.settle(pending);
    }
    if (changed.has('annotationsVersion' as keyof EssayReader) && this.isConnected) {
      this.notesController.update();
      this.reportOrphans();
      this.resolveAnnotationHash();
    }
  }

  // ---- Reader annotations: public API ----

  /** Where reader annotations are kept (default: an IndexedDB store, falling back to localStorage). Set it to plug in your own. */
  get store(): AnnotationStore {
    return this.readerAnnotations.store;
  }

  set store(store: AnnotationStore) {
    this.readerAnnotations.store = store;
    this.readerAnnotations.all = [];
    if (this.isConnected) void this.readerAnnotations.load();
  }

  /** The reader's annotations, replies included (author notes are `<essay-note>` elements, not these). */
  get annotations(): Annotation[] {
    return [...this.readerAnnotations.all];
  }

  /** Ids of annotations whose latest change the store has not taken yet. */
  get unsavedIds(): string[] {
    return [...this.readerAnnotations.unsaved];
  }

  /** Annotations whose passage is no longer in the essay (kept, listed under "Unanchored notes"). */
  get orphanAnnotations(): Annotation[] {
    return this.readerAnnotations.all.filter((a) => this.readerAnnotations.orphanIds.has(a.id));
  }

  /**
   * Adds an annotation (validated with parseAnnotation) after a cancelable `essay-annotation-create`.
   * @returns the annotation, or null when a listener prevented it.
   * @throws TypeError naming the bad field.
   */
  async addAnnotation(json: unknown): Promise<Annotation | null> {
    this.checkLimits(json, 'addAnnotation');
    const annotation = parseAnnotation(structuredClone(json));
    if (this.emit('essay-annotation-create', { annotation }, { cancelable: true }).defaultPrevented) return null;
    // A new card is shown at once, even where only the cards near the viewport are rendered.
    this.revealCard(annotation.id);
    await this.readerAnnotations.put(annotation);
    return annotation;
  }

  /**
   * What one annotation and one document may hold (see {@link DEFAULT_LIMITS}): bigger ones are refused with a
   * reason, by addAnnotation and updateAnnotation (a TypeError) and by importAnnotations (in `rejected`), so that
   * nothing is kept that could never be saved.
   */
  limits: AnnotationLimits = { ...DEFAULT_LIMITS };

  private checkLimits(json: unknown, where: string) {
    const reason = exceedsLimits(json, this.limits);
    if (reason) throw new TypeError(`${where}: the annotation is refused: ${reason}`);
    if (
      where === 'addAnnotation' &&
      this.readerAnnotations.all.length >= this.limits.maxPerDocument &&
      !this.readerAnnotations.get((json as { id?: string })?.id ?? '')
    ) {
      throw new TypeError(`${where}: the document already holds ${this.limits.maxPerDocument.toLocaleString('en')} annotations, the most allowed`);
    }
  }

  /** Replaces an annotation's fields with `changes` (id kept, `modified` set). */
  async updateAnnotation(id: string, changes: Partial<Annotation>): Promise<Annotation> {
    const current = this.readerAnnotations.get(id);
    if (!current) throw new TypeError(`updateAnnotation: no annotation with id "${id}"`);
    const annotation = parseAnnotation({ ...current, ...changes, id, modified: new Date().toISOString() });
    this.checkLimits(annotation, 'updateAnnotation');
    await this.readerAnnotations.put(annotation);
    this.emit('essay-annotation-update', { annotation });
    return annotation;
  }

  /** Deletes an annotation and its replies. @returns a function that puts them back (Undo). */
  async removeAnnotation(id: string): Promise<() => Promise<void>> {
    const annotation = this.readerAnnotations.get(id);
    if (!annotation) throw new TypeError(`removeAnnotation: no annotation with id "${id}"`);
    const removed = await this.readerAnnotations.delete(id);
    this.emit('essay-annotation-delete', { annotation });
    return async () => {
      for (const a of removed) await this.readerAnnotations.put(a);
    };
  }

  /** The live range of an annotation's passage (reader annotation or `<essay-note>` id), or null. */
  rangeFor(id: string): Range | null {
    return this.notesController.rangeFor(id);
  }

  /** Scrolls to an annotation's passage, flashes it and shows its note. */
  scrollToAnnotation(id: string): boolean {
    const range = this.rangeFor(id);
    if (!range) return false;
    scrollIntoViewAndHold(range.startContainer.parentElement ?? this, 'center', this.linkScrollBehavior());
    flashRange(range);
    this.notesController.openNote(id);
    return true;
  }

  /** Every reader annotation as a W3C AnnotationCollection (JSON-LD). */
  exportAnnotations(): AnnotationCollection {
    return this.readerAnnotations.export();
  }

  /**
   * Every reader annotation as Markdown: each quote as a `>` block, its comment and replies, and a link to it.
   * Built as a syntax tree and serialized by mdast-util-to-markdown (loaded on the first export), so nothing in
   * an annotation can end a block, start a heading, emit HTML or break a link.
   */
  async exportMarkdown(): Promise<string> {
    const entries = this.readerAnnotations.topLevel.map((annotation) => ({
      quote: quoteOf(annotation),
      comment: textOf(annotation),
      replies: this.readerAnnotations.repliesTo(annotation.id).map(textOf),
      link: this.linkFor(annotation),
    }));
    return annotationsToMarkdown(`Annotations on ${this.documentSource}`, entries);
  }

  /**
   * Imports annotations (a collection, a page, an array, or its JSON text). Idempotent by id, and newer wins: an
   * older copy of an annotation (a re-imported export) never replaces the reader's (`older` in the report). All or
   * nothing; never throws away the valid part of a file because one item is bad; refuses annotations about
   * another document, with a reason that names it.
   */
  async importAnnotations(json: unknown): Promise<ImportReport> {
    const report = await this.readerAnnotations.import(json, this.textIndex);
    if (!report.cancelled) this.emit('essay-annotations-imported', { report });
    return report;
  }

  /**
   * A link to a passage: this page's URL with a standard text fragment, and `#annotation-<id>` for an annotation.
   */
  linkFor(target: Annotation | Range): string {
    const base = `${location.origin}${location.pathname}${location.search}`;
    const index = this.textIndex;
    if (target instanceof Range) {
      const { start, end } = index.offsetsOf(target);
      const [quote] = describeRange(target, index);
      return `${base}#${textFragmentFor(index, start, end) ?? toTextFragment(quote)}`;
    }
    const quote = findQuote(anchoringSelectorsOf(target));
    const match = this.readerAnnotations.locate(index).find(({ annotation }) => annotation.id === target.id);
    const fragment = (match && textFragmentFor(index, match.start, match.end)) ?? (quote ? toTextFragment(quote) : '');
    return `${base}#annotation-${encodeURIComponent(wellFormed(target.id))}${fragment}`;
  }

  // ---- Reader annotations: internals ----

  /** @internal */
  override locateCards(index: TextIndex): LocatedCard[] {
    const located = this.readerAnnotations.locate(index);
    const cards = new Map([...this.renderRoot.querySelectorAll<EssayAnnotationCard>('essay-annotation-card')].map((card) => [card.dataset.id ?? '', card]));
    return located.flatMap(({ annotation, start, end }) => {
      const element = cards.get(annotation.id) ?? null;
      if (element) element.quote = index.text.slice(start, end);
      return [
        {
          element: element as MarginElement | null,
          id: annotation.id,
          start,
          end,
          color: colorOf(annotation),
          label: textOf(annotation) || `Highlight: ${index.text.slice(start, end)}`,
        },
      ];
    });
  }

  private cardFor(id: string): EssayAnnotationCard | null {
    return this.renderRoot.querySelector<EssayAnnotationCard>(`essay-annotation-card[data-id="${CSS.escape(id)}"]`);
  }

  /** @internal */
  get toolbar(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('.toolbar') ?? null;
  }

  /** @internal A selection readers may annotate: one that holds essay text (not only notes or the library's UI). */
  acceptsSelection(range: Range): boolean {
    if (!this.annotatable || this.readonly) return false;
    if (!this.contains(range.startContainer) || !this.contains(range.endContainer)) return false;
    // Ends inside a section number, a marker, a note or a pull-quote map to the nearest essay text; a selection
    // with no essay text in it at all (only a note, say) is not annotatable.
    const { start, end } = this.textIndex.offsetsOf(range);
    return this.textIndex.text.slice(start, end).trim().length > 0;
  }

  /** Notes on the whole page (a target with no passage): listed after the essay, editable, exported. */
  get pageNotes(): Annotation[] {
    return this.readerAnnotations.topLevel.filter((a) => this.readerAnnotations.pageNoteIds.has(a.id));
  }

  protected override renderPageNotes() {
    const notes = this.pageNotes;
    if (notes.length === 0) return nothing;
    return html`<section class="page-notes" part="page-notes" aria-labelledby="page-notes-title">
      <h2 id="page-notes-title">Notes on this page</h2>
      <ul>
        ${notes.map(
          (annotation) => html`<li>
            <essay-annotation-card
              part="card"
              data-id=${annotation.id}
              layout="page"
              .annotation=${annotation}
              .replies=${this.readerAnnotations.repliesTo(annotation.id)}
              ?readonly=${this.readonly}
              ?unsaved=${this.readerAnnotations.failed.has(annotation.id)}
            ></essay-annotation-card>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  /** Cards whose passages are near the viewport, as the margin last said. */
  private nearIds: ReadonlySet<string> = new Set();
  /** Cards asked for (to be opened, or just made): rendered wherever they are. The last few are kept. */
  private readonly revealedIds = new Set<string>();

  /** @internal */
  override get virtualCards(): boolean {
    return this.readerAnnotations.topLevel.length - this.readerAnnotations.pageNoteIds.size > VIRTUAL_FROM;
  }

  /** @internal */
  override nearCards(ids: ReadonlySet<string>) {
    this.nearIds = ids;
    this.annotationsVersion++;
  }

  /** @internal */
  override revealCard(id: string) {
    this.revealedIds.delete(id);
    this.revealedIds.add(id);
    for (const old of this.revealedIds) {
      if (this.revealedIds.size <= 20) break;
      this.revealedIds.delete(old);
    }
    this.annotationsVersion++;
  }

  /** The cards to render: all of them, or with many, those near the viewport, asked for, or in use. */
  private shownCards(): Annotation[] {
    const cards = this.readerAnnotations.topLevel.filter((a) => !this.readerAnnotations.pageNoteIds.has(a.id));
    if (!this.virtualCards) return cards;
    const inUse = new Set(
      [...this.renderRoot.querySelectorAll<EssayAnnotationCard>('essay-annotation-card')]
        .filter((card) => card.editing || card.matches(':focus-within, :popover-open') || card.active)
        .map((card) => card.dataset.id ?? ''),
    );
    return cards.filter((a) => this.nearIds.has(a.id) || this.revealedIds.has(a.id) || inUse.has(a.id) || this.readerAnnotations.orphanIds.has(a.id));
  }

  protected override renderCards() {
    // Keyed by id: a card element stays with its annotation as the list changes (scrolling shows others), so
    // focus, an open editor or a popover never passes to another annotation's card.
    return repeat(
      this.shownCards(),
      (annotation) => annotation.id,
      (annotation) => html`<essay-annotation-card
        part="card"
        data-id=${annotation.id}
        .annotation=${annotation}
        .replies=${this.readerAnnotations.repliesTo(annotation.id)}
        ?readonly=${this.readonly}
        ?unsaved=${this.readerAnnotations.failed.has(annotation.id)}
        layout=${this.readerAnnotations.orphanIds.has(annotation.id) ? 'orphan' : 'margin'}
      ></essay-annotation-card>`,
    ) as DirectiveResult;
  }

  /** Moves an unanchored annotation to the text selected now. */
  private async reattach(id: string) {
    const selection = this.ownerDocument.getSelection();
    const range = selection && selection.rangeCount && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    const current = this.readerAnnotations.get(id);
    if (!current) return;
    if (!range || !this.acceptsSelection(range)) {
      this.showStatus('Select the passage to attach the note to, then press Re-attach.');
      return;
    }
    const selectors = describeRange(range, this.textIndex);
    // The target that carried the lost passage gets the new one; any other targets (an image, another
    // resource of a multi-target annotation) are kept as they were.
    const targets = Array.isArray(current.target) ? current.target : [current.target];
    let at = targets.findIndex((t) => typeof t === 'object' && t !== null && 'selector' in t);
    if (at === -1) at = 0;
    const old = targets[at];
    const moved = { ...(typeof old === 'object' && old !== null ? old : {}), source: this.documentSource, selector: selectors };
    const target = targets.length === 1 ? moved : targets.map((t, i) => (i === at ? moved : t));
    // A reply whose parent is gone becomes a note on the passage it is attached to.
    const motivation = replyTarget(current) !== null ? 'commenting' : current.motivation;
    await this.updateAnnotation(id, { target, motivation });
  }

  private emitStoreError(error: StoreError, annotationId?: string) {
    this.emit('essay-store-error', { kind: error.kind, message: error.message, annotationId, quarantineKey: error.details.quarantineKey });
  }

  private reportOrphans() {
    for (const annotation of this.orphanAnnotations) {
      if (this.knownOrphans.has(annotation.id)) continue;
      this.knownOrphans.add(annotation.id);
      this.emit('essay-annotation-orphan', { annotation });
    }
    for (const id of this.knownOrphans) if (!this.readerAnnotations.orphanIds.has(id)) this.knownOrphans.delete(id);
  }

  private async annotateSelection(motivation: 'highlighting' | 'commenting') {
    const range = this.toolbarController.range;
    if (!range) return;
    const annotation = this.readerAnnotations.create(range, this.textIndex, motivation);
    this.toolbarController.hide();
    this.ownerDocument.getSelection()?.removeAllRanges();
    const added = await this.addAnnotation(annotation);
    if (!added) return;
    await this.updateComplete;
    // The margin places a new card in the next frame or two (on a narrow page, as a popover): act on it then.
    for (let i = 0; i < 10 && !this.notesController.isPlaced(added.id); i++) await new Promise(requestAnimationFrame);
    const card = this.cardFor(added.id);
    if (!card) return;
    if (motivation === 'commenting') {
      this.notesController.openNote(added.id);
      card.edit();
    } else if (this.notesController.narrow) {
      // A highlight on a phone leaves the text in view: focus goes to its marker, which opens the card.
      this.notesController.markerFor(added.id)?.focus({ preventScroll: true });
      this.showStatus('Highlighted. Its marker opens the note.');
    } else {
      // Focus goes to the new card, beside the passage, where Comment, Colour and the rest are.
      this.notesController.openNote(added.id);
      this.showStatus('Highlighted.');
    }
  }

  private async copyLink() {
    const range = this.toolbarController.range;
    if (!range) return;
    const link = this.linkFor(range);
    this.toolbarController.hide();
    await this.copy(link);
  }

  private async copy(text: string) {
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      copied = false;
    }
    this.showStatus(copied ? 'Link copied.' : `Copy this link: ${text}`);
  }

  private showStatus(message: string, undo?: () => void) {
    clearTimeout(this.statusTimer);
    this.status = { message, undo };
    this.statusTimer = window.setTimeout(() => (this.status = null), undo ? 10_000 : 4_000);
  }

  /** Deletes an annotation and offers Undo in the status line, with focus on it. */
  private async deleteWithUndo(id: string) {
    const undo = await this.removeAnnotation(id);
    this.showStatus('Annotation deleted.', () => {
      this.status = null;
      void undo();
    });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.status button')?.focus();
  }

  private readonly onCardAction = async (event: HTMLElementEventMap['essay-card-action']) => {
    const detail: CardAction = event.detail;
    const current = this.readerAnnotations.get(detail.id);
    if (!current) return;
    switch (detail.action) {
      case 'save':
        await this.updateAnnotation(detail.id, { ...withComment(current, detail.text), [DRAFT]: undefined });
        break;
      case 'draft': {
        // Kept with the annotation so that it survives a reload; not an edit of the annotation (no 'modified').
        if ((current[DRAFT] ?? null) === detail.text) break;
        const { [DRAFT]: _previous, ...rest } = current;
        await this.readerAnnotations.put(detail.text ? { ...rest, [DRAFT]: detail.text } : (rest as Annotation));
        break;
      }
      case 'color':
        await this.updateAnnotation(detail.id, withColor(current, detail.color));
        break;
      case 'reply': {
        const reply = this.readerAnnotations.reply(detail.id, detail.text);
        await this.addAnnotation(reply);
        break;
      }
      case 'delete':
        await this.deleteWithUndo(detail.id);
        break;
      case 'retry':
        await this.readerAnnotations.flush();
        break;
      case 'copy-link':
        await this.copy(this.linkFor(current));
        break;
      case 'cancel': {
        // A comment begun from the toolbar and cancelled before a word was saved is a highlight, not an
        // empty comment.
        if (current.motivation === 'commenting' && !textOf(current)) await this.updateAnnotation(detail.id, { motivation: 'highlighting' });
        break;
      }
    }
  };

  /**
   * Leaving the page with a comment typed and not saved, or with an annotation the store refused, asks first
   * (the browser's own prompt). A typed draft is kept with its annotation at once as well, so that it comes back
   * if the reader leaves anyway.
   */
  private readonly onBeforeUnload = (event: BeforeUnloadEvent) => {
    let unsaved = false;
    for (const card of this.renderRoot.querySelectorAll<EssayAnnotationCard>('essay-annotation-card')) {
      const text = card.unsavedText;
      const id = card.annotation?.id;
      if (!text || !id) continue;
      unsaved = true;
      card.emit('essay-card-action', { action: 'draft', id, text });
    }
    // Anything the store has not taken yet (a save in flight, or one it refused) is not safe to leave behind.
    if (!unsaved && this.readerAnnotations.unsaved.size === 0) return;
    event.preventDefault();
    event.returnValue = '';
  };

  private readonly onHashChange = () => {
    this.resolvedHash = '';
    this.arrivedByLink = false;
    this.resolveAnnotationHash();
  };
  /** The page opened at a link into the essay: jump there at once (and hold it while the page settles). */
  private arrivedByLink = true;
  private resolvedHash = '';

  /** Resolves `#annotation-<id>` and text fragments (in browsers that leave them in location.hash) once. */
  private resolveAnnotationHash() {
    const hash = location.hash;
    if (!hash || hash === this.resolvedHash) return;
    if (this.goToLink(hash)) {
      this.resolvedHash = hash;
      this.arrivedByLink = false;
    }
  }

  private linkScrollBehavior(): ScrollBehavior {
    return this.arrivedByLink ? 'auto' : scrollBehavior();
  }

  /**
   * Follows a link made by {@link linkFor} (a URL or just its fragment): `#annotation-<id>` scrolls to that
   * annotation, a text fragment to its passage, which flashes. The reader does this itself on load and on
   * `hashchange`, for browsers that do not handle text fragments natively.
   * @returns whether the link named a passage of this essay.
   */
  goToLink(link: string): boolean {
    const hash = link.includes('#') ? link.slice(link.indexOf('#')) : link;
    const annotation = /^#annotation-([^:]+)/.exec(hash);
    if (annotation) {
      let id = '';
      try {
        id = decodeURIComponent(annotation[1]);
      } catch {
        // not an id we made
      }
      if (id && this.scrollToAnnotation(id)) return true;
    }
    const fragment = parseTextFragment(hash);
    const match = fragment && locateTextFragment(fragment, this.textIndex);
    if (!match) return false;
    const range = this.textIndex.rangeFor(match.start, match.end);
    scrollIntoViewAndHold(range.startContainer.parentElement ?? this, 'center', this.linkScrollBehavior());
    flashRange(range, 3000);
    return true;
  }

  protected override hasOrphanAnnotations(): boolean {
    return this.orphanAnnotations.length > 0;
  }

  protected override renderOrphanAnnotations() {
    return this.orphanAnnotations.map(
      (annotation) => html`<li>
                        <q>${quoteOf(annotation) || '(no quote)'}</q>
                        <span>${textOf(annotation)}</span>
                        ${
                          this.readonly
                            ? nothing
                            : html`<button type="button" @click=${() => this.reattach(annotation.id)}>Re-attach to the selected text</button>
                              <button type="button" @click=${() => this.deleteWithUndo(annotation.id)}>
                                Delete
                              </button>`
                        }
                      </li>`,
    );
  }

  protected override renderOverlays() {
    return html`
          <div class="toolbar" part="toolbar" role="toolbar" aria-label="Annotate the selection" aria-keyshortcuts="Alt+A" hidden @keydown=${rovingFocus}>
            <button type="button" part="toolbar-button" tabindex="0" @pointerdown=${keepSelection} @click=${() => this.annotateSelection('highlighting')}>Highlight</button>
            <button type="button" part="toolbar-button" tabindex="-1" @pointerdown=${keepSelection} @click=${() => this.annotateSelection('commenting')}>Comment</button>
            <button type="button" part="toolbar-button" tabindex="-1" @pointerdown=${keepSelection} @click=${this.copyLink}>Copy link</button>
          </div>
          <div class=${this.status ? 'status shown' : 'status'} part="status" role="status">
            ${
              this.status
                ? html`${this.status.message}${this.status.undo ? html` <button type="button" @click=${this.status.undo}>Undo</button>` : nothing}`
                : nothing
            }
          </div>
`;
  }
}

/**
 * Arrow keys, Home and End move focus among a toolbar's buttons, and only the focused one is in the tab order
 * (a roving tabindex, as the ARIA toolbar pattern asks): Tab leaves the toolbar in one step.
 */
function rovingFocus(event: KeyboardEvent) {
  const toolbar = event.currentTarget as HTMLElement;
  const buttons = [...toolbar.querySelectorAll<HTMLButtonElement>('button')];
  const current = buttons.indexOf((toolbar.getRootNode() as ShadowRoot).activeElement as HTMLButtonElement);
  if (current < 0) return;
  const last = buttons.length - 1;
  const next =
    event.key === 'ArrowRight' || event.key === 'ArrowDown'
      ? current === last
        ? 0
        : current + 1
      : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
        ? current === 0
          ? last
          : current - 1
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? last
            : -1;
  if (next < 0) return;
  event.preventDefault();
  buttons.forEach((button, i) => (button.tabIndex = i === next ? 0 : -1));
  buttons[next].focus();
}

/** Keeps the document's selection when a toolbar button is pressed. */
function keepSelection(event: PointerEvent) {
  event.preventDefault();
}

/** Parameters that say where a visitor came from, not which page this is. */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|yclid|twclid)$/i;

/** A page's address without its fragment and without tracking parameters. */
export function pageAddress(url: { origin: string; pathname: string; search: string }): string {
  const params = new URLSearchParams(url.search);
  for (const name of [...params.keys()]) if (TRACKING.test(name)) params.delete(name);
  const search = params.toString();
  return `${url.origin}${url.pathname}${search ? `?${search}` : ''}`;
}
