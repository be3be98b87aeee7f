import { css } from 'lit';

/**
 * Styles for the light-DOM essay. Shadow styles cannot reach slotted descendants, and `::highlight()` must be
 * styled from the document, so these rules are adopted by the document once. Every rule is wrapped in `:where()`
 * where it can be, so that the host page's own CSS wins without a fight. All values come from the same
 * `--essay-*` custom properties that `<essay-reader>` defines on its host.
 */
export const documentStyles = css`
  :where(essay-reader) :where(h2, h3, [id]) {
    scroll-margin-top: var(--essay-scroll-margin, 4rem);
  }
  :where(essay-reader) :where(h1, h2, h3) {
    font-family: var(--essay-font-heading);
    line-height: 1.25;
    text-wrap: balance;
  }
  :where(essay-reader) :where(h2) {
    font-size: 1.45em;
    margin: 2.2em 0 0.7em;
  }
  :where(essay-reader) :where(h3) {
    font-size: 1.15em;
    margin: 1.8em 0 0.5em;
  }
  :where(essay-reader) :where(p, ul, ol) {
    margin: 0 0 var(--essay-paragraph-spacing, 1.1em);
    hanging-punctuation: first allow-end;
    text-wrap: pretty;
  }
  :where(essay-reader) :where(blockquote) {
    margin: 1.5em 0;
    padding-inline-start: 1.2em;
    border-inline-start: 3px solid var(--essay-color-rule);
    font-style: italic;
  }
  :where(essay-reader) :where(a) {
    color: var(--essay-color-link);
  }
  :where(essay-reader) [data-essay-section-number] {
    color: var(--essay-section-number-color, var(--essay-color-accent));
    font-variant-numeric: tabular-nums;
    margin-inline-end: 0.5em;
  }
  :where(essay-reader) [data-essay-self-link] {
    color: var(--essay-color-muted);
    text-decoration: none;
    margin-inline-start: 0.35em;
    opacity: 0;
    transition: opacity 0.15s;
  }
  :where(essay-reader) :is(h2, h3):hover > [data-essay-self-link],
  :where(essay-reader) [data-essay-self-link]:focus-visible {
    opacity: 1;
  }
  ::highlight(essay-flash) {
    background-color: var(--essay-color-flash, rgb(255 214 10 / 0.55));
  }
  [data-essay-flash] {
    background-color: var(--essay-color-flash, rgb(255 214 10 / 0.55));
    transition: background-color 0.4s;
  }
  @media print {
    :where(essay-reader) [data-essay-self-link] {
      display: none;
    }
  }
`;

const adopted = new WeakSet<Document>();

/** Adopts `documentStyles` into `doc`, once per document. */
export function adoptDocumentStyles(doc: Document): void {
  if (adopted.has(doc)) return;
  adopted.add(doc);
  const sheet = documentStyles.styleSheet;
  if (sheet) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
