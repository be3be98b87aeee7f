/**
 * essay-reader: defines every element (the one side-effect entry) and re-exports the API.
 * @packageDocumentation
 */
export { EssayReader } from './elements/essay-reader/define.js';
export { EssayToc } from './elements/essay-toc/define.js';
export { EssayPullquote } from './elements/essay-pullquote/define.js';
export { EssayNote } from './elements/essay-note/define.js';
export type { NoteLayout } from './elements/essay-note/essay-note.js';
export { EssayAnnotationCard } from './elements/essay-annotation-card/define.js';
export type { CardAction } from './elements/essay-annotation-card/essay-annotation-card.js';
export type { ImportReport } from './elements/essay-reader/annotations-controller.js';
export type { EssayEventDetails } from './elements/shared/essay-element.js';
export * from './core/index.js';
