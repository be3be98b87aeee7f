/**
 * essay-reader for React: each element as a React component made with `@lit/react`. Properties (`store`,
 * `limits`, `annotatable`, …) are set as properties, not attributes, and the library's events are `on…` props
 * (`onEssayAnnotationCreate`, …) with their typed `CustomEvent`. Importing this entry defines the elements.
 *
 * ```tsx
 * import { EssayReader, EssayNote } from 'essay-reader/react.js';
 * <EssayReader store={myStore} onEssayAnnotationCreate={(event) => save(event.detail.annotation)}>
 *   <p>…</p>
 *   <EssayNote quote="limbic revision">…</EssayNote>
 * </EssayReader>
 * ```
 */
import { createComponent, type EventName } from '@lit/react';
// The default import: React is CommonJS, and its default export is what every ESM consumer (Node, bundlers) gets.
import React from 'react';
import { EssayNote as EssayNoteElement } from '../elements/essay-note/define.js';
import { EssayPullquote as EssayPullquoteElement } from '../elements/essay-pullquote/define.js';
import { EssayReader as EssayReaderElement } from '../elements/essay-reader/define.js';
import { EssayToc as EssayTocElement } from '../elements/essay-toc/define.js';
import type { EssayEventDetails } from '../elements/shared/essay-element.js';

/** The React prop for one of the library's events: its name, typed with its detail. */
const on = <K extends keyof EssayEventDetails>(name: K) => name as EventName<CustomEvent<EssayEventDetails[K]>>;

/** A React component for one of the library's elements, named after its tag (`essay-reader` → `EssayReader`). */
const component = <I extends HTMLElement, E extends Record<string, EventName>>(tagName: string, elementClass: new () => I, events: E) =>
  createComponent({ react: React, tagName, elementClass, events, displayName: tagName.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase()) });

export const EssayReader = component('essay-reader', EssayReaderElement, {
  onEssayOutlineChange: on('essay-outline-change'),
  onEssaySectionChange: on('essay-section-change'),
  onEssayAnnotationCreate: on('essay-annotation-create'),
  onEssayAnnotationUpdate: on('essay-annotation-update'),
  onEssayAnnotationDelete: on('essay-annotation-delete'),
  onEssayAnnotationOrphan: on('essay-annotation-orphan'),
  onEssayAnnotationsImport: on('essay-annotations-import'),
  onEssayAnnotationsImported: on('essay-annotations-imported'),
  onEssayStoreError: on('essay-store-error'),
  onEssayNoteOrphan: on('essay-note-orphan'),
});

export const EssayNote = component('essay-note', EssayNoteElement, {
  onEssayNoteOrphan: on('essay-note-orphan'),
  onEssayNoteChange: on('essay-note-change'),
});

export const EssayPullquote = component('essay-pullquote', EssayPullquoteElement, { onEssayPullquoteError: on('essay-pullquote-error') });

export const EssayToc = component('essay-toc', EssayTocElement, { onEssayTocNavigate: on('essay-toc-navigate') });
