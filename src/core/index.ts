/**
 * The framework-free core of essay-reader: text indexing, W3C selectors and anchoring, the annotation model.
 * No element is defined by importing this module.
 * @packageDocumentation
 */
export { TextIndex, isSkippedElement, skipKind, SKIP_ATTRIBUTE, collapseWhitespace } from './text/text-index.js';
export { describe, describeOffsets, MAX_CONTEXT } from './anchoring/describe.js';
export { anchor, anchorAll, locate, locateAll } from './anchoring/anchor.js';
export type { AnchorOptions, TextMatch, MatchKind } from './anchoring/anchor.js';
export type { Selector, TextQuoteSelector, TextPositionSelector } from './anchoring/selectors.js';
export { findQuote, findPosition } from './anchoring/selectors.js';
export * from './model/annotation.js';
export { parseAnnotation, parseCollection, isAnnotationCollection } from './model/parse.js';
export { toJSONLD, toCollection } from './model/jsonld.js';
export { DEFAULT_LIMITS, exceedsLimits } from './model/limits.js';
export type { AnnotationLimits } from './model/limits.js';
export { buildOutline, slugify, countWords, readingMinutes } from './outline/outline.js';
export type { OutlineEntry, HeadingSource, Numbering, OutlineOptions } from './outline/outline.js';
export { flashRange } from './highlight/flash.js';
export { toTextFragment, textFragmentFor, formatTextFragment, parseTextFragment, locateTextFragment, findTextFragment } from './anchoring/text-fragment.js';
export { VisibleText } from './text/visible-text.js';
export type { TextFragment } from './anchoring/text-fragment.js';
export { colorOf, creatorIdOf, threadOf, withComment, withColor, replyTarget, quoteOf } from './model/helpers.js';
export { StoreError } from './store/store.js';
export type { AnnotationStore, StoreChanges, StoreErrorKind, StoreStatus } from './store/store.js';
export { LocalStorageStore } from './store/local-storage-store.js';
export type { LocalStorageStoreOptions } from './store/local-storage-store.js';
export { MemoryStore } from './store/memory-store.js';
export { IndexedDBStore } from './store/indexed-db-store.js';
export type { IndexedDBStoreOptions } from './store/indexed-db-store.js';
export { createPainter, HIGHLIGHT_COLORS } from './highlight/painter.js';
export type { Painter, PaintItem, HighlightColor } from './highlight/painter.js';
export { layoutMargin } from './layout/margin-layout.js';
export type { MarginItem, MarginLayoutOptions } from './layout/margin-layout.js';
