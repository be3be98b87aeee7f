import { html, isServer, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { flashRange } from '../../core/highlight/flash.js';
import { collapseWhitespace, SKIP_ATTRIBUTE, TextIndex } from '../../core/text/text-index.js';
import { truncate } from '../../core/text/truncate.js';
import { scrollBehavior } from '../shared/motion.js';
import { EssayElement } from '../shared/essay-element.js';
import { styles } from './essay-pullquote.styles.js';

/**
 * A pull-quote. Either it carries its own words (a real `<figure>` with a `<blockquote>` and an optional
 * attribution), or it names a passage of the essay with `quote="…"` and shows that passage: clicking it scrolls
 * to the passage and flashes it. A pull-quote that repeats the essay is hidden from assistive technology
 * (`aria-hidden`), so nobody hears it twice; it is left out of the essay's text index for the same reason.
 *
 * @summary A pull-quote: its own text, or a passage of the essay it links to.
 * @tag essay-pullquote
 *
 * @slot - The quotation, when the pull-quote carries its own words.
 * @slot attribution - Who said it (overrides `cite`).
 *
 * @fires {CustomEvent<{ quote: string; message: string }>} essay-pullquote-error - `quote` matches no passage of
 * the essay; nothing is rendered.
 *
 * @csspart pullquote - The figure.
 * @csspart quote - The quotation.
 * @csspart attribution - The attribution line.
 *
 * @cssprop [--essay-pullquote-font-size=1.45em] - Size of the quotation.
 * @cssprop [--essay-pullquote-color=var(--essay-color-accent)] - Colour of the quotation's rules.
 */
export class EssayPullquote extends EssayElement {
  static override styles = styles;

  /** Exact text of a passage of the essay to show (white space is matched loosely). */
  @property() quote: string | null = null;

  /** The attribution, shown after the quotation (a `slot="attribution"` child overrides it). */
  @property() cite: string | null = null;

  /** The passage's text as found in the essay, or null when not (yet) found. */
  @state() private passage: string | null = null;
  private found: { start: number; end: number; index: TextIndex } | null = null;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('quote')) this.resolve();
  }

  override connectedCallback() {
    super.connectedCallback();
    // A pull-quote repeats the essay's words: passages anchor to the essay, never to the repeat.
    // Already so when the reader marked it first: setting it again would tell the reader its text changed.
    if (!this.hasAttribute(SKIP_ATTRIBUTE)) this.setAttribute(SKIP_ATTRIBUTE, '');
    if (this.hasUpdated) this.resolve();
  }

  /** Looks for the passage again (after the essay changed). */
  resolve() {
    this.found = null;
    this.passage = null;
    const quote = this.quote == null ? '' : collapseWhitespace(this.quote).trim();
    if (this.quote == null) {
      this.removeAttribute('aria-hidden');
      return;
    }
    // A duplicate of the essay is decoration to a screen reader.
    this.setAttribute('aria-hidden', 'true');
    // Rendered on a server (@lit-labs/ssr) there is no essay to look in: the quote stands as given, and the
    // browser looks it up when the element upgrades there.
    if (isServer) {
      this.passage = quote;
      return;
    }
    const index = this.essayIndex();
    const start = quote ? index.text.indexOf(quote) : -1;
    if (start < 0) {
      const message = quote ? `essay-pullquote: quote "${truncate(quote, 60)}" matches no passage of the essay` : 'essay-pullquote: quote is empty';
      // Dispatch after this update so a listener added right after the element sees it too.
      queueMicrotask(() => this.emit('essay-pullquote-error', { quote: this.quote ?? '', message }));
      return;
    }
    this.found = { start, end: start + quote.length, index };
    this.passage = index.text.slice(start, start + quote.length);
  }

  private essayIndex(): TextIndex {
    const reader = this.closest('essay-reader') as (HTMLElement & { textIndex?: TextIndex }) | null;
    return reader?.textIndex ?? TextIndex.build(this.ownerDocument.body);
  }

  /** Scrolls to the passage this pull-quote repeats and flashes it. Does nothing for a pull-quote with its own text. */
  goToPassage() {
    if (!this.found) return;
    const index = this.essayIndex();
    // The essay may have been re-indexed since; look the passage up again in the current index.
    const start = index === this.found.index ? this.found.start : index.text.indexOf(this.passage ?? '');
    if (start < 0) return;
    const range = index.rangeFor(start, start + (this.passage ?? '').length);
    const element = range.startContainer.parentElement;
    element?.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
    flashRange(range);
  }

  override render() {
    if (this.quote != null) {
      if (this.passage == null) return nothing;
      // The pull-quote repeats the essay's own words and is hidden from assistive technology (aria-hidden): the click
      // is a pointer shortcut to a passage that keyboard and screen reader users read in place.
      // eslint-disable-next-line lit-a11y/click-events-have-key-events
      return html`<figure part="pullquote" class="linked" title=${this.t.goToPassage} @click=${this.goToPassage}>
        <blockquote part="quote">${this.passage}</blockquote>
        ${this.renderAttribution()}
      </figure>`;
    }
    return html`<figure part="pullquote">
      <blockquote part="quote"><slot></slot></blockquote>
      ${this.renderAttribution()}
    </figure>`;
  }

  private renderAttribution() {
    return html`<figcaption part="attribution"><slot name="attribution">${this.cite ? html`— ${this.cite}` : nothing}</slot></figcaption>`;
  }
}
