import { expect } from '@open-wc/testing';
import { locateTextFragment, parseTextFragment, TextIndex, toTextFragment } from '../../../src/core/index.js';

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
