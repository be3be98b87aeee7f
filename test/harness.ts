import type { EssayAnnotationCard, EssayReader } from '../src/index.js';

/*
 * Harnesses, as Material Web's: tests reach an element's controls by what they do (each control's data-action),
 * never by their words, so that rewording a button (or translating it) breaks no test that is not about words.
 */

/** The controls of a reader's card. */
export type CardControl = 'edit' | 'save' | 'cancel' | 'reply' | 'post-reply' | 'cancel-reply' | 'delete' | 'copy-link' | 'retry' | 'share' | 'hide';
/** The buttons of the selection toolbar. */
export type ToolbarControl = 'highlight' | 'comment' | 'copy-link';
/** The reader's own controls outside cards and toolbar: the status line's Undo, and an unanchored annotation's. */
export type ReaderControl = 'undo' | 'reattach' | 'delete';

function find(root: ParentNode | null | undefined, action: string, where: string): HTMLButtonElement {
  const control = root?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
  if (!control) throw new Error(`${where}: no "${action}" control is rendered`);
  return control;
}

/** A control of `card` (rendered now). */
export function cardControl(card: EssayAnnotationCard | Element, action: CardControl): HTMLButtonElement {
  return find(card.shadowRoot, action, 'essay-annotation-card');
}

/** A button of the reader's selection toolbar. */
export function toolbarControl(r: EssayReader, action: ToolbarControl): HTMLButtonElement {
  return find(r.shadowRoot?.querySelector('[part="toolbar"]'), action, 'the selection toolbar');
}

/** The status line's Undo, or a control of the first unanchored annotation (or of the one whose item is `within`). */
export function readerControl(r: EssayReader, action: ReaderControl, within?: ParentNode): HTMLButtonElement {
  if (within) return find(within, action, 'the given part of the reader');
  const root = action === 'undo' ? r.shadowRoot?.querySelector('[part="status"]') : r.shadowRoot?.querySelector('[part="orphans"]');
  return find(root, action, 'essay-reader');
}
