import { ANNOTATION_CONTEXT, DRAFT, type Annotation, type AnnotationCollection } from './annotation.js';

/**
 * The annotation as W3C JSON-LD: a copy with `@context` set to the Web Annotation context (an existing context
 * is kept). Unknown properties are written back as they came.
 */
export function toJSONLD(annotation: Annotation): Annotation {
  const copy = structuredClone(annotation);
  return { '@context': copy['@context'] ?? ANNOTATION_CONTEXT, ...copy };
}

/** Annotations as one W3C `AnnotationCollection` whose single page holds them all. */
export function toCollection(annotations: readonly Annotation[], options: { id?: string; label?: string } = {}): AnnotationCollection {
  const items = annotations.map((annotation) => {
    // A draft is the reader's unsent text, kept for them only: it is not part of what they share.
    const { '@context': _context, [DRAFT]: _draft, ...rest } = structuredClone(annotation);
    return rest as Annotation;
  });
  return {
    '@context': ANNOTATION_CONTEXT,
    ...(options.id ? { id: options.id } : {}),
    type: 'AnnotationCollection',
    ...(options.label ? { label: options.label } : {}),
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}
