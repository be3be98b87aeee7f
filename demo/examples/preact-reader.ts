// Preact renders the elements by their tags: attributes and properties as props, events as `onessay-…` props.
// With essay-reader/jsx.js registered (see the README), the same in JSX is type-checked:
//   <essay-reader document-id={id} store={store} onessay-annotation-create={(e) => onCreate(e.detail.annotation)}>
import { h, render } from 'preact';
import 'essay-reader';
import type { Annotation, AnnotationStore } from 'essay-reader';

export function mountReader(host: HTMLElement, { id, store, onCreate }: { id: string; store: AnnotationStore; onCreate(annotation: Annotation): void }) {
  render(
    h(
      'essay-reader',
      { 'document-id': id, numbering: 'none', store, 'onessay-annotation-create': (event: CustomEvent<{ annotation: Annotation }>) => onCreate(event.detail.annotation) },
      h('h2', null, 'The book'),
      h('p', { id: 'p1' }, 'The emotional attachment that we require is effected through a process that the authors call limbic revision.'),
      h('p', { id: 'p2' }, 'Proponents of embodied cognition hold that it is not possible to create an artificial intelligence.'),
    ),
    host,
  );
  return () => render(null, host);
}
