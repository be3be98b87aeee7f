/**
 * essay-reader: defines every element (the one side-effect entry), and exports the elements and the types a
 * page uses with them (annotations, stores, events, limits). The framework-free API (the text index,
 * anchoring, the stores themselves, exports) is `essay-reader/core.js`.
 * @packageDocumentation
 */
export { EssayReader } from './elements/essay-reader/define.js';
export { EssayToc } from './elements/essay-toc/define.js';
export { EssayPullquote } from './elements/essay-pullquote/define.js';
export { EssayNote } from './elements/essay-note/define.js';
export type { NoteLayout } from './elements/essay-note/essay-note.js';
export { EssayAnnotationCard } from './elements/essay-annotation-card/define.js';
export type { CardAction } from './elements/essay-annotation-card/essay-annotation-card.js';
export type { ImportReport } from './elements/essay-reader/annotation-import.js';
export { BUNDLED_LANGUAGES, loadStrings } from './i18n/locale.js';
export type { EssayStrings } from './i18n/strings.js';
export type { AnnotationChange, EssayEventDetails } from './elements/shared/essay-element.js';
export type {
  Agent,
  Annotation,
  AnnotationCollection,
  Body,
  Motivation,
  ResourceTarget,
  SpecificTarget,
  Target,
  TargetSet,
  TextualBody,
} from './core/model/annotation.js';
export type { Selector, TextPositionSelector, TextQuoteSelector } from './core/anchoring/selectors.js';
export type { AnnotationStore, StoreChanges, StoreErrorKind, StoreStatus } from './core/store/store.js';
export type { AnnotationLimits } from './core/model/limits.js';
export type { Numbering, OutlineEntry } from './core/outline/outline.js';
export type { TextIndex } from './core/text/text-index.js';
