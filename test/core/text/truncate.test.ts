import { expect } from '@open-wc/testing';
import { truncate } from '../../../src/core/text/truncate.js';

/* Labels and previews cut a reader's text: the cut must never split a character a reader sees as one. */
describe('truncate', () => {
  it('never leaves half of a surrogate pair', () => {
    const text = 'Reading 𝔗𝔥𝔢 𝔅𝔬𝔬𝔨 of Kells';
    for (let max = 2; max < text.length; max++) {
      const cut = truncate(text, max);
      expect(cut.length, `at ${max}`).to.be.at.most(max);
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(cut), `no lone surrogate at ${max}: ${cut}`).to.equal(false);
    }
  });

  it('keeps a family emoji, a flag and an accent whole or leaves them out', () => {
    const text = 'For my 👩‍👩‍👧 in 🇫🇷, café e\u0301té.';
    const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
    for (let max = 2; max < text.length; max++) {
      const cut = truncate(text, max).replace(/…$/, '');
      let joined = '';
      let whole = false;
      for (const g of graphemes) {
        if (joined === cut) whole = true;
        joined += g;
      }
      expect(whole || joined === cut, `"${cut}" ends on a grapheme boundary (max ${max})`).to.equal(true);
    }
  });

  it('folds white space and leaves short text alone', () => {
    expect(truncate('  a\n  b  ', 10)).to.equal('a b');
    expect(truncate('abcdef', 4)).to.equal('abc…');
  });
});
