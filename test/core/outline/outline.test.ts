import { expect } from '@open-wc/testing';
import { buildOutline, countWords, readingMinutes, slugify } from '../../../src/core/outline/outline.js';

describe('buildOutline', () => {
  it('numbers sections and nests subsections under them', () => {
    const entries = buildOutline([
      { level: 2, text: 'One' },
      { level: 3, text: 'One a' },
      { level: 3, text: 'One b' },
      { level: 2, text: 'Two' },
      { level: 3, text: 'Two a' },
    ]);
    expect(entries.map((e) => e.number)).to.deep.equal(['1', '1.1', '1.2', '2', '2.1']);
  });

  it('skips unnumbered headings without advancing the count', () => {
    const entries = buildOutline([
      { level: 2, text: 'Intro', unnumbered: true },
      { level: 2, text: 'First' },
      { level: 2, text: 'Aside', unnumbered: true },
      { level: 2, text: 'Second' },
    ]);
    expect(entries.map((e) => e.number)).to.deep.equal([null, '1', null, '2']);
  });

  it('starts from the given number and can number nothing', () => {
    const headings = [
      { level: 2 as const, text: 'A' },
      { level: 2 as const, text: 'B' },
    ];
    expect(buildOutline(headings, { start: 5 }).map((e) => e.number)).to.deep.equal(['5', '6']);
    expect(buildOutline(headings, { numbering: 'none' }).map((e) => e.number)).to.deep.equal([null, null]);
  });

  it('keeps author ids and makes generated ids unique in the document', () => {
    const entries = buildOutline(
      [
        { level: 2, text: 'Notes' },
        { level: 2, text: 'Notes' },
        { level: 2, text: 'Whatever', id: 'mine' },
        { level: 2, text: 'Taken' },
      ],
      { takenIds: ['taken'] },
    );
    expect(entries.map((e) => e.id)).to.deep.equal(['notes', 'notes-2', 'mine', 'taken-2']);
  });

  it('rejects a start that is not an integer', () => {
    expect(() => buildOutline([], { start: 1.5 })).to.throw(TypeError, 'start: expected an integer');
  });
});

describe('slugify', () => {
  it('makes readable ids from any script', () => {
    expect(slugify('What the hell happened at the end?')).to.equal('what-the-hell-happened-at-the-end');
    expect(slugify('First, let’s talk about Her itself')).to.equal('first-lets-talk-about-her-itself');
    expect(slugify('Café crème')).to.equal('cafe-creme');
    expect(slugify('東京の夜')).to.equal('東京の夜');
    expect(slugify('?!')).to.equal('');
  });
});

describe('reading time', () => {
  it('counts words and rounds minutes at 230 words a minute', () => {
    expect(countWords('It’s a book I deeply love — 641 others.')).to.equal(8);
    expect(readingMinutes(0)).to.equal(0);
    expect(readingMinutes(10)).to.equal(1);
    expect(readingMinutes(2300)).to.equal(10);
    expect(readingMinutes(2300, 460)).to.equal(5);
  });
});

describe('reading time in languages written without spaces', () => {
  // Article 1 of the Universal Declaration of Human Rights, in the United Nations' own translations.
  const zh = '人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。';
  const ja =
    'すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。人間は、理性と良心とを授けられており、互いに同胞の精神をもって行動しなければならない。';
  const en = 'All human beings are born free and equal in dignity and rights.';

  it('counts Chinese and Japanese words as a word segmenter does, not runs of letters between punctuation', () => {
    const zhWords = countWords(zh);
    expect(zhWords, 'about two dozen words in the Chinese').to.be.within(18, 32);
    expect(countWords(ja), 'and in the Japanese').to.be.within(24, 48);
  });

  it('counts a mixed text as the sum of its parts, and English as before', () => {
    expect(countWords(en)).to.equal(12);
    expect(countWords(`${en} ${zh}`)).to.equal(12 + countWords(zh));
  });
});
