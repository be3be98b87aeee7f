import { expect } from '@open-wc/testing';
import { locateTextFragment, parseTextFragment, TextIndex, textFragmentFor, toTextFragment } from '../../../src/core/index.js';

describe('text fragments', () => {
  it('encodes a quote with context per the spec (dashes, commas and ampersands escaped)', () => {
    const fragment = toTextFragment({ type: 'TextQuoteSelector', exact: 'well-imagined, sure & true', prefix: 'a pretty ', suffix: ' concept. There' });
    expect(fragment).to.equal(':~:text=a%20pretty-,well%2Dimagined%2C%20sure%20%26%20true,-concept.%20There');
    expect(parseTextFragment(`#${fragment}`)).to.deep.equal({ prefix: 'a pretty', textStart: 'well-imagined, sure & true', suffix: 'concept. There' });
  });

  it('links a long quote by its first and last words', () => {
    const exact = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen';
    const fragment = toTextFragment({ type: 'TextQuoteSelector', exact });
    expect(parseTextFragment(fragment)).to.deep.equal({ textStart: 'one two three four five', textEnd: 'thirteen fourteen fifteen sixteen seventeen' });
  });

  it('finds the passage a fragment names, using context to choose among repeats', () => {
    const root = document.createElement('div');
    root.innerHTML = '<p>the words here. And the words there.</p>';
    const index = TextIndex.build(root);
    const second = locateTextFragment({ prefix: 'And', textStart: 'the words' }, index)!;
    expect(second.start).to.equal(index.text.indexOf('the words there'));
    const span = locateTextFragment({ textStart: 'words here', textEnd: 'words there' }, index)!;
    expect(index.text.slice(span.start, span.end)).to.equal('words here. And the words there');
    expect(parseTextFragment('#no-directive')).to.equal(null);
    expect(locateTextFragment({ textStart: 'absent' }, index)).to.equal(null);
  });
});

describe('textFragmentFor', () => {
  const DICKENS =
    'It was the best of times, it was the worst of times, we had everything before us, we had nothing before us, ' +
    'we were all going direct to Heaven. Won’t you come? And I’m sure ’t were a sin.';
  let root: HTMLElement;
  beforeEach(() => {
    root = document.createElement('div');
    root.innerHTML = `<p>${DICKENS}</p><p>The second paragraph says before us once more.</p>`;
    document.body.append(root);
  });
  afterEach(() => root.remove());

  const fragmentOf = (index: TextIndex, start: number, end: number) => parseTextFragment(textFragmentFor(index, start, end)!)!;

  it('links a unique passage by its words alone, and a repeated one with just enough context to resolve to it', () => {
    const index = TextIndex.build(root);
    const unique = index.text.indexOf('direct to Heaven');
    expect(textFragmentFor(index, unique, unique + 16)).to.equal(':~:text=direct%20to%20Heaven');
    const second = index.text.indexOf('nothing before us') + 'nothing '.length;
    const fragment = fragmentOf(index, second, second + 'before us'.length);
    expect(fragment.prefix ?? fragment.suffix).to.not.equal(undefined);
    const found = locateTextFragment(fragment, index)!;
    expect([found.start, found.end]).to.deep.equal([second, second + 'before us'.length]);
  });

  it('resolves every passage it links back to that passage, across paragraphs too', () => {
    const index = TextIndex.build(root);
    const phrases = ['the best of times', 'we had', 'before us', 'sin. The second paragraph', 'were a sin', 'once more'];
    for (const phrase of phrases) {
      for (let at = index.text.indexOf(phrase); at !== -1; at = index.text.indexOf(phrase, at + 1)) {
        const found = locateTextFragment(fragmentOf(index, at, at + phrase.length), index)!;
        expect([found.start, found.end], phrase).to.deep.equal([at, at + phrase.length]);
      }
    }
  });
});
