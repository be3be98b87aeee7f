import { css, unsafeCSS } from 'lit';
import { essayTypography } from '../../styles/essay-typography.js';
import { ACTIVE_HIGHLIGHT, HIGHLIGHT_COLORS, HIGHLIGHT_LAYERS, highlightName } from '../../core/highlight/painter.js';

/** One `::highlight()` rule per colour and layer: layers are separate highlights, so overlaps paint deeper. */
const highlightRules = unsafeCSS(
  HIGHLIGHT_COLORS.flatMap((color) =>
    Array.from(
      { length: HIGHLIGHT_LAYERS },
      (_, layer) => `::highlight(${highlightName(color, layer)}) { background-color: var(--essay-highlight-${color}); }`,
    ),
  ).join('\n') +
    `\n::highlight(${ACTIVE_HIGHLIGHT}) { background-color: var(--essay-highlight-active); }` +
    `\n@media print { ${HIGHLIGHT_COLORS.flatMap((color) => Array.from({ length: HIGHLIGHT_LAYERS }, (_, layer) => `::highlight(${highlightName(color, layer)})`)).join(', ')} { background-color: transparent; text-decoration: underline 1px; } }`,
);

/**
 * Styles for the light-DOM essay. Shadow styles cannot reach slotted descendants, and `::highlight()` must be
 * styled from the essay's own tree, so these rules are adopted once by the root the essay lives in (the
 * document, or a shadow root that holds the reader). Every rule is wrapped in `:where()`
 * where it can be, so that the host page's own CSS wins without a fight. All values come from the same
 * `--essay-*` custom properties that `<essay-reader>` defines on its host.
 */
export const documentStyles = css`
  ${unsafeCSS(essayTypography)}
  :where(essay-reader) [data-essay-section-number] {
    color: var(--essay-section-number-color, var(--essay-color-accent));
    font-variant-numeric: tabular-nums;
    margin-inline-end: 0.25em;
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
  /* A passage given focus back after the toolbar closed: the selection shows where the reader is. */
  [data-essay-focus-return]:focus {
    outline: none;
  }
  [data-essay-flash] {
    background-color: var(--essay-color-flash, rgb(255 214 10 / 0.55));
    transition: background-color 0.4s;
  }
  ${highlightRules}
  /* The <mark> fallback where the Highlight API is missing (or force-marks is set). */
  mark[data-essay-mark] {
    color: inherit;
    background-color: var(--essay-highlight-yellow);
  }
  mark[data-essay-mark='green'] {
    background-color: var(--essay-highlight-green);
  }
  mark[data-essay-mark='blue'] {
    background-color: var(--essay-highlight-blue);
  }
  mark[data-essay-mark='pink'] {
    background-color: var(--essay-highlight-pink);
  }
  mark[data-essay-mark='purple'] {
    background-color: var(--essay-highlight-purple);
  }
  mark[data-essay-mark][data-active] {
    background-color: var(--essay-highlight-active);
  }
  /* A note's marker after its passage: quiet while the margin shows the note, a visible button otherwise. */
  [data-essay-note-marker] {
    all: unset;
    display: inline-block;
    min-width: 0.5em;
    margin-inline-start: 0.1em;
    /* Raised like a superscript without growing the line, and as tall as its digit, so a focus ring fits it. */
    position: relative;
    inset-block-start: -0.5em;
    line-height: 1;
    font-family: var(--essay-font-ui);
    font-size: 0.65em;
    font-weight: 600;
    color: var(--essay-color-accent);
    cursor: pointer;
  }
  [data-essay-note-marker]:empty::before {
    content: '';
    display: inline-block;
    width: 0.45em;
    height: 0.45em;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.45;
    vertical-align: 0.1em;
  }
  /* On touch screens a marker answers a tap 44 px across (WCAG 2.5.5), not only on its 10 px digit. */
  @media (pointer: coarse) {
    [data-essay-note-marker]::after {
      content: '';
      position: absolute;
      inset-block-start: 50%;
      inset-inline-start: 50%;
      width: 44px;
      height: 44px;
      transform: translate(-50%, -50%);
    }
  }
  [data-essay-note-marker]:focus-visible {
    outline: 2px solid var(--essay-color-accent);
    outline-offset: 2px;
    border-radius: 2px;
  }
  [data-essay-note-marker][data-active]:empty::before {
    opacity: 1;
  }
  @container essay (max-width: 50rem) {
    [data-essay-note-marker] {
      padding: 0.35em 0.3em;
      border-radius: 999px;
      background: color-mix(in srgb, var(--essay-color-accent) 12%, transparent);
    }
    [data-essay-note-marker]:empty::before {
      opacity: 1;
    }
  }
  @media print {
    :where(essay-reader) [data-essay-self-link] {
      display: none;
    }
    [data-essay-note-marker]:empty {
      display: none;
    }
  }
`;

const adopted = new WeakSet<Document | ShadowRoot>();

/**
 * Adopts `documentStyles` into the root the essay lives in, once per root: the document, or the shadow root of
 * another component that holds the reader (whose light-DOM essay the document's sheets cannot reach).
 */
export function adoptDocumentStyles(root: Node): void {
  if (!(root instanceof Document || root instanceof ShadowRoot) || adopted.has(root)) return;
  adopted.add(root);
  const sheet = documentStyles.styleSheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
