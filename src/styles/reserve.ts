/**
 * The rules of essay-reader.css that reserve the upgraded layout for elements not yet defined (see the header
 * of essay-reader.css, written from header.ts by scripts/build-css.mjs).
 */
export const reserveStyles = `
/* The measure in pixels of the essay's font, inherited as a length (so 65ch means the body text's 65ch). */
@property --essay-reserve-measure {
  syntax: '<length>';
  inherits: true;
  initial-value: 0px;
}

@media (scripting: enabled) {
  essay-reader:not(:defined) {
    --essay-reserve-measure: var(--essay-measure, 65ch);
    display: block;
    container: essay / inline-size;
    box-sizing: border-box;
    padding: calc(var(--essay-progress-height, 3px) + 1rem) clamp(1rem, 4%, 2.5rem) 3rem;
    font-family: var(--essay-font-body, Charter, 'Bitstream Charter', 'Iowan Old Style', 'Sitka Text', Cambria, Georgia, serif);
    font-size: var(--essay-font-size, 1.2rem);
    line-height: var(--essay-line-height, 1.6);
    font-kerning: normal;
    font-variant-ligatures: common-ligatures;
    counter-reset: essay-section essay-subsection;
  }
  /*
   * The bar with the Contents button sits above the essay on narrow and medium layouts. A container cannot
   * query its own width, but its children can: the first child's top margin makes the room.
   */
  essay-reader:not(:defined) > :first-child {
    --essay-reserve-own-margin: 0px;
  }
  essay-reader:not(:defined) > h1:first-child {
    --essay-reserve-own-margin: 0.67em;
  }
  essay-reader:not(:defined) > h2:first-child {
    --essay-reserve-own-margin: 2.2em;
  }
  essay-reader:not(:defined) > h3:first-child {
    --essay-reserve-own-margin: 1.8em;
  }
  @container essay (max-width: 74.99rem) {
    essay-reader:not(:defined):not([no-toc]) > :first-child {
      margin-block-start: calc(var(--essay-bar-height, 2.75rem) + 1rem + var(--essay-reserve-own-margin));
    }
  }

  /* One column, centred: the narrow layout. */
  essay-reader:not(:defined) > * {
    box-sizing: border-box;
    width: min(var(--essay-reserve-measure), 100%);
    margin-inline: auto;
  }

  /* Essay and margin. */
  @container essay (min-width: 50rem) {
    essay-reader:not(:defined) > * {
      --side: calc(var(--essay-gap, 3rem) + var(--essay-margin-width, 16rem));
      width: min(var(--essay-reserve-measure), 100cqi - var(--side));
      margin-inline: max(0px, (100cqi - var(--side) - var(--essay-reserve-measure)) / 2) auto;
    }
  }

  /* Contents rail, essay, margin: the rail sits beside the essay, not above it. */
  @container essay (min-width: 75rem) {
    essay-reader:not(:defined) > * {
      --rail: calc(var(--essay-toc-width, 13rem) + var(--essay-gap, 3rem));
      --side: calc(var(--essay-gap, 3rem) + var(--essay-margin-width, 16rem));
      width: min(var(--essay-reserve-measure), 100cqi - var(--rail) - var(--side));
      margin-inline: calc(max(0px, (100cqi - var(--rail) - var(--side) - var(--essay-reserve-measure)) / 2) + var(--rail)) auto;
    }
  }

  /* Notes go to the margin (or behind their markers on narrow layouts): they take no room in the text. */
  essay-reader:not(:defined) essay-note,
  essay-note:not(:defined) {
    display: none;
  }

  /* Section numbers and the self-link the reader adds to each heading, as wide as they will be. */
  essay-reader:not(:defined):not([numbering='none']) :is(h2, h3):not([data-unnumbered])::before {
    margin-inline-end: 0.25em;
    font-variant-numeric: tabular-nums;
  }
  essay-reader:not(:defined):not([numbering='none']) h2:not([data-unnumbered]) {
    counter-increment: essay-section;
    counter-set: essay-subsection 0;
  }
  essay-reader:not(:defined):not([numbering='none']) h2:not([data-unnumbered])::before {
    content: counter(essay-section) ' ';
  }
  essay-reader:not(:defined):not([numbering='none']) h3:not([data-unnumbered]) {
    counter-increment: essay-subsection;
  }
  essay-reader:not(:defined):not([numbering='none']) h3:not([data-unnumbered])::before {
    content: counter(essay-subsection) ' ';
  }
  essay-reader:not(:defined):not([numbering='none']) h2:not([data-unnumbered]) ~ h3:not([data-unnumbered])::before {
    content: counter(essay-section) '.' counter(essay-subsection) ' ';
  }
  essay-reader:not(:defined) :is(h2, h3)::after {
    content: '#';
    margin-inline-start: 0.35em;
    visibility: hidden;
  }

  /* A pull-quote given by attribute is empty until it renders its figure: reserve the figure. */
  essay-reader:not(:defined) essay-pullquote[quote],
  essay-pullquote[quote]:not(:defined) {
    display: block;
    margin-block: 2em;
    padding-block: 0.9em;
    border-block: 2px solid transparent;
  }
  essay-pullquote[quote]:not(:defined)::before {
    content: attr(quote);
    display: block;
    font-size: var(--essay-pullquote-font-size, 1.45em);
    line-height: 1.35;
    font-style: italic;
    text-wrap: balance;
    visibility: hidden;
  }
  essay-pullquote[quote][cite]:not(:defined)::after {
    content: '— ' attr(cite);
    display: block;
    margin-top: 0.6em;
    font-family: var(--essay-font-ui, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 0.85em;
    visibility: hidden;
  }
}
`;
