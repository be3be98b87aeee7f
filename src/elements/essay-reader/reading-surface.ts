import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { DirectiveResult } from 'lit/directive.js';
import { property, state } from 'lit/decorators.js';
import { countWords, readingMinutes, type Numbering, type OutlineEntry } from '../../core/outline/outline.js';
import { SKIP_ATTRIBUTE, TextIndex } from '../../core/text/text-index.js';
import type { EssayNote } from '../essay-note/essay-note.js';
import { adoptDocumentStyles } from '../shared/document-styles.js';
import { EssayElement } from '../shared/essay-element.js';
import { ReadingProgressController } from '../shared/reading-progress-controller.js';
import { ScrollSpyController } from '../shared/scroll-spy-controller.js';
import { styles } from './essay-reader.styles.js';
import { NotesController, type LocatedCard } from './notes-controller.js';
import { decorateHeadings, findHeadings } from './sections.js';
import { scrollIntoViewAndHold } from '../shared/hold-in-view.js';

/** What a render hook returns: a template, `nothing`, or a list of templates. */
/** What a template hook returns: a template, several, nothing, or a directive's result (`repeat`). */
type Template = TemplateResult | typeof nothing | TemplateResult[] | DirectiveResult;

/**
 * The reading surface `<essay-reader>` is built on: numbered sections, contents, progress, and author notes in
 * the margin. Reader annotations are added by {@link EssayReader} through the hooks at the end.
 */
export class ReadingSurface extends EssayElement {
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

  /** Notes whose quote matches no passage: listed under "Unanchored notes", never dropped. */
  @state() orphanNotes: EssayNote[] = [];

  /** The numbered outline of the essay, as the contents shows it. */
  @state() outline: OutlineEntry[] = [];

  /** The id of the heading of the section being read, or null above the first. */
  @state() currentSectionId: string | null = null;

  @state() private words = 0;
  @state() private tocOpen = false;

  private index?: TextIndex;
  private headings: HTMLHeadingElement[] = [];
  private observer?: MutationObserver;
  private pendingRefresh = 0;
  private scrolledToHash = false;
  private progressBar?: HTMLElement | null;

  protected readonly notesController = new NotesController(this);

  private readonly spy = new ScrollSpyController(this, (id) => {
    this.currentSectionId = id;
    this.emit('essay-section-change', { id });
  });

  constructor() {
    super();
    new ReadingProgressController(this, (progress) => {
      this.progressBar ??= this.renderRoot.querySelector<HTMLElement>('.progress-bar');
      this.progressBar?.style.setProperty('transform', `scaleX(${progress})`);
    });
  }

  /** Minutes to read the essay at {@link wordsPerMinute}. */
  get readingMinutes(): number {
    return readingMinutes(this.words, this.wordsPerMinute);
  }

  /**
   * The text index of the essay (its text as read, with offsets to DOM positions), rebuilt after the essay
   * changes. Pull-quotes and annotations anchor against it.
   */
  get textIndex(): TextIndex {
    this.index ??= TextIndex.build(this);
    return this.index;
  }

  override connectedCallback() {
    super.connectedCallback();
    adoptDocumentStyles(this.ownerDocument);
    this.observer = new MutationObserver((records) => this.essayChanged(records));
    this.observer.observe(this, OBSERVED);
    this.refresh();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.observer?.disconnect();
    cancelAnimationFrame(this.pendingRefresh);
    this.pendingRefresh = 0;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    const options = changed.has('numbering') || changed.has('numberingStart') || changed.has('noteNumbers') || changed.has('forceMarks');
    if (options && this.isConnected && this.hasUpdated) this.refresh();
  }

  protected override firstUpdated() {
    this.scrollToHash();
  }

  /** The margin column, where notes are placed. @internal */
  get marginColumn(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('.margin') ?? null;
  }

  /** Indexes the essay's text again, or adopts `updated`, kept in step with a change the caller made. @internal */
  reindex(updated?: TextIndex): TextIndex {
    this.index = updated ?? TextIndex.build(this);
    return this.index;
  }

  /** @internal */
  emitNoteOrphan(note: EssayNote, quote: string, message: string) {
    // Through emit, on the note, which may not be upgraded yet (its own emit not there): emit only dispatches.
    EssayElement.prototype.emit.call(note, 'essay-note-orphan', { quote, message });
  }

  /** The notes anchored to passages, in the order of their passages. */
  get notes(): EssayNote[] {
    return this.notesController.entries.map(({ note }) => note).filter((note): note is EssayNote => note.localName === 'essay-note');
  }

  /** The live range of a note's passage, or null when the note is not anchored. */
  rangeForNote(note: EssayNote): Range | null {
    const entry = this.notesController.entries.find((item) => item.note === note);
    return entry ? this.notesController.rangeFor(entry.id) : null;
  }

  /** Shows a note beside its passage (or opens it on narrow layouts) and moves focus to it. */
  openNote(note: EssayNote) {
    this.notesController.openNote(note.id);
  }

  /** Re-reads the essay: numbers headings, rebuilds the outline and the text index. Called on content changes. */
  refresh() {
    this.index = undefined;
    this.headings = findHeadings(this);
    const entries =
      this.headings.length === 0
        ? []
        : this.withoutObserving(() =>
            decorateHeadings(this.headings, {
              numbering: this.numbering === 'none' ? 'none' : 'decimal',
              start: Number.isFinite(this.numberingStart) ? Math.trunc(this.numberingStart) : 1,
              selfLinkLabel: (text) => `Link to section: ${text}`,
            }),
          );
    this.words = countWords(this.textIndex.text);
    this.spy.observe(this.headings);
    this.notesController.update();
    if (!sameOutline(entries, this.outline)) {
      this.outline = entries;
      this.emit('essay-outline-change', { entries });
    }
  }

