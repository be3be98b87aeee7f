import type { TextIndex } from '../../../core/text/text-index.js';
import type { NoteLayout } from '../../shared/margin-entry-element.js';

/** An element placed in the margin beside a passage: an author's note or a reader's annotation card. */
export type MarginElement = HTMLElement & {
  layout: NoteLayout | null;
  number: number | null;
  active: boolean;
  readonly arrowElement: HTMLElement | null;
};

/** A passage found in the text, with what the margin shows beside it. */
export interface MarginEntry {
  /** Its element, or null while it is not rendered (a long list renders those near the viewport). */
  element: MarginElement | null;
  id: string;
  start: number;
  end: number;
  color?: string;
  /** What the passage's marker says to a screen reader. */
  label: string;
  /** Whose it is, when it is another reader's (a shared layer): the marker says so. */
  by?: string;
  /** An author's note: numbered in text order, part of the essay, always in the page. */
  authored: boolean;
}

/**
 * What the margin lays out entries from: the author's `<essay-note>`s, the reader's annotations, or anything else
 * with passages. A source that renders only the entries near the viewport says so (`virtual`) and is told which
 * are near.
 */
export interface MarginSource {
  /** The source's passages in `index` (those that did not anchor are the source's own business). */
  locate(index: TextIndex): MarginEntry[];
  /** Whether only the entries near the viewport (and those revealed) have elements. */
  readonly virtual: boolean;
  /** The entries whose passages are near the viewport now (asked only of a virtual source). */
  near(ids: ReadonlySet<string>): void;
  /** Renders the element of `id` even if it is far (it is about to be opened). */
  reveal(id: string): void;
}
