import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { formatNumber } from '../../i18n/locale.js';
import { EssayElement } from './essay-element.js';

/** Where a margin entry is shown: beside its passage, as a popover from its marker, listed as unanchored, or on the page. */
export type NoteLayout = 'margin' | 'popover' | 'orphan' | 'page';

/**
 * What an author's note and a reader's card share as entries of the reader's margin: where they are shown, their
 * number, whether they are being read, the arrow of their popover, `role="note"`, focusability, and the Back
 * button that returns to the passage (`essay-note-back`, which the reader answers by focusing the marker).
 */
export class MarginEntryElement extends EssayElement {
  /** Set by the reader: where it is shown. */
  @property({ reflect: true }) layout: NoteLayout | null = null;

  /** Set by the reader with `note-numbers`: its number. */
  @property({ type: Number, reflect: true }) number: number | null = null;

  /** Set by the reader: it (or its passage) is being read. */
  @property({ type: Boolean, reflect: true }) active = false;

  /** The arrow element a popover positions to point at its marker. */
  get arrowElement(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.arrow');
  }

  override connectedCallback() {
    super.connectedCallback();
    if (!this.hasAttribute('role')) this.setAttribute('role', 'note');
    if (!this.hasAttribute('tabindex')) this.tabIndex = -1;
  }

  protected renderArrow() {
    return html`<div class="arrow" part="arrow"></div>`;
  }

  protected renderNumber() {
    return this.number !== null ? html`<span class="number" part="number">${formatNumber(this.t, this.number)}</span>` : nothing;
  }

  protected renderBack() {
    return html`<button class="back" part="back" type="button" @click=${() => this.emit('essay-note-back', { note: this })}>${this.t.backToPassage}</button>`;
  }
}
