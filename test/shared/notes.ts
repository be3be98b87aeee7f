import type { Annotation } from '../../src/core/index.js';

/* The shared tests' annotation: a comment on a passage of the demo essay, by whoever's store saves it. */

export const note = (id: string, value: string, exact = 'limbic revision', source = 'essay'): Annotation => ({
  id,
  type: 'Annotation',
  motivation: 'commenting',
  body: [{ type: 'TextualBody', value, purpose: 'commenting' }],
  target: { source, selector: [{ type: 'TextQuoteSelector', exact }] },
});

/** The comment of a {@link note}. */
export const valueOf = (a: Annotation) => (a.body as { value: string }[])[0].value;
