import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-family: var(--essay-font-ui, system-ui, sans-serif);
    font-size: 0.82rem;
    line-height: 1.45;
    color: var(--essay-color-muted, #6b6459);
    outline: none;
  }
  :host([hidden]),
  :host([data-essay-far]) {
    display: none;
  }
  /* In the margin: placed by the reader (left and a translateY), one column wide. */
  :host([layout='margin']) {
    position: absolute;
    top: 0;
    left: 0;
    width: var(--essay-margin-width, 16rem);
    box-sizing: border-box;
    transition: transform 0.2s ease;
  }
  @media (prefers-reduced-motion: reduce) {
    :host([layout='margin']) {
      transition: none;
    }
  }
  :host([layout='orphan']),
  :host([layout='popover']:not(:popover-open)) {
    display: none;
  }
  /* As a popover from its marker (narrow layouts): positioned by @floating-ui/dom. */
  :host([layout='popover']) {
    position: fixed;
    inset: auto;
    margin: 0;
    max-width: min(22rem, calc(100vw - 16px));
    padding: 0;
    border: 1px solid var(--essay-color-rule, #e3ddd2);
    border-radius: 6px;
    background: var(--essay-note-popover-background, var(--essay-color-background, Canvas));
    color: var(--essay-color-text, CanvasText);
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
    overflow: visible;
  }
  .note {
    padding-inline-start: 0.75rem;
    border-inline-start: 2px solid transparent;
    background: var(--essay-note-background, transparent);
  }
  :host([layout='popover']) .note {
    padding: 0.75rem 1rem;
    border: none;
  }
  :host([active]) .note,
  :host(:focus-visible) .note {
    border-inline-start-color: var(--essay-note-active-color, var(--essay-color-accent, #a4372a));
    color: var(--essay-color-text, inherit);
  }
  .number {
    float: inline-start;
    margin-inline-end: 0.4em;
    font-weight: 600;
    color: var(--essay-color-accent, #a4372a);
    font-variant-numeric: tabular-nums;
  }
  .content ::slotted(p) {
    margin: 0 0 0.4em;
  }
  .back {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    font: inherit;
    border: 0;
    padding: 0;
    background: none;
    color: var(--essay-color-accent, #a4372a);
    cursor: pointer;
  }
  .back:focus-visible {
    position: static;
    width: auto;
    height: auto;
    clip-path: none;
    display: block;
    margin-top: 0.3em;
    text-decoration: underline;
  }
  .arrow {
    display: none;
  }
  :host([layout='popover']) .arrow {
    display: block;
    position: absolute;
    width: 10px;
    height: 10px;
    background: inherit;
    border: inherit;
    transform: rotate(45deg);
  }
  @media print {
    :host([layout]) {
      position: static;
      transform: none !important;
      width: auto;
      margin: 0.5em 0 1em;
      border-inline-start: 2px solid #999;
      padding-inline-start: 0.6em;
      color: #333;
      break-inside: avoid;
    }
    :host([layout='orphan']) {
      display: block;
    }
    .back {
      display: none;
    }
  }
`;
