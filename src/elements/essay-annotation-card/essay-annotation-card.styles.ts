import { css } from 'lit';
import { styles as noteStyles } from '../essay-note/essay-note.styles.js';

/** A card is placed like a note (margin, popover, hidden when orphaned); these add the card's own look. */
export const styles = [
  noteStyles,
  css`
    .card {
      position: relative;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--essay-color-rule, #e3ddd2);
      border-inline-start: 3px solid var(--essay-card-accent, var(--essay-color-accent, #a4372a));
      border-radius: 4px;
      background: var(--essay-card-background, var(--essay-color-background, Canvas));
      color: var(--essay-color-text, CanvasText);
    }
    :host([active]) .card,
    :host(:focus-visible) .card {
      box-shadow: 0 0 0 2px var(--essay-card-accent, var(--essay-color-accent, #a4372a));
    }
    :host([layout='popover']) .card {
      border: none;
    }
    /* A note on the whole page, listed after the essay: there is no passage to quote or go back to. */
    :host([layout='page']) blockquote:empty,
    :host([layout='page']) .back {
      display: none;
    }
    /*
     * Compact in the margin until the reader is on it (as in Google Docs): the quote on one line, the comment on
     * three, no buttons. Hovered, focused, pinned or editing, it opens out over the cards below it.
     */
    :host([layout='margin']:not([active]):not([editing]):not(:focus-within)) .actions {
      display: none;
    }
    :host([layout='margin']:not([active]):not([editing]):not(:focus-within)) blockquote,
    :host([layout='margin']:not([active]):not([editing]):not(:focus-within)) .body {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 1;
      overflow: hidden;
    }
    :host([layout='margin']:not([active]):not([editing]):not(:focus-within)) .body {
      -webkit-line-clamp: 3;
    }
    :host([layout='margin'][active]),
    :host([layout='margin']:focus-within) {
      z-index: 2;
    }
    blockquote {
      margin: 0 0 0.3rem;
      font-style: italic;
      color: var(--essay-color-muted, #6b6459);
    }
    .body {
      margin: 0 0 0.25rem;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .meta {
      margin: 0;
      font-size: 0.9em;
      color: var(--essay-color-muted, #6b6459);
    }
    .unsaved {
      margin: 0.25rem 0 0;
      font-weight: 600;
      color: var(--essay-color-accent, #a4372a);
    }
    .draft {
      margin: 0 0 0.25rem;
      font-size: 0.9em;
      font-style: italic;
      color: var(--essay-color-muted, #6b6459);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem;
      margin-top: 0.35rem;
    }
    button,
    select {
      font: inherit;
      font-size: 0.95em;
      color: inherit;
      background: none;
      border: 1px solid var(--essay-color-rule, #e3ddd2);
      border-radius: 4px;
      padding: 0.15rem 0.45rem;
      cursor: pointer;
    }
    button:focus-visible,
    select:focus-visible,
    textarea:focus-visible {
      outline: 2px solid var(--essay-color-accent, #a4372a);
      outline-offset: 1px;
    }
    textarea {
      box-sizing: border-box;
      width: 100%;
      font: inherit;
      color: inherit;
      background: var(--essay-color-background, Canvas);
      border: 1px solid var(--essay-color-rule, #e3ddd2);
      border-radius: 4px;
      padding: 0.3rem;
    }
    .label {
      display: block;
      font-weight: 600;
      margin: 0.2rem 0;
    }
    .replies {
      list-style: none;
      margin: 0.4rem 0 0;
      padding: 0 0 0 0.6rem;
      border-inline-start: 2px solid var(--essay-color-rule, #e3ddd2);
    }
    .replies p {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .number {
      float: inline-start;
      margin-inline-end: 0.4em;
      font-weight: 600;
      color: var(--essay-color-accent, #a4372a);
    }
  `,
];