  /**
   * The essay changed (its text, or what is read of it: an element marked itself skipped as it upgraded): the
   * text index is out of date at once, and the outline and numbering are redone in the next frame.
   */
  private essayChanged(records: MutationRecord[]) {
    if (!records.some((record) => !isOwnMutation(record))) return;
    this.index = undefined;
    this.scheduleRefresh();
  }

  private scheduleRefresh() {
    this.pendingRefresh ||= requestAnimationFrame(() => {
      this.pendingRefresh = 0;
      this.refresh();
    });
  }

  /** Runs DOM changes that the reader's own MutationObserver must not react to. @internal */
  withoutObserving<T>(mutate: () => T): T {
    // Changes already made by others are not the reader's own: heard before the observer is set aside.
    if (this.observer) this.essayChanged(this.observer.takeRecords());
    this.observer?.disconnect();
    try {
      return mutate();
    } finally {
      this.observer?.observe(this, OBSERVED);
    }
  }

  /** Ids are generated by script, after the browser looked for the fragment: scroll to it ourselves, once. */
  private scrollToHash() {
    if (this.scrolledToHash || !location.hash) return;
    let id: string;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return;
    }
    const target = id ? this.ownerDocument.getElementById(id) : null;
    if (target && this.contains(target)) {
      this.scrolledToHash = true;
      scrollIntoViewAndHold(target, 'start');
    }
  }

  private onTocNavigate() {
    this.tocOpen = false;
  }

  // ---- Hooks for the reader annotations layer ----

  /** The reader's own annotations, located in `index`, for the margin. @internal */
  locateCards(_index: TextIndex): LocatedCard[] {
    return [];
  }

  /** Whether only the cards near the viewport are rendered. @internal */
  get virtualCards(): boolean {
    return false;
  }

  /** @internal */
  nearCards(_ids: ReadonlySet<string>): void {}

  /** @internal */
  revealCard(_id: string): void {}

  protected renderCards(): Template {
    return nothing;
  }

  protected hasOrphanAnnotations(): boolean {
    return false;
  }

  protected renderOrphanAnnotations(): Template {
    return nothing;
  }

  /** Notes on the whole page (no passage), shown after the essay. */
  protected renderPageNotes(): Template {
    return nothing;
  }

  protected renderOverlays(): Template {
    return nothing;
  }

  override render() {
    const minutes = this.readingMinutes;
    return html`
      <div class="frame" part="frame">
        <div class="progress" part="progress" aria-hidden="true"><div class="progress-bar" part="progress-bar"></div></div>
        <div class="layout">
          ${
            this.noToc
              ? nothing
              : html`<div class="rail-space"></div><div class="rail" part="rail">
                <div class="rail-inner">
                  ${
                    this.outline.length
                      ? html`<button
                        class="toc-toggle"
                        part="toc-toggle"
                        aria-expanded=${this.tocOpen ? 'true' : 'false'}
                        aria-controls="toc"
                        @click=${() => (this.tocOpen = !this.tocOpen)}
                      >
                        Contents
                      </button>`
                      : nothing
                  }
                  ${minutes > 0 ? html`<p class="reading-time" part="reading-time">${minutes} min read</p>` : nothing}
                  <essay-toc
                    id="toc"
                    class=${this.tocOpen ? 'open' : ''}
                    part="toc"
                    exportparts="toc-list, toc-link, toc-link-current, section-number"
                    .entries=${this.outline}
                    .currentId=${this.currentSectionId}
                    @essay-toc-navigate=${this.onTocNavigate}
                  ></essay-toc>
                </div>
              </div>`
          }
          <div class="essay" part="essay"><slot></slot></div>
          <div class="margin" part="margin"><slot name="margin"></slot></div>
          <div class="cards">${this.renderCards()}</div>
          <div class="after-essay">
            ${this.renderPageNotes()}
            ${
              this.orphanNotes.length || this.hasOrphanAnnotations()
                ? html`<section class="orphans" part="orphans" aria-labelledby="orphans-title">
                  <h2 id="orphans-title">Unanchored notes</h2>
                  <p>The passages these notes were written on are no longer in the essay.</p>
                  <ul>
                    ${this.orphanNotes.map(
                      (note) => html`<li>
                        <q>${note.quote || note.getAttribute('quote') || '(no quote)'}</q>
                        <span>${(note.textContent ?? '').replace(/\s+/g, ' ').trim()}</span>
                      </li>`,
                    )}
                    ${this.renderOrphanAnnotations()}
                  </ul>
                </section>`
                : nothing
            }
          </div>
          ${this.renderOverlays()}
        </div>
      </div>
    `;
  }
}

/** Changes to the essay that can change its headings or its text. */
const OBSERVED: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['hidden', 'aria-hidden', 'data-unnumbered', 'id', SKIP_ATTRIBUTE],
};

function isOwnMutation(record: MutationRecord): boolean {
  // An element of the essay that marks itself skipped (a note or a pull-quote upgrading) changes what is read.
  if (record.type === 'attributes' && record.attributeName === SKIP_ATTRIBUTE) return false;
  const target = record.target instanceof Element ? record.target : record.target.parentElement;
  return !!target?.closest('[data-essay-skip]');
}

function sameOutline(a: OutlineEntry[], b: OutlineEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((entry, i) => entry.id === b[i].id && entry.number === b[i].number && entry.text === b[i].text && entry.level === b[i].level)
  );
}
