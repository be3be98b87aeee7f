import { expect, fixture, html } from '@open-wc/testing';
import { anchor, anchorAll, describe as describeRange, locate, locateAll, TextIndex, type Selector } from '../../../src/core/index.js';

const quote = (exact: string, prefix = '', suffix = ''): Selector => ({ type: 'TextQuoteSelector', exact, prefix, suffix });
const position = (start: number, end: number): Selector => ({ type: 'TextPositionSelector', start, end });

describe('describe', () => {
  it('stores the context whole, up to 32 characters a side, and a raw position', async () => {
    const root = await fixture(html`<p>the cat sat. the cat ran. a dog sat.</p>`);
    const index = TextIndex.build(root);
    const second = index.text.indexOf('cat', 10);
    const [q, p] = describeRange(index.rangeFor(second, second + 3), index);
    // Not trimmed to what is unique today: the context is what finds the passage after the author edits it.
    expect(q).to.deep.equal({ type: 'TextQuoteSelector', exact: 'cat', prefix: 'the cat sat. the ', suffix: ' ran. a dog sat.' });
    expect(p).to.deep.equal({ type: 'TextPositionSelector', start: second, end: second + 3 });
  });

  it('caps the context at 32 characters', async () => {
    const repeated = 'abcdefghij'.repeat(10);
    const root = await fixture(html`<p>${repeated}</p>`);
    const index = TextIndex.build(root);
    const [q] = describeRange(index.rangeFor(50, 52), index);
    expect(q.prefix!.length).to.equal(32);
    expect(q.suffix!.length).to.equal(32);
  });
});

describe('anchor', () => {
  it('uses the position when the text there still equals the quote', async () => {
    const root = await fixture(html`<p>one two one two</p>`);
    const match = locate([quote('one'), position(8, 11)], TextIndex.build(root));
    expect(match).to.deep.equal({ start: 8, end: 11, kind: 'position', errors: 0 });
  });

  it('chooses among several occurrences by context, then by nearness to the position', async () => {
    const index = TextIndex.build(await fixture(html`<p>x the cat sat, y the cat sat, z the cat sat</p>`));
    expect(locate([quote('the cat', 'y ')], index)!.start).to.equal(index.text.indexOf('y the') + 2);
    // No context: the occurrence nearest the (stale) position wins.
    expect(locate([quote('the cat'), position(28, 35)], index)!.start).to.equal(index.text.indexOf('z the') + 2);
  });

  it('is not thrown off by white space that markup added or removed', async () => {
    const root = await fixture(html`<div><p>the space
        between   the words</p></div>`);
    const range = anchor([quote('space between the\nwords')], root)!;
    expect(range.toString().replace(/\s+/g, ' ')).to.equal('space between the words');
  });

  it('survives a typo fix inside the quote', async () => {
    const root = await fixture(html`<p>Samantha calls it the limited perspective of an unartificial mind, and leaves.</p>`);
    const match = locate([quote('the limitted perspectve of an unartificial mind', 'calls it ', ', and')], TextIndex.build(root))!;
    expect(match.kind).to.equal('fuzzy');
    expect(TextIndex.build(root).text.slice(match.start, match.end)).to.equal('the limited perspective of an unartificial mind');
  });

  it('keeps a deleted passage an orphan instead of matching a weak look-alike', async () => {
    const root = await fixture(html`<p>The heart is not like a box that gets filled up. It expands in size the more you love.</p>`);
    expect(locate([quote('The mind is not like a room that gets emptied out', '', '')], TextIndex.build(root))).to.equal(null);
    expect(anchor([quote('nothing like this is in the text at all'), position(0, 10)], root)).to.equal(null);
  });

  it('throws a TypeError when there is no selector it can use', async () => {
    const index = TextIndex.build(await fixture(html`<p>x</p>`));
    expect(() => locate([{ type: 'CssSelector', value: 'p' }], index)).to.throw(TypeError, 'expected a TextQuoteSelector or a TextPositionSelector');
  });

  it('corrects every later position by the shift an insertion caused (anchorAll)', async () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    const root = await fixture(html`<div><p>${words}</p></div>`);
    const before = TextIndex.build(root);
    const selectors = ['w10 w11', 'w50 w51', 'w150 w151'].map((exact) =>
      describeRange(before.rangeFor(before.text.indexOf(exact), before.text.indexOf(exact) + exact.length), before),
    );
    root.insertAdjacentHTML('afterbegin', '<p>A new opening paragraph.</p>');
    const after = TextIndex.build(root);
    const matches = locateAll(selectors, after);
    expect(matches.map((m) => after.text.slice(m!.start, m!.end))).to.deep.equal(['w10 w11', 'w50 w51', 'w150 w151']);
    // The first one searched; the rest were found at their corrected positions without a search.
    expect(matches.map((m) => m!.kind)).to.deep.equal(['exact', 'position', 'position']);
    expect(anchorAll(selectors, root).map((r) => r!.toString())).to.deep.equal(['w10 w11', 'w50 w51', 'w150 w151']);
  });
});
