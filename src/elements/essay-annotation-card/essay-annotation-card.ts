import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { HIGHLIGHT_COLORS } from '../../core/highlight/painter.js';
import { DRAFT, textOf, type Annotation } from '../../core/model/annotation.js';
import { colorOf, creatorNameOf } from '../../core/model/helpers.js';
import { truncate } from '../../core/text/truncate.js';
import { timeAgo } from '../../i18n/locale.js';
import type { EssayStrings } from '../../i18n/strings.js';
import { MarginEntryElement } from '../shared/margin-entry-element.js';
import { styles } from './essay-annotation-card.styles.js';

/** What a reader did on a card; the reader acts on it. */
export type CardAction =
  | { action: 'save'; id: string; text: string }
  | { action: 'cancel'; id: string }
  | { action: 'delete'; id: string }
  | { action: 'reply'; id: string; text: string }
  | { action: 'color'; id: string; color: string }
  | { action: 'copy-link'; id: string }
  | { action: 'draft'; id: string; text: string | null }
  | { action: 'retry'; id: string }
  | { action: 'share'; id: string; shared: boolean }
  | { action: 'hide'; id: string };

/**
 * A reader's annotation in the margin: the quote, the comment, when, and the reader's controls (edit, delete,
 * reply, colour). Rendered by `<essay-reader>`; every text on it comes from the reader or an imported file and is
 * only ever rendered as text.
 *
 * @summary A reader annotation's card.
 * @tag essay-annotation-card
 *
 * @fires {CustomEvent<CardAction>} essay-card-action - The reader saved, cancelled, deleted, replied, recoloured, asked for a link, or typed a draft (sent a moment after typing stops).
 *
 * @csspart card - The card.
 * @csspart quote - The annotated passage, quoted.
 * @csspart body - The comment.
 * @csspart draft - What the reader typed and did not save, kept after the editor closed (reopening restores it).
 * @csspart meta - Who wrote it (on a shared layer) and when.
 * @csspart share - Share or Make private, where the reader's store has a shared layer.
 * @csspart hide - Hide, for a moderator, on another reader's shared annotation.
 * @csspart unsaved - "Not saved", with Retry, when the store refused the last change.
 * @csspart actions - The row of buttons.
 * @csspart editor - The text area when editing or replying.
 * @csspart replies - The thread of replies.
 * @csspart back - The link back to the passage.
 * @csspart number - Its number (with `note-numbers` on the reader).
 * @csspart arrow - The arrow of the popover on narrow layouts.
 */
export class EssayAnnotationCard extends MarginEntryElement {
  static override styles = styles;

  @property({ attribute: false }) annotation: Annotation | null = null;
  @property({ attribute: false }) replies: Annotation[] = [];
  /** The annotated passage's text. */
  @property({ attribute: false }) quote = '';
  /** Shows the comment in a text area. */
  @property({ type: Boolean, reflect: true }) editing = false;
  /** Hides the editing controls. */
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** The store refused the last change: the card says so and offers Retry. */
  @property({ type: Boolean, reflect: true }) unsaved = false;
  /** Another reader's annotation (on a shared layer): it can be replied to, not edited, recoloured or deleted. */
  @property({ type: Boolean, reflect: true }) foreign = false;
  /** Whether it is shared, where the store has a shared layer (`null`: no such choice). */
  @property({ attribute: false }) shared: boolean | null = null;
  /** Offers Hide: the reader is a moderator of the shared layer it is in. */
  @property({ type: Boolean, reflect: true }) hideable = false;

