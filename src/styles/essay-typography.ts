/**
 * The essay's typography in the light DOM: one source for the rules the reader adopts into the document when it
 * upgrades (document-styles.ts) and for essay-reader.css, which pages link so the essay has the same typography
 * before the script runs (and without it). Plain CSS text, no Lit, so a build script can read it in Node.
 */
export const essayTypography = `
/* Text wraps where it must (a long URL in a comment made a phone page 549 px wide); wide things scroll inside. */
:where(essay-reader) {
  overflow-wrap: break-word;
}
:where(essay-reader) :where(pre, table) {
  display: block;
  max-width: 100%;
  overflow-x: auto;
}
:where(essay-reader) :where(img, video, svg, canvas, iframe) {
  max-width: 100%;
}
:where(essay-reader) :where(img, video) {
  height: auto;
}
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
`;
