import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Annotation, AnnotationCollection } from '../../core/model/annotation.js';
import type { AnnotationLimits } from '../../core/model/limits.js';
import { readingMinutes, type Numbering, type OutlineEntry } from '../../core/outline/outline.js';
import type { AnnotationStore } from '../../core/store/store.js';
import type { TextIndex } from '../../core/text/text-index.js';
import type { EssayNote } from '../essay-note/essay-note.js';
import { adoptDocumentStyles } from '../shared/document-styles.js';
import { EssayElement } from '../shared/essay-element.js';
import { ReadingProgressController } from '../shared/reading-progress-controller.js';
import { AnnotationActions } from './annotation-actions.js';
import { AnnotationLayer } from './annotation-layer.js';
import type { ImportReport } from './annotation-import.js';
import { annotationDocument } from './document-id.js';
import { styles } from './essay-reader.styles.js';
import { EssaySections } from './essay-sections.js';
import { EssayText } from './essay-text.js';
import { LinksController } from './links-controller.js';
import { MarginController } from './margin/margin-controller.js';
import { NoteSource } from './margin/note-source.js';
import { PassageInteraction } from './margin/passage-interaction.js';
import { StatusController } from './status-controller.js';

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
 * @fires {CustomEvent<AnnotationChange>} essay-annotation-create - Before a reader annotation is added
 * (cancelable: `preventDefault()` keeps it from being added); with `origin: 'remote'`, after one made elsewhere
 * arrived from the store (not cancelable: it already exists).
 * @fires {CustomEvent<AnnotationChange>} essay-annotation-update - A reader annotation changed (`origin`: `local`, or `remote` when another tab or reader changed it and the store said so).
 * @fires {CustomEvent<AnnotationChange>} essay-annotation-delete - A reader annotation was deleted (here, `local`, or elsewhere, `remote`).
 * @fires {CustomEvent<{ annotation: Annotation }>} essay-annotation-orphan - A reader annotation no longer anchors:
 * it is kept and listed under "Unanchored notes".
 * @fires {CustomEvent<{ kind: string; message: string; annotationId?: string; quarantineKey?: string }>} essay-store-error - The store could not save, remove or read; nothing is lost (unsaved annotations stay in
 * memory and are saved again on the next change; unreadable data is set aside under a quarantine key).
 * @fires {CustomEvent<{ documentId: string; state: string; reason?: string }>} essay-store-status - Where a store that syncs with a server stands (offline, connecting, syncing, synced, refused with the server's reason), at first and on each change; only for stores that say (`watchStatus`).
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
 * @csspart store-status - Where a shared layer stands with its server (offline, syncing, synced, refused and why), above the essay; `data-state` names the state.
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
// The element is the thin tag over its parts (see the README's architecture): its properties, its public API as
// one-line delegations (each documented, which is most of its length), and its template.
export class EssayReader extends EssayElement {
  static override styles = styles;

  /** How sections are numbered: `decimal` (1, 2, 2.1) or `none`. */
  @property({ reflect: true }) numbering: Numbering = 'decimal';

  /** The number of the first numbered section. */
  @property({ type: Number, attribute: 'numbering-start' }) numberingStart = 1;

  /** Reading speed used for the reading-time estimate. */
  @property({ type: Number, attribute: 'words-per-minute' }) wordsPerMinute = 230;

  /** Hides the contents rail (for pages that place an `<essay-toc for="…">` elsewhere). */
  @property({ type: Boolean, attribute: 'no-toc' }) noToc = false;

  /** Puts a superscript number after each noted passage and the same number on its note (Tufte style). */
  @property({ type: Boolean, attribute: 'note-numbers' }) noteNumbers = false;

  /**
   * Paints highlights by wrapping text in `<mark>` elements even where the CSS Custom Highlight API exists
   * (the fallback it uses where it does not).
   */
  @property({ type: Boolean, attribute: 'force-marks' }) forceMarks = false;

  /**
   * Whether readers can annotate by selecting text (default true; `annotatable="false"` turns it off). Stored
   * annotations are shown either way.
   */
  @property({ attribute: 'annotatable', converter: { fromAttribute: (value: string | null) => value !== 'false' } }) annotatable = true;

  /** Shows stored annotations without letting the reader add, edit or delete any. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** What annotations are stored under (default: the page's canonical URL). */
  @property({ attribute: 'document-id' }) documentId = '';

  private readonly document = annotationDocument(this);
  private readonly text = new EssayText(this, () => this.refresh());
  private readonly sections = new EssaySections(this, this.text, {
    numbering: () => ({ numbering: this.numbering, start: this.numberingStart }),
    onSection: (id) => this.emit('essay-section-change', { id }),
  });
  private readonly status = new StatusController(this);
  private readonly noteSource = new NoteSource(
    this,
    this.text.anchors,
    () => this.requestUpdate(),
    () => this.scheduleMargin(),
  );
  private marginFrame = 0;
  /** A note changed: the margin is made again in the next frame (the essay's text, sections and index stay). */
  private scheduleMargin() {
    this.marginFrame ||= requestAnimationFrame(() => {
      this.marginFrame = 0;
      if (this.isConnected) this.margin.update();
    });
  }
  private readonly layer: AnnotationLayer = new AnnotationLayer(this, this.text, this.document, {
    readonly: () => this.readonly,
    rendered: () => {
      this.margin.update();
      this.links.resolveHash();
    },
  });
  private readonly margin = new MarginController(this, this.text, [this.noteSource, this.layer.cards], {
    column: () => this.renderRoot?.querySelector<HTMLElement>('.margin') ?? null,
    noteNumbers: () => this.noteNumbers,
    forceMarks: () => this.forceMarks,
  });
  private readonly links = new LinksController(this, () => this.text.index, {
    rangeFor: (id) => this.margin.rangeFor(id),
    offsetsOf: (annotation) => this.layer.annotations.offsetsOf(annotation, this.text.index),
    open: (id) => this.margin.open(id),
  });
  private readonly actions = new AnnotationActions(this, {
    layer: this.layer,
    text: this.text,
    margin: this.margin,
    status: this.status,
    linkFor: (target) => this.linkFor(target),
    source: () => this.document.source(),
    annotatable: () => this.annotatable && !this.readonly,
  });
  private progressBar?: HTMLElement | null;

  constructor() {
    super();
    new PassageInteraction(this, this.margin, () => this.text.index);
    new ReadingProgressController(this, (progress) => {
      this.progressBar ??= this.renderRoot.querySelector<HTMLElement>('.progress-bar');
      this.progressBar?.style.setProperty('transform', `scaleX(${progress})`);
    });
    // A store set on the element before it was upgraded is an own property hiding the accessor: take it over.
    if (Object.prototype.hasOwnProperty.call(this, 'store')) {
      const store = (this as unknown as { store: AnnotationStore }).store;
      delete (this as unknown as { store?: AnnotationStore }).store;
      this.store = store;
    }
  }

  override connectedCallback() {
    super.connectedCallback();
    adoptDocumentStyles(this.getRootNode());
    // Server-rendered: hydrate the server's empty rail and margin first, then number and lay out the essay.
    if (this.serverRendered && !this.hasUpdated) void this.updateComplete.then(() => this.isConnected && this.refresh());
    else this.refresh();
  }

  /**
   * A new language or new strings: the headings' links, the markers and the notes are named again. A new
   * direction: the margin moves to the other side.
   */
  protected override stringsChanged() {
    if (this.isConnected && this.hasUpdated) this.refresh();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    const options = changed.has('numbering') || changed.has('numberingStart') || changed.has('noteNumbers') || changed.has('forceMarks');
    if (options && this.isConnected && this.hasUpdated) this.refresh();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('documentId') && changed.get('documentId') !== undefined) this.layer.documentChanged();
  }

  // ---- The essay ----

  /** Minutes to read the essay at {@link wordsPerMinute}. */
  get readingMinutes(): number {
    return readingMinutes(this.sections.words, this.wordsPerMinute);
  }

  /**
   * The text index of the essay (its text as read, with offsets to DOM positions), rebuilt after the essay
   * changes. Pull-quotes and annotations anchor against it.
   */
  get textIndex(): TextIndex {
    return this.text.index;
  }

  /** The numbered outline of the essay, as the contents shows it. */
  get outline(): OutlineEntry[] {
    return this.sections.outline;
  }

  /** The id of the heading of the section being read, or null above the first. */
  get currentSectionId(): string | null {
    return this.sections.currentId;
  }

  /** Re-reads the essay: numbers headings, rebuilds the outline and the text index, anchors the notes again. */
  refresh() {
    this.text.invalidate();
    this.noteSource.invalidate();
    const outline = this.sections.refresh();
    this.margin.update();
    if (outline) this.emit('essay-outline-change', { entries: outline });
  }

  /** The author's notes anchored to passages, in the order of their passages. */
  get notes(): EssayNote[] {
    return this.margin.entries.filter((entry) => entry.authored).map((entry) => entry.note as EssayNote);
  }

  /** Notes whose quote matches no passage: listed under "Unanchored notes", never dropped. */
  get orphanNotes(): EssayNote[] {
    return this.noteSource.orphans;
  }

  /** The live range of a passage: an author note's (by the note's id) or a reader annotation's, or null. */
  rangeFor(id: string): Range | null {
    return this.margin.rangeFor(id);
  }

  /** Shows a note or annotation beside its passage (or opens it on narrow layouts) and moves focus to it. */
  openNote(id: string) {
    this.margin.open(id);
  }

  /** Scrolls to a note's or annotation's passage, flashes it and shows the note. */
  scrollToAnnotation(id: string): boolean {
    return this.links.scrollTo(id);
  }

  /** A link to a passage: this page's URL with a standard text fragment, and `#annotation-<id>` for an annotation. */
  linkFor(target: Annotation | Range): string {
    return this.links.linkFor(target);
  }

  /**
   * Follows a link made by {@link linkFor} (a URL or just its fragment): `#annotation-<id>` scrolls to that
   * annotation, a text fragment to its passage, which flashes. The reader does this itself on load and on
   * `hashchange`, for browsers that do not handle text fragments natively.
   * @returns whether the link named a passage of this essay.
   */
  goToLink(link: string): boolean {
    return this.links.goTo(link);
  }

  // ---- Reader annotations ----

  /**
   * The id annotations are stored under: `document-id`, else the canonical URL (or this page's), followed by
   * `#<id>` when the reader has an id, so that several readers on one page keep separate collections.
   */
  get resolvedDocumentId(): string {
    return this.document.id();
  }

  /**
   * The document reader annotations target: `document-id`, else the canonical URL, else this page's address
   * without its fragment and without tracking parameters (`utm_*`, `fbclid`, …), so that `/?p=1` and `/?p=2`
   * are two documents.
   */
  get documentSource(): string {
    return this.document.source();
  }

  /** Where reader annotations are kept (default: an IndexedDB store, falling back to localStorage). Set it to plug in your own. */
  get store(): AnnotationStore {
    return this.layer.store;
  }

  set store(store: AnnotationStore) {
    this.layer.store = store;
  }

  /**
   * What one annotation and one document may hold (see `DEFAULT_LIMITS`): bigger ones are refused with a reason,
   * by addAnnotation and updateAnnotation (a TypeError) and by importAnnotations (in `rejected`), so that nothing
   * is kept that could never be saved.
   */
  get limits(): AnnotationLimits {
    return this.layer.limits;
  }

  set limits(limits: AnnotationLimits) {
    this.layer.limits = limits;
  }

  /** The reader's annotations, replies included (author notes are `<essay-note>` elements, not these). */
  get annotations(): Annotation[] {
    return [...this.layer.annotations.all];
  }

  /** Ids of annotations whose latest change the store has not taken yet. */
  get unsavedIds(): string[] {
    return [...this.layer.annotations.unsaved];
  }

  /** Annotations whose passage is no longer in the essay (kept, listed under "Unanchored notes"). */
  get orphanAnnotations(): Annotation[] {
    return this.layer.orphans;
  }

  /** Notes on the whole page (a target with no passage): listed after the essay, editable, exported. */
  get pageNotes(): Annotation[] {
    return this.layer.pageNotes;
  }

  /**
   * Adds an annotation (validated with parseAnnotation) after a cancelable `essay-annotation-create`.
   * @returns the annotation, or null when a listener prevented it.
   * @throws TypeError naming the bad field.
   */
  addAnnotation(json: unknown): Promise<Annotation | null> {
    return this.layer.add(json);
  }

  /** Replaces an annotation's fields with `changes` (id kept, `modified` set). */
  updateAnnotation(id: string, changes: Partial<Annotation>): Promise<Annotation> {
    return this.layer.update(id, changes);
  }

  /** Deletes an annotation and its replies. @returns a function that puts them back (Undo). */
  removeAnnotation(id: string): Promise<() => Promise<void>> {
    return this.layer.remove(id);
  }

  /** Every reader annotation as a W3C AnnotationCollection (JSON-LD). */
  exportAnnotations(): AnnotationCollection {
    return this.layer.export();
  }

  /**
   * Every reader annotation as Markdown: each quote as a `>` block, its comment and replies, and a link to it.
   * Built as a syntax tree and serialized by mdast-util-to-markdown (loaded on the first export), so nothing in
   * an annotation can end a block, start a heading, emit HTML or break a link.
   */
  exportMarkdown(): Promise<string> {
    return this.layer.exportMarkdown((annotation) => this.linkFor(annotation));
  }

  /**
   * Imports annotations (a collection, a page, an array, or its JSON text). Idempotent by id, and newer wins: an
   * older copy of an annotation (a re-imported export) never replaces the reader's (`older` in the report). All or
   * nothing; never throws away the valid part of a file because one item is bad; refuses annotations about
   * another document, with a reason that names it.
   */
  importAnnotations(json: unknown): Promise<ImportReport> {
    return this.layer.import(json);
  }

  private renderStoreStatus() {
    const status = this.layer.storeStatus;
    if (!status) return nothing;
    const said = this.t.storeStatus[status.state] ?? status.state;
    return html`<p class="store-status" part="store-status" role="status" data-state=${status.state}>${status.reason ? `${said}: ${status.reason}` : said}</p>`;
  }

  override render() {
    const orphanNotes = this.noteSource.orphans;
    const orphanAnnotations = this.layer.orphans;
    return html`
      <div class="frame" part="frame">
        <div class="progress" part="progress" aria-hidden="true"><div class="progress-bar" part="progress-bar"></div></div>
        ${this.renderStoreStatus()}
        <div class="layout">
          ${this.noToc ? nothing : this.sections.renderRail(this.readingMinutes)}
          <div class="essay" part="essay"><slot></slot></div>
          <div class="margin" part="margin"><slot name="margin"></slot></div>
          <div class="cards">${this.layer.cards.render()}</div>
          <div class="after-essay">
            ${this.layer.cards.renderPageNotes()}
            ${
              orphanNotes.length || orphanAnnotations.length
                ? html`<section class="orphans" part="orphans" aria-labelledby="orphans-title">
                  <h2 id="orphans-title">${this.t.unanchoredTitle}</h2>
                  <p>${this.t.unanchoredText}</p>
                  <ul>
                    ${this.noteSource.renderOrphans()}
                    ${this.layer.cards.renderOrphans(orphanAnnotations, {
                      reattach: (id) => void this.actions.reattach(id),
                      delete: (id) => void this.actions.deleteWithUndo(id),
                    })}
                  </ul>
                </section>`
                : nothing
            }
          </div>
          ${this.actions.renderToolbar()} ${this.status.render()}
        </div>
      </div>
    `;
  }
}