  @state() private replying = false;
  /** What the reader typed and did not save: kept when the editor closes, restored when it opens again. */
  @state() private draft: string | null = null;
  private focusActions = false;
  private labelledIn: EssayStrings | null = null;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('quote') || changed.has('foreign') || changed.has('annotation') || this.labelledIn !== this.t) {
      this.labelledIn = this.t;
      const by = this.foreign ? creatorNameOf(this.annotation) : null;
      this.setAttribute('aria-label', by ? this.t.noteBy(by, truncate(this.quote, 60)) : this.t.yourNoteOn(truncate(this.quote, 60)));
    }
    // A draft kept with the annotation (from before a reload) comes back as this card's draft.
    const kept = this.annotation?.[DRAFT];
    if (changed.has('annotation') && this.draft === null && !this.editing && typeof kept === 'string' && kept) this.draft = kept;
  }

  /** What the reader has typed in the open comment editor and not saved, or null. */
  get unsavedText(): string | null {
    const field = this.editing ? this.renderRoot.querySelector<HTMLTextAreaElement>('textarea.comment') : null;
    if (!field || !this.annotation) return null;
    const value = field.value;
    return value.trim() && value !== textOf(this.annotation) ? value : null;
  }

  private draftTimer = 0;

  /** Keeps what the reader types: a moment after they stop, the draft goes to the store with the annotation. */
  private onEditorInput(id: string) {
    clearTimeout(this.draftTimer);
    this.draftTimer = window.setTimeout(() => this.act({ action: 'draft', id, text: this.unsavedText }), 400);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.draftTimer);
  }

  protected override updated(changed: PropertyValues) {
    if ((changed.has('editing') && this.editing) || (changed.has('replying') && this.replying)) {
      // A new card is not laid out yet: focusing it the usual way scrolls the page to wherever it sits before
      // the margin places it beside its passage (the top of the page). The margin puts it beside the passage the
      // reader is looking at, so no scroll is needed.
      this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus({ preventScroll: true });
    }
    if (this.focusActions) {
      // After the editor closes, focus goes back to the button that opens it, not to the page.
      this.focusActions = false;
      this.renderRoot.querySelector<HTMLButtonElement>('.actions button')?.focus({ preventScroll: true });
    }
  }

  /** Opens the comment for editing and focuses it. */
  edit() {
    this.editing = true;
  }

  private act(detail: CardAction) {
    this.emit('essay-card-action', detail);
  }

  private onEditorKey(event: KeyboardEvent, submit: () => void, cancel: () => void) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    }
  }

  override render() {
    const annotation = this.annotation;
    if (!annotation) return nothing;
    const id = annotation.id;
    const text = textOf(annotation);
    const save = () => {
      const value = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea.comment')!.value;
      clearTimeout(this.draftTimer);
      this.editing = false;
      this.draft = null;
      this.focusActions = true;
      this.act({ action: 'save', id, text: value });
    };
    const cancel = () => {
      const value = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea.comment')?.value ?? text;
      clearTimeout(this.draftTimer);
      this.draft = value !== text && value.trim() ? value : null;
      this.editing = false;
      this.focusActions = true;
      this.act({ action: 'draft', id, text: this.draft });
      this.act({ action: 'cancel', id });
    };
    const reply = () => {
      const value = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea.reply')!.value.trim();
      this.replying = false;
      if (value) this.act({ action: 'reply', id, text: value });
    };
    const t = this.t;
    return html`${this.renderArrow()}
      <article class="card" part="card">
        ${this.renderNumber()}
        <blockquote part="quote">${truncate(this.quote, 140)}</blockquote>
        ${
          this.editing
            ? html`<label class="label" for="comment">${t.yourComment}</label>
              <textarea
                id="comment"
                class="comment"
                part="editor"
                rows="3"
                .value=${this.draft ?? text}
                @input=${() => this.onEditorInput(id)}
                @keydown=${(e: KeyboardEvent) => this.onEditorKey(e, save, cancel)}
              ></textarea>
              <div class="actions" part="actions">
                <button type="button" data-action="save" @click=${save}>${t.save}</button>
                <button type="button" data-action="cancel" @click=${cancel}>${t.cancel}</button>
              </div>`
            : html`${text ? html`<p class="body" part="body">${text}</p>` : nothing}
              ${this.draft !== null ? html`<p class="draft" part="draft">${t.draftKept(truncate(this.draft, 80))}</p>` : nothing}
              <p class="meta" part="meta">${metaOf(annotation, t, this.shared)}</p>
              ${
                this.unsaved
                  ? html`<p class="unsaved" part="unsaved" role="status">
                    ${t.notSaved} <button type="button" data-action="retry" @click=${() => this.act({ action: 'retry', id })}>${t.retry}</button>
                  </p>`
                  : nothing
              }
              ${
                this.readonly
                  ? nothing
                  : html`<div class="actions" part="actions">
                    ${this.foreign ? nothing : html`<button type="button" data-action="edit" @click=${() => (this.editing = true)}>${text ? t.edit : t.comment}</button>`}
                    <button type="button" data-action="reply" @click=${() => (this.replying = true)}>${t.reply}</button>
                    ${this.foreign ? nothing : html`<button type="button" data-action="delete" @click=${() => this.act({ action: 'delete', id })}>${t.delete}</button>`}
                    <button type="button" data-action="copy-link" @click=${() => this.act({ action: 'copy-link', id })}>${t.copyLink}</button>
                    ${this.hideable ? html`<button type="button" part="hide" data-action="hide" @click=${() => this.act({ action: 'hide', id })}>${t.hide}</button>` : nothing}
                    ${
                      this.shared === null || this.foreign
                        ? nothing
                        : html`<button type="button" part="share" data-action="share" aria-pressed=${this.shared ? 'true' : 'false'} @click=${() => this.act({ action: 'share', id, shared: !this.shared })}>
                          ${this.shared ? t.makePrivate : t.share}
                        </button>`
                    }
                    ${
                      this.foreign
                        ? nothing
                        : html`<label class="color"
                          ><span class="visually-hidden">${t.colour}</span>
                          <select @change=${(e: Event) => this.act({ action: 'color', id, color: (e.target as HTMLSelectElement).value })}>
                            ${HIGHLIGHT_COLORS.map((c) => html`<option value=${c} ?selected=${(colorOf(annotation) ?? 'yellow') === c}>${t.colours[c]}</option>`)}
                          </select></label
                        >`
                    }
                  </div>`
              }`
        }
        ${
          this.replies.length
            ? html`<ol class="replies" part="replies" aria-label=${t.replies}>
              ${this.replies.map((r) => html`<li><p>${textOf(r)}</p><p class="meta">${metaOf(r, t, null)}</p></li>`)}
            </ol>`
            : nothing
        }
        ${
          this.replying
            ? html`<label class="label" for="reply">${t.reply}</label>
              <textarea id="reply" class="reply" part="editor" rows="2" @keydown=${(e: KeyboardEvent) => this.onEditorKey(e, reply, () => (this.replying = false))}></textarea>
              <div class="actions" part="actions">
                <button type="button" data-action="post-reply" @click=${reply}>${t.postReply}</button>
                <button type="button" data-action="cancel-reply" @click=${() => (this.replying = false)}>${t.cancel}</button>
              </div>`
            : nothing
        }
        ${this.renderBack()}
      </article>`;
  }
}

/** Who (when known), when, and whether shared: as text, never as HTML. */
function metaOf(annotation: Annotation, t: EssayStrings, shared: boolean | null): string {
  const by = creatorNameOf(annotation);
  return [by, timeAgo(annotation.modified ?? annotation.created, t), shared ? t.shared : null].filter(Boolean).join(' · ');
}
