import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { countWords, readingMinutes, type Numbering, type OutlineEntry } from '../../core/outline/outline.js';
import { TextIndex } from '../../core/text/text-index.js';
import { adoptDocumentStyles } from '../shared/document-styles.js';
import { EssayElement } from '../shared/essay-element.js';
import { ReadingProgressController } from '../shared/reading-progress-controller.js';
import { ScrollSpyController } from '../shared/scroll-spy-controller.js';
import type { EssayNote } from '../essay-note/essay-note.js';
import { NotesController } from './notes-controller.js';
import { decorateHeadings, findHeadings } from './sections.js';
import { styles } from './essay-reader.styles.js';

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

  private readonly notesController = new NotesController(this);

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
    this.observer = new MutationObserver((records) => {
      if (records.some((record) => !isOwnMutation(record))) this.scheduleRefresh();
    });
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

  /** Indexes the essay's text again. @internal */
  reindex(): TextIndex {
    this.index = TextIndex.build(this);
    return this.index;
  }

  /** @internal */
  emitNoteOrphan(note: EssayNote, quote: string, message: string) {
    note.dispatchEvent(new CustomEvent('essay-note-orphan', { detail: { quote, message }, bubbles: true, composed: true }));
  }

  /** The notes anchored to passages, in the order of their passages. */
  get notes(): EssayNote[] {
    return this.notesController.notes.map(({ note }) => note);
  }

  /** The live range of a note's passage, or null when the note is not anchored. */
  rangeForNote(note: EssayNote): Range | null {
    return this.notesController.notes.find((item) => item.note === note)?.range ?? null;
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

  private scheduleRefresh() {
    this.pendingRefresh ||= requestAnimationFrame(() => {
      this.pendingRefresh = 0;
      this.refresh();
    });
  }

  /** Runs DOM changes that the reader's own MutationObserver must not react to. @internal */
  withoutObserving<T>(mutate: () => T): T {
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
      target.scrollIntoView({ block: 'start' });
    }
  }

  private onTocNavigate() {
    this.tocOpen = false;
  }

  override render() {
    const minutes = this.readingMinutes;
    return html`
      <div class="frame" part="frame">
        <div class="progress" part="progress" aria-hidden="true"><div class="progress-bar" part="progress-bar"></div></div>
        <div class="layout">
          ${this.noToc
            ? nothing
            : html`<div class="rail" part="rail">
                <div class="rail-inner">
                  ${this.outline.length
                    ? html`<button
                        class="toc-toggle"
                        part="toc-toggle"
                        aria-expanded=${this.tocOpen ? 'true' : 'false'}
                        aria-controls="toc"
                        @click=${() => (this.tocOpen = !this.tocOpen)}
                      >
                        Contents
                      </button>`
                    : nothing}
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
              </div>`}
          <div class="essay" part="essay"><slot></slot></div>
          <div class="margin" part="margin"><slot name="margin"></slot></div>
          ${this.orphanNotes.length
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
                </ul>
              </section>`
            : nothing}
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
  attributeFilter: ['hidden', 'aria-hidden', 'data-unnumbered', 'id'],
};

function isOwnMutation(record: MutationRecord): boolean {
  const target = record.target instanceof Element ? record.target : record.target.parentElement;
  return !!target?.closest('[data-essay-ui]');
}

function sameOutline(a: OutlineEntry[], b: OutlineEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((entry, i) => entry.id === b[i].id && entry.number === b[i].number && entry.text === b[i].text && entry.level === b[i].level)
  );
}
