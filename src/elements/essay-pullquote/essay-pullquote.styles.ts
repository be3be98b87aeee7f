import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    margin: 2em 0;
  }
  :host([hidden]) {
    display: none;
  }
  figure {
    margin: 0;
    padding: 0.9em 0;
    border-block: 2px solid var(--essay-pullquote-color, var(--essay-color-accent, #a4372a));
  }
  blockquote {
    margin: 0;
    font-size: var(--essay-pullquote-font-size, 1.45em);
    line-height: 1.35;
    font-style: italic;
    text-wrap: balance;
    hanging-punctuation: first;
  }
  .linked {
    cursor: pointer;
  }
  .linked:hover blockquote {
    color: var(--essay-pullquote-color, var(--essay-color-accent, #a4372a));
  }
  figcaption {
    margin-top: 0.6em;
    font-family: var(--essay-font-ui, system-ui, sans-serif);
    font-size: 0.85em;
    color: var(--essay-color-muted, #6b6459);
  }
  figcaption:not(:has(*)):empty {
    display: none;
  }
  @media print {
    figure {
      break-inside: avoid;
    }
  }
`;
