import type { Selector } from '../anchoring/selectors.js';

/** The JSON-LD context of the W3C Web Annotation Data Model. */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** Why an annotation was made (W3C motivations; others are kept as given). */
export type Motivation =
  | 'highlighting'
  | 'commenting'
  | 'replying'
  | 'bookmarking'
  | 'tagging'
  | 'describing'
  | 'editing'
  | 'questioning'
  | 'linking'
  | 'classifying'
  | 'identifying'
  | 'moderating'
  | 'assessing'
  | (string & {});

/** A body whose content is text held in the annotation itself. */
export interface TextualBody {
  type: 'TextualBody';
  value: string;
  /** A media type: `text/plain` (default) or `text/markdown`. Never rendered as HTML by this library. */
  format?: string;
  purpose?: Motivation;
  language?: string;
  [key: string]: unknown;
}

/** Any other body: an IRI, or an object of a type this library keeps but does not interpret. */
export type Body = TextualBody | string | { type?: string; id?: string; [key: string]: unknown };

/** What an annotation is about: a document (`source`) and where in it (`selector`). */
export interface SpecificTarget {
  source: string;
  selector?: Selector | Selector[];
  [key: string]: unknown;
}

export type Target = SpecificTarget | string;

/** Who made an annotation. */
export type Agent = string | { id?: string; type?: string; name?: string; nickname?: string; [key: string]: unknown };

/**
 * A W3C Web Annotation (https://www.w3.org/TR/annotation-model/). Properties this library does not know are
 * kept, and written back unchanged.
 */
/**
 * The property under which a reader's unsaved comment is kept with its annotation (in the store, so that it
 * survives a reload). It is not part of the W3C model: exports leave it out.
 */
export const DRAFT = 'essayReaderDraft';

export interface Annotation {
  '@context'?: string | unknown[];
  id: string;
  type: 'Annotation' | string[];
  motivation?: Motivation | Motivation[];
  body?: Body | Body[];
  target: Target | Target[];
  created?: string;
  modified?: string;
  creator?: Agent | Agent[];
  [key: string]: unknown;
}

/** A page of annotations, as exported: the W3C AnnotationCollection with its one page inline. */
export interface AnnotationCollection {
  '@context': string | unknown[];
  id?: string;
  type: 'AnnotationCollection';
  label?: string;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: number; items: Annotation[] };
  [key: string]: unknown;
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The annotation's bodies as a list. */
export function bodiesOf(annotation: Annotation): Body[] {
  return asArray(annotation.body);
}

/** The annotation's targets as a list. */
export function targetsOf(annotation: Annotation): Target[] {
  return asArray(annotation.target);
}

/** The selectors of the first target that has any. */
export function selectorsOf(annotation: Annotation): Selector[] {
  for (const target of targetsOf(annotation)) {
    if (typeof target !== 'string' && target.selector) return asArray(target.selector);
  }
  return [];
}

/** The comment: the first textual body that is not a tag, or '' (a highlight has none). */
export function textOf(annotation: Annotation): string {
  // A tagging body (a colour, a tag) is not what the reader wrote: the comment is the first other textual body.
  const body = bodiesOf(annotation).find((b): b is TextualBody => typeof b === 'object' && b !== null && b.type === 'TextualBody' && b.purpose !== 'tagging');
  return body?.value ?? '';
}
