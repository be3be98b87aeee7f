// React: essay-reader/react.js has each element as a component (@lit/react), with properties passed as
// properties and events as typed on… props. In JSX:
//   <EssayReader documentId={id} store={store} onEssayAnnotationCreate={(e) => onCreate(e.detail.annotation)}>
import React from 'react';
import { EssayNote, EssayReader } from 'essay-reader/react.js';
import type { Annotation, AnnotationStore } from 'essay-reader';

export function ReaderWithNote({ id, store, onCreate }: { id: string; store: AnnotationStore; onCreate(annotation: Annotation): void }) {
  const h = React.createElement;
  return h(
    EssayReader,
    { store, documentId: id, onEssayAnnotationCreate: (event) => onCreate(event.detail.annotation) },
    h('h2', null, 'The book'),
    h('p', { id: 'p1' }, 'The emotional attachment that we require is effected through a process that the authors call limbic revision.'),
    h(EssayNote, { quote: 'limbic revision', color: 'green' }, h('p', null, 'How a close relationship remodels each partner.')),
    h('p', { id: 'p2' }, 'Proponents of embodied cognition hold that it is not possible to create an artificial intelligence.'),
  );
}
