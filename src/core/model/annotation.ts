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

/**
 * What an annotation is about: a document (`source`, its IRI or the resource described with its `id`) and where
 * in it (`selector`; a selector may also be given by its own IRI).
 */
export interface SpecificTarget {
  source: string | { id: string; [key: string]: unknown };
  selector?: Selector | string | (Selector | string)[];
  [key: string]: unknown;
}

/** A whole resource named by its `id` (an External Web Resource), with what is known about it. */
export interface ResourceTarget {
  id: string;
  type?: string;
  [key: string]: unknown;
}

/** A set of targets, from the recommendation's appendix: all together (`Composite`, `List`) or each alone (`Independents`). */
export interface TargetSet {
  type: 'Composite' | 'List' | 'Independents';
  items: Target[];
  [key: string]: unknown;
}

export type Target = string | SpecificTarget | ResourceTarget | TargetSet;

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
  /** A plain-text body given as a string (the recommendation's String Body); never together with `body`. */
  bodyValue?: string;
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

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The W3C sets of resources: `Choice` (of bodies) and the `Composite`, `List` and `Independents` of its appendix. */
export const SET_TYPES: readonly string[] = ['Choice', 'Composite', 'List', 'Independents'];
const isSet = (value: unknown): value is { type: string; items: unknown[] } =>
  isObject(value) && SET_TYPES.includes(value.type as string) && Array.isArray(value.items);

/** The targets, with the sets among them (`Composite`, `List`, `Independents`) opened into their items. */
export function resourcesOf(annotation: Annotation): Exclude<Target, TargetSet>[] {
  const open = (target: Target): Exclude<Target, TargetSet>[] =>
    isSet(target) ? (target.items as Target[]).flatMap(open) : [target as Exclude<Target, TargetSet>];
  return targetsOf(annotation).flatMap(open);
}

/** The documents an annotation is about: each target's IRI, `id`, or `source` (or the source's `id`). */
export function sourcesOf(annotation: Annotation): string[] {
  return resourcesOf(annotation).flatMap((target) => {
    if (typeof target === 'string') return [target];
    const source = 'source' in target ? (isObject(target.source) ? target.source.id : target.source) : target.id;
    return typeof source === 'string' ? [source] : [];
  });
}

/** The selectors (objects; those given by IRI are left out) of the first target that has any. */
export function selectorsOf(annotation: Annotation): Selector[] {
  for (const target of resourcesOf(annotation)) {
    if (typeof target === 'string' || !('selector' in target) || !target.selector) continue;
    const selectors = asArray(target.selector as Selector | string | (Selector | string)[]).filter(
      (s): s is Selector => isObject(s) && typeof s.type === 'string',
    );
    if (selectors.length) return selectors;
  }
  return [];
}

const isText = (s: Selector) => s.type === 'TextQuoteSelector' || s.type === 'TextPositionSelector';

/** The selector and every selector that refines it (`refinedBy`, at any depth). */
function withRefinements(selector: Selector, depth = 0): Selector[] {
  if (depth > 32) return [];
  const refined = asArray((selector as { refinedBy?: unknown }).refinedBy as Selector | Selector[] | undefined).filter(
    (s): s is Selector => isObject(s) && typeof s.type === 'string',
  );
  return [selector, ...refined.flatMap((s) => withRefinements(s, depth + 1))];
}

/**
 * What the engine anchors by: the quote and position selectors of the target, and a quote that refines another
 * selector (a quote is the same text wherever it is counted from). A position that refines another selector
 * counts from inside what that selector picks (an element, an XPointer) and is not used: it would land on the
 * wrong passage.
 */
export function anchoringSelectorsOf(annotation: Annotation): Selector[] {
  const selectors = selectorsOf(annotation);
  const refinedQuotes = selectors.flatMap((s) => withRefinements(s).slice(1)).filter((s) => s.type === 'TextQuoteSelector');
  return [...selectors.filter(isText), ...refinedQuotes];
}

/** Whether the annotation is about a passage of text (a quote or position, refining or not), not the whole page. */
export function hasTextSelector(annotation: Annotation): boolean {
  return selectorsOf(annotation).some((s) => withRefinements(s).some(isText));
}

/** Where the comment is: a body, an option of a Choice body, or the String Body (`bodyValue`). */
export type CommentPlace = { body: number; item?: number } | { bodyValue: true } | null;

const isComment = (b: unknown): b is TextualBody => isObject(b) && b.type === 'TextualBody' && typeof b.value === 'string' && b.purpose !== 'tagging';

/**
 * Where the comment is: the first textual body that is not a tag, or within the first Choice whose first textual
 * option is one (a Choice is shown by its preferred option, listed first), or else the String Body.
 */
export function commentPlace(annotation: Annotation): CommentPlace {
  const bodies = bodiesOf(annotation);
  for (let i = 0; i < bodies.length; i++) {
    const b = bodies[i];
    if (isComment(b)) return { body: i };
    if (isObject(b) && b.type === 'Choice' && Array.isArray(b.items)) {
      const item = b.items.findIndex(isComment);
      if (item !== -1) return { body: i, item };
    }
  }
  return typeof annotation.bodyValue === 'string' ? { bodyValue: true } : null;
}

/** The comment: the first textual body that is not a tag (see {@link commentPlace}), or '' (a highlight has none). */
export function textOf(annotation: Annotation): string {
  // A tagging body (a colour, a tag) is not what the reader wrote.
  const place = commentPlace(annotation);
  if (place === null) return '';
  if ('bodyValue' in place) return annotation.bodyValue ?? '';
  const body = bodiesOf(annotation)[place.body] as TextualBody | { items: TextualBody[] };
  return place.item === undefined ? (body as TextualBody).value : (body as { items: TextualBody[] }).items[place.item].value;
}
