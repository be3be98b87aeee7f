import { SKIP_ATTRIBUTE } from '../../core/text/text-index.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { MarginEntryElement } from '../shared/margin-entry-element.js';
import { styles } from './essay-note.styles.js';

export type { NoteLayout } from '../shared/margin-entry-element.js';

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
 * @fires {CustomEvent<{ note: HTMLElement }>} essay-note-change - Its quote, prefix, suffix, occurrence or colour changed
 * (bubbling): the reader anchors it again. Not fired as it upgrades, unless a script set one of them as a property
 * before, to a value its attribute does not say.
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
export class EssayNote extends MarginEntryElement {
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

  override connectedCallback() {
    super.connectedCallback();
    // A note's words are the author's commentary, not the essay's text: passages never anchor into them.
    // Already so when the reader marked it first: setting it again would tell the reader its text changed.
    if (!this.hasAttribute(SKIP_ATTRIBUTE)) this.setAttribute(SKIP_ATTRIBUTE, '');
  }

  /** Whether the note has updated before: its first update tells the reader something only in one case. */
  private settled = false;

  protected override updated(changed: PropertyValues<this>) {
    const first = !this.settled;
    this.settled = true;
    if (!ANCHORED_BY.some((name) => changed.has(name))) return;
    // The reader read the note's attributes before it upgraded: its first update is news only where a property
    // says otherwise (set by a script before the upgrade). A 1,000-note essay otherwise fired 1,000 events on load,
    // and the reader anchored every note twice.
    if (first) {
      const attributes = anchoringAttributes(this);
      if (ANCHORED_BY.every((name) => this[name] === attributes[name])) return;
    }
    this.emit('essay-note-change', { note: this });
  }

  override render() {
    return html`${this.renderArrow()}
      <div class="note" part="note">
        ${this.renderNumber()}
        <div class="content"><slot></slot></div>
        ${this.layout === 'margin' || this.layout === 'popover' ? this.renderBack() : nothing}
      </div>`;
  }
}

/** The properties a note is anchored and painted by: a change to one places it again. */
const ANCHORED_BY = ['quote', 'quotePrefix', 'quoteSuffix', 'occurrence', 'color'] as const;

/**
 * A note's anchoring options as its attributes say them (with the properties' defaults): what a note that has not
 * upgraded yet is read by.
 */
export function anchoringAttributes(note: Element): Pick<EssayNote, (typeof ANCHORED_BY)[number]> {
  const occurrence = note.getAttribute('occurrence');
  return {
    quote: note.getAttribute('quote') ?? '',
    quotePrefix: note.getAttribute('prefix') ?? '',
    quoteSuffix: note.getAttribute('suffix') ?? '',
    occurrence: occurrence === null ? null : Number(occurrence),
    color: note.getAttribute('color'),
  };
}
