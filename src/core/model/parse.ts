import { describeValue } from '../text/text-index.js';
import { SET_TYPES, type Annotation, type AnnotationCollection } from './annotation.js';

type Json = Record<string, unknown>;

/**
 * Validates `json` as a W3C Web Annotation and returns it. Unknown properties are kept as they are, so writing
 * the result back loses nothing.
 *
 * @throws TypeError whose message names the path of the first bad field, e.g.
 * `target.selector[0].exact: expected string, got number`.
 * @example
 * const annotation = parseAnnotation(JSON.parse(text));
 */
export function parseAnnotation(json: unknown, path = 'annotation'): Annotation {
  const a = object(json, path);
  const at = (key: string) => (path === 'annotation' ? key : `${path}.${key}`);
  if ('@context' in a && typeof a['@context'] !== 'string' && !Array.isArray(a['@context'])) fail(at('@context'), 'string or array', a['@context']);
  string(a.id, at('id'));
  if ((a.id as string).length === 0) throw new TypeError(`${at('id')}: expected a non-empty string`);
  if (Array.isArray(a.type) ? !a.type.includes('Annotation') : a.type !== 'Annotation') {
    throw new TypeError(`${at('type')}: expected "Annotation", got ${JSON.stringify(a.type) ?? 'undefined'}`);
  }
  if ('motivation' in a) oneOrMany(a.motivation, at('motivation'), string);
  if ('body' in a) oneOrMany(a.body, at('body'), (item, p) => body(item, p, 0));
  if ('bodyValue' in a) {
    string(a.bodyValue, at('bodyValue'));
    // The recommendation: "If the bodyValue property is present, then the body relationship MUST NOT also be present."
    if ('body' in a) throw new TypeError(`${at('bodyValue')}: must not be given together with body`);
  }
  if (!('target' in a)) throw new TypeError(`${at('target')}: required`);
  oneOrMany(a.target, at('target'), (item, p) => target(item, p, 0));
  for (const key of ['created', 'modified'] as const) if (key in a) dateTime(a[key], at(key));
  if ('creator' in a) oneOrMany(a.creator, at('creator'), agent);
  return a as Annotation;
}

/**
 * Reads an exported collection (or a bare array of annotations). Each item is parsed on its own: a bad item is
 * reported in `rejected` with its index and the reason, and never costs the valid ones.
 * @throws TypeError when `json` is neither a collection, a page, nor an array.
 */
export function parseCollection(json: unknown): { annotations: Annotation[]; indices: number[]; rejected: { index: number; reason: string }[] } {
  let items: unknown;
  if (Array.isArray(json)) items = json;
  else {
    const c = object(json, 'collection');
    if (c.type === 'AnnotationCollection') {
      // The recommendation lets a collection name its pages by IRI only; this library reads files, it does not fetch.
      if (typeof c.first === 'string')
        throw new TypeError(`collection.first: the first page is a link (${c.first}), not included; fetch the page and import it`);
      items = object(c.first, 'collection.first').items;
    } else if (c.type === 'AnnotationPage') items = c.items;
    else if (c.type === 'Annotation') items = [c];
    else throw new TypeError(`collection.type: expected "AnnotationCollection", got ${JSON.stringify(c.type) ?? 'undefined'}`);
    if (!Array.isArray(items)) throw new TypeError(`collection.first.items: expected array, got ${describeValue(items)}`);
  }
  const annotations: Annotation[] = [];
  /** Where each of `annotations` was in the file. */
  const indices: number[] = [];
  const rejected: { index: number; reason: string }[] = [];
  (items as unknown[]).forEach((item, index) => {
    try {
      annotations.push(parseAnnotation(item, `items[${index}]`));
      indices.push(index);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      rejected.push({ index, reason: error.message });
    }
  });
  return { annotations, indices, rejected };
}

