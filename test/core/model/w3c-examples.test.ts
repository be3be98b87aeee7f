import { expect } from '@open-wc/testing';
import {
  anchoringSelectorsOf,
  hasTextSelector,
  parseAnnotation,
  parseCollection,
  quoteOf,
  sourcesOf,
  textOf,
  toJSONLD,
  withComment,
} from '../../../src/core/index.js';
import { W3C_ANNOTATIONS, W3C_EXAMPLES } from '../../data/w3c-annotation-examples.js';

/* Every example of the W3C Web Annotation Data Model is accepted and written back exactly as it came. */

const example = (n: number) => W3C_EXAMPLES.find((e) => e.example === n)!.json;

describe('the W3C Web Annotation examples', () => {
  for (const { example: n, title, json } of W3C_ANNOTATIONS) {
    it(`accepts example ${n} (${title}) and writes it back unchanged`, () => {
      const copy = structuredClone(json);
      const parsed = parseAnnotation(copy);
      expect(JSON.parse(JSON.stringify(toJSONLD(parsed)))).to.deep.equal(json);
    });
  }

  it('reads the annotations of a page (example 39) and of a collection with its page inline (example 40)', () => {
    for (const n of [39, 40]) {
      const { annotations, rejected } = parseCollection(example(n));
      expect(rejected, `example ${n}`).to.deep.equal([]);
      expect(annotations.map((a) => a.id)).to.deep.equal(['http://example.org/anno1', 'http://example.org/anno2']);
    }
  });

  it('says clearly that a collection whose pages are only links (example 38) has to be fetched first', () => {
    expect(() => parseCollection(example(38))).to.throw(
      TypeError,
      'collection.first: the first page is a link (http://example.org/page1), not included; fetch the page and import it',
    );
  });

  it('reads the comment the way the recommendation defines it: bodyValue, a Choice’s first option, not a tag', () => {
    expect(textOf(parseAnnotation(example(6))), 'String Body').to.equal('Comment text');
    expect(textOf(parseAnnotation(example(7))), 'its equivalent Textual Body').to.equal('Comment text');
    expect(textOf(parseAnnotation(example(15)))).to.equal('A good description of the topic that bears further investigation');
    expect(textOf(parseAnnotation(example(41))), 'the default of a Choice, after a tag').to.equal(
      'I really love this particular bit of text in this XML. No really.',
    );
    expect(textOf(parseAnnotation(example(5))), 'HTML stays text').to.equal("<p>j'adore !</p>");
  });

  it('edits a String Body into a Textual Body, and the chosen option of a Choice in place, keeping the rest', () => {
    const six = withComment(parseAnnotation(structuredClone(example(6))), 'Rewritten');
    expect(six.bodyValue, 'bodyValue and body never together').to.equal(undefined);
    expect(textOf(six)).to.equal('Rewritten');
    const complete = withComment(parseAnnotation(structuredClone(example(41))), 'Rewritten');
    expect(textOf(complete)).to.equal('Rewritten');
    const choice = (complete.body as { type: string; items: unknown[] }[])[1];
    expect(choice.type).to.equal('Choice');
    expect(choice.items[1], 'the other option survives').to.deep.equal((example(41).body as { items: unknown[] }[])[1].items[1]);
    expect((complete.body as unknown[])[0], 'the tag survives').to.deep.equal({ type: 'TextualBody', purpose: 'tagging', value: 'love' });
    expect(() => parseAnnotation(complete)).not.to.throw();
  });

  it('anchors by a quote that refines a selector, never by positions counted inside a fragment it cannot resolve', () => {
    const refined = parseAnnotation(example(29));
    expect(quoteOf(refined)).to.equal('Selected Text');
    expect(anchoringSelectorsOf(refined)).to.deep.equal([
      { type: 'TextQuoteSelector', exact: 'Selected Text', prefix: 'text before the ', suffix: ' and text after it' },
    ]);
    const complete = parseAnnotation(example(41));
    expect(hasTextSelector(complete), 'it is about a passage').to.equal(true);
    expect(anchoringSelectorsOf(complete), 'positions inside an XPointer are not positions in the page').to.deep.equal([]);
    expect(hasTextSelector(parseAnnotation(example(21))), 'a CSS selector alone').to.equal(false);
    expect(anchoringSelectorsOf(parseAnnotation(example(19))), 'a selector given by IRI').to.deep.equal([]);
  });

  it('knows the documents of every kind of target: IRI, resource with an id, SpecificResource, and the three sets', () => {
    expect(sourcesOf(parseAnnotation(example(1)))).to.deep.equal(['http://example.com/page1']);
    expect(sourcesOf(parseAnnotation(example(3)))).to.deep.equal(['http://example.org/website1']);
    expect(sourcesOf(parseAnnotation(example(9)))).to.deep.equal(['http://example.org/image1', 'http://example.org/image2']);
    expect(sourcesOf(parseAnnotation(example(23)))).to.deep.equal(['http://example.org/page1']);
    expect(sourcesOf(parseAnnotation(example(42)))).to.deep.equal(['http://example.com/page1', 'http://example.org/page6', 'http://example.net/page4']);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['bodyValue with body', { ...example(6), body: 'http://example.org/b' }, 'bodyValue: must not be given together with body'],
    ['bodyValue not text', { ...example(6), bodyValue: 5 }, 'bodyValue: expected string, got number'],
    [
      'a target object with neither id nor source',
      { ...example(1), target: { type: 'Text' } },
      'target: expected an IRI, a resource with an id, or a SpecificResource with a source',
    ],
    ['a set without items', { ...example(42), target: { type: 'Composite' } }, 'target.items: expected array, got undefined'],
    ['a bad item in a set', { ...example(42), target: { type: 'List', items: [5] } }, 'target.items[0]: expected'],
    ['a Choice without items', { ...example(10), body: { type: 'Choice' } }, 'body.items: expected array, got undefined'],
    [
      'a bad refining selector',
      { ...example(29), target: { source: 's', selector: { type: 'FragmentSelector', value: 'x', refinedBy: { type: 'TextQuoteSelector', exact: 1 } } } },
      'target.selector.refinedBy.exact: expected string, got number',
    ],
  ];
  for (const [name, json, message] of bad) {
    it(`rejects ${name} with a TypeError naming the field`, () => {
      expect(() => parseAnnotation(json)).to.throw(TypeError, message);
    });
  }

  it('refuses a refinement chain nested beyond reason with a TypeError, not a stack overflow', () => {
    let selector: Record<string, unknown> = { type: 'TextQuoteSelector', exact: 'x' };
    for (let i = 0; i < 100_000; i++) selector = { type: 'FragmentSelector', value: 'p', refinedBy: selector };
    expect(() => parseAnnotation({ id: 'urn:x', type: 'Annotation', target: { source: 's', selector } })).to.throw(TypeError, 'nested more than');
  });
});
