import { SKIP_ATTRIBUTE } from '../../core/text/text-index.js';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { EssayElement } from '../shared/essay-element.js';
import { styles } from './essay-note.styles.js';

/** Where a note is shown: beside its passage, as a popover from its marker, or listed as unanchored. */
export type NoteLayout = 'margin' | 'popover' | 'orphan' | 'page';

/**
 * An author's margin note on a passage of the essay. Place it inside `<essay-reader>`, after the paragraph it
 * comments on; its content is its own light-DOM HTML (links, emphasis). The reader anchors it to `quote`, takes
 * it out of the reading flow and shows it in the margin level with its passage, or, on narrow layouts, as a
 * popover from a marker after the passage. A note whose quote is not found is listed as unanchored, never dropped.
 *
 * Without JavaScript the note reads inline, where the author put it.
 *
 * @summary A margin note anchored to a passage.
 * @tag essay-note
 *
 * @slot - The note's content.
 *
 * @csspart note - The note's box.
 * @csspart number - The note's number (with `note-numbers` on the reader).
 * @csspart back - The link back to the passage, for keyboard users.
 * @csspart arrow - The arrow of the popover that points at the passage.
 *
 * @cssprop [--essay-note-background=transparent] - Background of a note in the margin.
 * @cssprop [--essay-note-popover-background=var(--essay-color-background)] - Background of a note shown as a popover.
 * @cssprop [--essay-note-active-color=var(--essay-color-accent)] - Rule beside the note being read.
 */
export class EssayNote extends EssayElement {
  static override styles = styles;

  /** Exact text of the passage the note is about (white space is matched loosely). */
  @property() quote = '';

  /** Text just before the passage, to tell apart passages with the same words (attribute `prefix`). */
  @property({ attribute: 'prefix' }) quotePrefix = '';

  /** Text just after the passage, to tell apart passages with the same words (attribute `suffix`). */
  @property({ attribute: 'suffix' }) quoteSuffix = '';

  /** Which occurrence of `quote` to anchor to, counting from 1 (instead of prefix/suffix). */
  @property({ type: Number }) occurrence: number | null = null;

  /** Highlight colour of the passage: `yellow`, `green`, `blue`, `pink` or `purple`. */
  @property() color: string | null = null;

  /** Set by the reader: where the note is shown. */
  @property({ reflect: true }) layout: NoteLayout | null = null;

  /** Set by the reader with `note-numbers`: the note's number. */
  @property({ type: Number, reflect: true }) number: number | null = null;

  /** Set by the reader: this note (or its passage) is being read. */
  @property({ type: Boolean, reflect: true }) active = false;

  /** The arrow element a popover positions to point at its marker. */
  get arrowElement(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.arrow');
  }

  override connectedCallback() {
    super.connectedCallback();
    if (!this.hasAttribute('role')) this.setAttribute('role', 'note');
    // A note's words are the author's commentary, not the essay's text: passages never anchor into them.
    this.setAttribute(SKIP_ATTRIBUTE, '');
    if (!this.hasAttribute('tabindex')) this.tabIndex = -1;
  }

  private back() {
    this.emit('essay-note-back', { note: this });
  }

  override render() {
    return html`<div class="arrow" part="arrow"></div>
      <div class="note" part="note">
        ${this.number !== null ? html`<span class="number" part="number">${this.number}</span>` : nothing}
        <div class="content"><slot></slot></div>
        ${
          this.layout === 'margin' || this.layout === 'popover'
            ? html`<button class="back" part="back" type="button" @click=${this.back}>Back to the passage</button>`
            : nothing
        }
      </div>`;
  }
}
