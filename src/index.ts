/**
 * essay-reader: defines every element (the one side-effect entry) and re-exports the API.
 * @packageDocumentation
 */
export { EssayReader } from './elements/essay-reader/define.js';
export { EssayToc } from './elements/essay-toc/define.js';
export { EssayPullquote } from './elements/essay-pullquote/define.js';
export type { EssayEventDetails } from './elements/shared/essay-element.js';
export { buildOutline, slugify, countWords, readingMinutes } from './core/outline/outline.js';
export type { OutlineEntry, HeadingSource, Numbering, OutlineOptions } from './core/outline/outline.js';
export { TextIndex, isSkippedElement, collapseWhitespace } from './core/text/text-index.js';
export { flashRange } from './core/highlight/flash.js';
