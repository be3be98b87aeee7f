import { expect } from '@open-wc/testing';
import { ANNOTATION_CONTEXT, parseAnnotation, parseCollection, selectorsOf, textOf, toCollection, toJSONLD } from '../../../src/core/index.js';

const valid = () => ({
  id: 'urn:uuid:1',
  type: 'Annotation',
  motivation: 'commenting',
  body: { type: 'TextualBody', value: 'Note', format: 'text/plain', purpose: 'commenting' },
  target: {
    source: 'https://example.org/essay',
    selector: [
      { type: 'TextQuoteSelector', exact: 'limbic revision', prefix: 'call “', suffix: ',”' },
      { type: 'TextPositionSelector', start: 10, end: 25 },
    ],
  },
  created: '2026-11-25T10:00:00Z',
  creator: { type: 'Person', name: 'A reader' },
});

describe('parseAnnotation', () => {
  it('accepts a valid annotation and reads its parts', () => {
    const a = parseAnnotation(valid());
    expect(textOf(a)).to.equal('Note');
    expect(selectorsOf(a).map((s) => s.type)).to.deep.equal(['TextQuoteSelector', 'TextPositionSelector']);
  });

  const bad: [string, (json: ReturnType<typeof valid>) => unknown, string][] = [
    ['not an object', () => 'x', 'annotation: expected object, got string'],
    ['missing id', (j) => ({ ...j, id: undefined }), 'id: expected string, got undefined'],
    ['empty id', (j) => ({ ...j, id: '' }), 'id: expected a non-empty string'],
    ['wrong type', (j) => ({ ...j, type: 'Note' }), 'type: expected "Annotation", got "Note"'],
    ['bad @context', (j) => ({ ...j, '@context': 5 }), '@context: expected string or array, got number'],
    ['bad motivation', (j) => ({ ...j, motivation: [1] }), 'motivation[0]: expected string, got number'],
    ['body value not text', (j) => ({ ...j, body: { type: 'TextualBody', value: 3 } }), 'body.value: expected string, got number'],
    ['body format', (j) => ({ ...j, body: [{ type: 'TextualBody', value: 'x', format: {} }] }), 'body[0].format: expected string, got object'],
    ['missing target', (j) => ({ ...j, target: undefined }), 'target: expected object, got undefined'],
    [
      'no target key',
      (j) => {
        const { target: _t, ...rest } = j;
        return rest;
      },
      'target: required',
    ],
    ['target source', (j) => ({ ...j, target: { selector: [] } }), 'target.source: expected string, got undefined'],
    [
      'selector exact',
      (j) => ({ ...j, target: { source: 's', selector: [{ type: 'TextQuoteSelector', exact: 42 }] } }),
      'target.selector[0].exact: expected string, got number',
    ],
    [
      'selector prefix',
      (j) => ({ ...j, target: { source: 's', selector: { type: 'TextQuoteSelector', exact: 'x', prefix: null } } }),
      'target.selector.prefix: expected string, got null',
    ],
    ['selector type', (j) => ({ ...j, target: { source: 's', selector: [{}] } }), 'target.selector[0].type: expected string, got undefined'],
    [
      'position start',
      (j) => ({ ...j, target: { source: 's', selector: [{ type: 'TextPositionSelector', start: '1', end: 2 }] } }),
      'target.selector[0].start: expected number, got string',
    ],
    [
      'negative position',
      (j) => ({ ...j, target: { source: 's', selector: [{ type: 'TextPositionSelector', start: -1, end: 2 }] } }),
      'target.selector[0].start: expected a non-negative integer, got -1',
    ],
    [
      'end before start',
      (j) => ({ ...j, target: { source: 's', selector: [{ type: 'TextPositionSelector', start: 5, end: 2 }] } }),
      'target.selector[0].end: 2 is before start 5',
    ],
    ['bad date', (j) => ({ ...j, created: 'yesterday' }), 'created: expected an ISO 8601 date-time, got "yesterday"'],
    ['bad creator', (j) => ({ ...j, creator: { name: 7 } }), 'creator.name: expected string, got number'],
  ];
  for (const [name, mutate, message] of bad) {
    it(`rejects ${name} with a TypeError naming the field`, () => {
      expect(() => parseAnnotation(mutate(valid()))).to.throw(TypeError, message);
    });
  }

  it('keeps properties it does not know, through a JSON-LD round trip', () => {
    const json = {
      ...valid(),
      'x:rating': 5,
      target: { ...valid().target, 'x:page': 3, selector: [...valid().target.selector, { type: 'CssSelector', value: '#s1' }] },
    };
    const out = JSON.parse(JSON.stringify(toJSONLD(parseAnnotation(json))));
    expect(out['@context']).to.equal(ANNOTATION_CONTEXT);
    const { '@context': _c, ...rest } = out;
    expect(rest).to.deep.equal(json);
  });
});

describe('collections', () => {
  it('exports an AnnotationCollection and imports it back, reporting bad items without losing good ones', () => {
    const good = [parseAnnotation(valid()), parseAnnotation({ ...valid(), id: 'urn:uuid:2' })];
    const collection = JSON.parse(JSON.stringify(toCollection(good, { label: 'My notes' })));
    expect(collection).to.include({ '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', total: 2, label: 'My notes' });
    collection.first.items.splice(1, 0, { id: 'broken', type: 'Annotation' });
    const { annotations, rejected } = parseCollection(collection);
    expect(annotations.map((a) => a.id)).to.deep.equal(['urn:uuid:1', 'urn:uuid:2']);
    expect(rejected).to.deep.equal([{ index: 1, reason: 'items[1].target: required' }]);
  });

  it('rejects what is not a collection with a TypeError', () => {
    expect(() => parseCollection({ type: 'Nope' })).to.throw(TypeError, 'collection.type: expected "AnnotationCollection", got "Nope"');
    expect(() => parseCollection(null)).to.throw(TypeError, 'collection: expected object, got null');
  });
});
