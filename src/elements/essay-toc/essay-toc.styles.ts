import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-family: var(--essay-font-ui, system-ui, sans-serif);
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ol ol {
    padding-inline-start: 1.1rem;
  }
  li {
    margin: 0;
  }
  a {
    display: flex;
    gap: 0.5em;
    padding: 0.3rem 0.5rem;
    border-inline-start: 2px solid transparent;
    color: var(--essay-color-muted, #6b6459);
    text-decoration: none;
    border-radius: 0 4px 4px 0;
  }
  a:hover {
    color: var(--essay-color-text, inherit);
  }
  a:focus-visible {
    outline: 2px solid var(--essay-color-accent, #a4372a);
    outline-offset: 1px;
  }
  a[aria-current] {
    color: var(--essay-color-text, inherit);
    border-inline-start-color: var(--essay-color-accent, #a4372a);
    font-weight: 600;
  }
  .number {
    color: var(--essay-section-number-color, var(--essay-color-accent, #a4372a));
    font-variant-numeric: tabular-nums;
    min-width: 1.6em;
  }
`;