function fail(path: string, expected: string, value: unknown): never {
  throw new TypeError(`${path}: expected ${expected}, got ${describeValue(value)}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'object', value);
  return value as Json;
}

function string(value: unknown, path: string): void {
  if (typeof value !== 'string') fail(path, 'string', value);
}

function optionalString(o: Json, key: string, path: string) {
  if (key in o && o[key] !== undefined) string(o[key], `${path}.${key}`);
}

function oneOrMany(value: unknown, path: string, check: (item: unknown, path: string) => void) {
  if (Array.isArray(value)) value.forEach((item, i) => check(item, `${path}[${i}]`));
  else check(value, path);
}

function dateTime(value: unknown, path: string) {
  string(value, path);
  if (Number.isNaN(Date.parse(value as string))) throw new TypeError(`${path}: expected an ISO 8601 date-time, got "${value}"`);
}

function agent(value: unknown, path: string) {
  if (typeof value === 'string') return;
  const o = object(value, path);
  optionalString(o, 'id', path);
  optionalString(o, 'name', path);
  optionalString(o, 'nickname', path);
}

/**
 * How deep bodies, targets and selectors may nest (sets in sets, selectors refined by selectors). The
 * recommendation's own examples go three deep; this bounds the work a hostile file can ask for.
 */
const MAX_NESTING = 32;

function nested(depth: number, path: string) {
  if (depth > MAX_NESTING) throw new TypeError(`${path}: nested more than ${MAX_NESTING} levels deep`);
}

/** Whether `o` is one of the W3C sets (see SET_TYPES); its items are checked as it is parsed. */
function isSet(o: Json): boolean {
  return typeof o.type === 'string' && SET_TYPES.includes(o.type);
}

function items(o: Json, path: string, check: (item: unknown, path: string) => void) {
  if (!Array.isArray(o.items)) fail(`${path}.items`, 'array', o.items);
  (o.items as unknown[]).forEach((item, i) => check(item, `${path}.items[${i}]`));
}

function body(value: unknown, path: string, depth: number) {
  nested(depth, path);
  if (typeof value === 'string') return; // an IRI
  const o = object(value, path);
  if (isSet(o)) return items(o, path, (item, p) => body(item, p, depth + 1));
  if (o.type === 'TextualBody' || 'value' in o) {
    string(o.value, `${path}.value`);
    optionalString(o, 'format', path);
    optionalString(o, 'purpose', path);
    optionalString(o, 'language', path);
  }
  if ('selector' in o) oneOrMany(o.selector, `${path}.selector`, (s, p) => selector(s, p, depth + 1));
}

function target(value: unknown, path: string, depth: number) {
  nested(depth, path);
  if (typeof value === 'string') return; // the whole resource, by IRI
  const o = object(value, path);
  if (isSet(o)) return items(o, path, (item, p) => target(item, p, depth + 1));
  if ('source' in o) {
    // A SpecificResource: its source is an IRI, or the resource described with its id.
    if (typeof o.source !== 'string') string(object(o.source, `${path}.source`).id, `${path}.source.id`);
    if ('selector' in o) oneOrMany(o.selector, `${path}.selector`, (s, p) => selector(s, p, depth + 1));
  } else if ('selector' in o) {
    fail(`${path}.source`, 'string', undefined);
  } else if (typeof o.id !== 'string') {
    // An External Web Resource is named by its id.
    throw new TypeError(`${path}: expected an IRI, a resource with an id, or a SpecificResource with a source`);
  }
}

function selector(value: unknown, path: string, depth: number) {
  nested(depth, path);
  if (typeof value === 'string') return; // a selector published at its own IRI
  const o = object(value, path);
  string(o.type, `${path}.type`);
  if (o.type === 'TextQuoteSelector') {
    string(o.exact, `${path}.exact`);
    optionalString(o, 'prefix', path);
    optionalString(o, 'suffix', path);
  } else if (o.type === 'TextPositionSelector') {
    for (const key of ['start', 'end']) {
      const n = o[key];
      if (typeof n !== 'number') fail(`${path}.${key}`, 'number', n);
      if (!Number.isInteger(n) || n < 0) throw new TypeError(`${path}.${key}: expected a non-negative integer, got ${n}`);
    }
    if ((o.end as number) < (o.start as number)) throw new TypeError(`${path}.end: ${o.end} is before start ${o.start}`);
  } else if (o.type === 'RangeSelector') {
    for (const key of ['startSelector', 'endSelector']) if (key in o) selector(o[key], `${path}.${key}`, depth + 1);
  }
  if ('refinedBy' in o) oneOrMany(o.refinedBy, `${path}.refinedBy`, (s, p) => selector(s, p, depth + 1));
}

/** Narrowing helper for callers holding an unknown collection. */
export function isAnnotationCollection(value: unknown): value is AnnotationCollection {
  return typeof value === 'object' && value !== null && (value as Json).type === 'AnnotationCollection';
}
