import { css } from 'lit';

export const styles = css`
  :host {
    --essay-font-body: Charter, 'Bitstream Charter', 'Iowan Old Style', 'Sitka Text', Cambria, Georgia, serif;
    --essay-font-heading: inherit;
    --essay-font-ui: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --essay-font-size: 1.2rem;
    --essay-line-height: 1.6;
    --essay-measure: 65ch;
    --essay-toc-width: 13rem;
    --essay-margin-width: 16rem;
    --essay-gap: 3rem;
    --essay-color-text: light-dark(#1d1b18, #e9e6e1);
    --essay-color-background: light-dark(#fffdf9, #171614);
    --essay-color-muted: light-dark(#6b6459, #a39d94);
    --essay-color-accent: light-dark(#a4372a, #f08a6e);
    --essay-color-link: currentColor;
    --essay-color-rule: light-dark(#e3ddd2, #3a3631);
    --essay-progress-height: 3px;

    --essay-highlight-yellow: light-dark(rgb(255 214 10 / 0.32), rgb(255 214 10 / 0.22));
    --essay-highlight-green: light-dark(rgb(60 200 90 / 0.25), rgb(60 200 90 / 0.22));
    --essay-highlight-blue: light-dark(rgb(60 140 255 / 0.22), rgb(90 160 255 / 0.25));
    --essay-highlight-pink: light-dark(rgb(255 80 160 / 0.2), rgb(255 100 170 / 0.22));
    --essay-highlight-purple: light-dark(rgb(150 90 255 / 0.2), rgb(170 120 255 / 0.25));
    --essay-highlight-active: light-dark(rgb(255 170 0 / 0.45), rgb(255 170 0 / 0.35));

    display: block;
    position: relative;
    color-scheme: light dark;
    container: essay / inline-size;
    color: var(--essay-color-text);
    background: var(--essay-color-background);
    font-family: var(--essay-font-body);
    font-size: var(--essay-font-size);
    line-height: var(--essay-line-height);
    font-kerning: normal;
    font-variant-ligatures: common-ligatures;
    -webkit-font-smoothing: antialiased;
  }

  .progress {
    position: sticky;
    top: 0;
    z-index: 2;
    height: var(--essay-progress-height);
    background: transparent;
    overflow: hidden;
  }
  .progress-bar {
    height: 100%;
    background: var(--essay-color-accent);
    transform: scaleX(0);
    transform-origin: 0 50%;
  }
  :host(:dir(rtl)) .progress-bar {
    transform-origin: 100% 50%;
  }

  /* Narrow: one column, contents behind a button. */
  .layout {
    display: grid;
    grid-template-columns: minmax(0, var(--essay-measure));
    grid-template-areas: 'rail' 'essay' 'orphans';
    justify-content: center;
    column-gap: var(--essay-gap);
    padding: 1rem clamp(1rem, 4cqi, 2.5rem) 3rem;
  }
  .rail {
    grid-area: rail;
    font-family: var(--essay-font-ui);
    font-size: 0.8rem;
    line-height: 1.45;
  }
  .essay {
    grid-area: essay;
    min-width: 0;
  }
  .margin {
    grid-area: margin;
    display: none;
    font-family: var(--essay-font-ui);
    font-size: 0.82rem;
    line-height: 1.45;
  }
  .cards {
    position: absolute;
    inset: 0 auto auto 0;
    width: 0;
    height: 0;
  }
  .toolbar {
    position: fixed;
    z-index: 10;
    display: flex;
    gap: 2px;
    padding: 3px;
    border-radius: 8px;
    background: var(--essay-toolbar-background, light-dark(#1d1b18, #e9e6e1));
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
    font-family: var(--essay-font-ui);
    font-size: 0.8rem;
  }
  .toolbar[hidden] {
    display: none;
  }
  /* After a touch: a bar along the bottom edge, clear of the phone's selection handles and menu, 44 px targets. */
  .toolbar[data-input='touch'] {
    inset: auto 0 0 0;
    justify-content: center;
    gap: 4px;
    padding: 4px 8px calc(4px + env(safe-area-inset-bottom, 0px));
    border-radius: 12px 12px 0 0;
    font-size: 1rem;
  }
  .toolbar[data-input='touch'] button {
    min-width: 44px;
    min-height: 44px;
    padding-inline: 1rem;
  }
  .toolbar button {
    font: inherit;
    color: var(--essay-toolbar-color, light-dark(#fffdf9, #171614));
    background: none;
    border: 0;
    border-radius: 6px;
    padding: 0.35rem 0.6rem;
    cursor: pointer;
  }
  .toolbar button:hover,
  .toolbar button:focus-visible {
    background: color-mix(in srgb, currentColor 18%, transparent);
  }
  /*
   * The focus ring is the toolbar's text colour on its background: the same contrast as its labels. On :focus,
   * not :focus-visible: a pointer never focuses these buttons (pressing one keeps the selection instead), and
   * Firefox does not count Alt+A, which brings focus here, as keyboard use.
   */
  .toolbar button:focus {
    outline: 2px solid currentColor;
    outline-offset: -2px;
  }
  .store-status {
    margin: 0 auto;
    max-inline-size: var(--essay-measure, 68ch);
    padding: 0.4rem 1rem;
    font-family: var(--essay-font-ui);
    font-size: 0.8rem;
    color: var(--essay-color-muted);
  }
  .store-status[data-state='refused'] {
    font-weight: 600;
    color: var(--essay-color-accent, #a4372a);
  }
  .status {
    position: fixed;
    inset-block-end: 1rem;
    inset-inline-start: 50%;
    transform: translateX(-50%);
    z-index: 10;
    font-family: var(--essay-font-ui);
    font-size: 0.85rem;
  }
  .status.shown {
    padding: 0.5rem 0.9rem;
    border-radius: 8px;
    background: var(--essay-toolbar-background, light-dark(#1d1b18, #e9e6e1));
    color: var(--essay-toolbar-color, light-dark(#fffdf9, #171614));
  }
  .status button {
    font: inherit;
    font-weight: 600;
    color: inherit;
    background: none;
    border: 1px solid currentColor;
    border-radius: 4px;
    margin-inline-start: 0.5rem;
    cursor: pointer;
  }
  .orphans button {
    font: inherit;
    margin-inline-start: 0.4rem;
  }
  .after-essay {
    grid-area: orphans;
  }
  .orphans,
  .page-notes {
    margin-top: 2rem;
    padding: 0.75rem 1rem;
    border: 1px dashed var(--essay-color-rule);
    border-radius: 6px;
    font-family: var(--essay-font-ui);
    font-size: 0.85rem;
    color: var(--essay-color-muted);
  }
  .page-notes {
    border-style: solid;
  }
  .page-notes ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .orphans h2,
  .page-notes h2 {
    font-size: 1em;
    margin: 0 0 0.25rem;
    color: var(--essay-color-text);
  }
  .orphans p {
    margin: 0 0 0.5rem;
  }
  .orphans ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .orphans q {
    font-style: italic;
    margin-inline-end: 0.5em;
  }
  /*
   * Narrow and medium: the Contents button rides in a bar that stays at the top of the viewport. A sticky
   * element cannot leave its containing block, which for a grid item is its grid area, so the rail's item spans
   * the essay's rows too (letting pointers through) and a spacer in the rail row keeps the essay below the bar.
   */
  .rail {
    grid-column: rail;
    grid-row: rail-start / essay-end;
    z-index: 3;
    pointer-events: none;
  }
  .rail-space {
    grid-area: rail;
    height: calc(var(--essay-bar-height, 2.75rem) + 1rem);
  }
  .rail-inner {
    position: sticky;
    top: var(--essay-progress-height);
    box-sizing: border-box;
    min-height: var(--essay-bar-height, 2.75rem);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 1rem;
    border-block-end: 1px solid var(--essay-color-rule);
    background: var(--essay-color-background);
    pointer-events: auto;
  }
  .toc-toggle {
    font: inherit;
    font-weight: 600;
    color: inherit;
    background: none;
    border: 1px solid var(--essay-color-rule);
    border-radius: 999px;
    padding: 0.25rem 0.8rem;
    cursor: pointer;
  }
  .toc-toggle:focus-visible {
    outline: 2px solid var(--essay-color-accent);
    outline-offset: 2px;
  }
  .reading-time {
    margin: 0;
    color: var(--essay-color-muted);
  }
  essay-toc {
    flex-basis: 100%;
    max-height: calc(100dvh - var(--essay-bar-height, 2.75rem) - 2rem);
    overflow-y: auto;
    padding-block-end: 0.5rem;
  }
  essay-toc:not(.open) {
    display: none;
  }

  /* Medium: essay and margin. */
  @container essay (min-width: 50rem) {
    .layout {
      grid-template-columns: minmax(0, var(--essay-measure)) var(--essay-margin-width);
      grid-template-areas: 'rail rail' 'essay margin' 'orphans .';
    }
    .margin {
      display: block;
    }
  }

  /* Wide: contents rail, essay, margin. */
  @container essay (min-width: 75rem) {
    .layout {
      grid-template-columns: var(--essay-toc-width) minmax(0, var(--essay-measure)) var(--essay-margin-width);
      grid-template-areas: 'rail essay margin' '. orphans .';
    }
    .rail {
      grid-area: rail;
      pointer-events: auto;
    }
    .rail-space {
      display: none;
    }
    .rail-inner {
      position: sticky;
      top: 1.5rem;
      display: block;
      min-height: 0;
      border: none;
      background: none;
      max-height: calc(100vh - 3rem);
      overflow-y: auto;
    }
    essay-toc {
      max-height: none;
      overflow: visible;
    }
    .toc-toggle {
      display: none;
    }
    .reading-time {
      margin-block-end: 0.75rem;
    }
    essay-toc:not(.open) {
      display: block;
    }
  }

  @media print {
    :host {
      color: #000;
      background: #fff;
      font-size: 11pt;
    }
    .progress,
    .rail,
    .toolbar,
    .status,
    .store-status {
      display: none;
    }
    .layout {
      display: block;
      padding: 0;
    }
  }
`;
