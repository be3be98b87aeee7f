import { expect, fixture, html } from '@open-wc/testing';
import { createPainter, highlightName } from '../../../src/core/highlight/painter.js';
import { TextIndex } from '../../../src/core/text/text-index.js';

const registry = () => (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;

describe('painter', () => {
  it('registers passages in CSS.highlights without touching the DOM, overlaps in separate layers', async () => {
    const root = await fixture(html`<p>The heart is <em>not</em> like a box that gets filled up.</p>`);
    const before = root.innerHTML;
    const index = TextIndex.build(root);
    const painter = createPainter();
    expect(painter.mode).to.equal('highlight-api');
    painter.paint([
      { id: 'a', range: index.rangeFor(4, 20) },
      { id: 'b', range: index.rangeFor(10, 30) },
      { id: 'c', range: index.rangeFor(35, 40), color: 'green' },
    ]);
    expect([...registry().get(highlightName('yellow', 0))!].map(String)).to.deep.equal(['heart is not lik']);
    expect([...registry().get(highlightName('yellow', 1))!].map(String)).to.deep.equal(['is not like a box th']);
    expect([...registry().get(highlightName('green', 0))!].map(String)).to.deep.equal(['ts fi']);
    expect(root.innerHTML).to.equal(before);
    painter.setActive('b');
    expect(String([...registry().get('essay-hl-active')!][0])).to.equal('is not like a box th');
    painter.clear();
    expect(registry().has(highlightName('yellow', 0))).to.equal(false);
    // Given text offsets, the painter layers by numbers (no DOM comparisons) with the same result.
    painter.paint([
      {
        id: 'b',
        range: new StaticRange({
          startContainer: index.positionAt(10).node,
          startOffset: index.positionAt(10).offset,
          endContainer: index.positionAt(30, 'end').node,
          endOffset: index.positionAt(30, 'end').offset,
        }),
        start: 10,
        end: 30,
      },
      { id: 'a', range: index.rangeFor(4, 20), start: 4, end: 20 },
    ]);
    const text = (r: AbstractRange) => {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live.toString();
    };
    expect([...registry().get(highlightName('yellow', 0))!].map(text)).to.deep.equal(['heart is not lik']);
    expect([...registry().get(highlightName('yellow', 1))!].map(text)).to.deep.equal(['is not like a box th']);
    painter.clear();
  });

  it('paints and emphasises a passage in its pieces, and takes its emphasis away when cleared (not another painter’s)', async () => {
    const root = await fixture(html`<p>It's like I'm reading a book<button data-essay-skip>1</button>, and it's a book I deeply love.</p>`);
    const index = TextIndex.build(root);
    const text = (r: AbstractRange) => {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live.toString();
    };
    const start = index.text.indexOf('reading');
    const end = index.text.indexOf(' I deeply');
    const mine = createPainter();
    const other = createPainter();
    mine.paint([{ id: 'a', range: index.staticRangeFor(start, end), pieces: index.staticRangesFor(start, end) }]);
    other.paint([{ id: 'b', range: index.rangeFor(0, 4) }]);
    expect([...registry().get(highlightName('yellow', 0))!].map(text).sort()).to.deep.equal([", and it's a book", "It's", 'reading a book']);
    mine.setActive('a');
    expect([...registry().get('essay-hl-active')!].map(text), 'the emphasis leaves the marker out too').to.deep.equal(['reading a book', ", and it's a book"]);
    other.clear();
    expect(registry().has('essay-hl-active'), 'another painter cleared: the emphasis stays').to.equal(true);
    mine.clear();
    expect(registry().has('essay-hl-active'), 'its own painter cleared: the emphasis goes').to.equal(false);
  });

  it('falls back to <mark> wrapping, nested where passages overlap, and removes it cleanly', async () => {
    const root = await fixture(html`<div><p>The heart is <em>not</em> like a box.</p><p>It expands.</p></div>`);
    const before = root.innerHTML;
    const index = TextIndex.build(root);
    const painter = createPainter({ forceMarks: true });
    expect(painter.mode).to.equal('mark');
    painter.paint([
      { id: 'a', range: index.rangeFor(4, 16) },
      // The paragraphs' boundary reads as a space in the index (offset 28), which the marks do not contain.
      { id: 'b', range: index.rangeFor(13, 36), color: 'blue' },
    ]);
    const marks = [...root.querySelectorAll('mark[data-essay-mark]')];
    expect(
      marks
        .filter((m) => m.getAttribute('data-id') === 'a')
        .map((m) => m.textContent)
        .join(''),
    ).to.equal('heart is not');
    expect(
      marks
        .filter((m) => m.getAttribute('data-id') === 'b')
        .map((m) => m.textContent)
        .join(''),
    ).to.equal('not like a box.It expa');
    // The overlap ("not") is inside both marks.
    expect(root.querySelector('mark[data-id="a"] mark[data-id="b"], mark[data-id="b"] mark[data-id="a"]')!.textContent).to.equal('not');
    expect(TextIndex.build(root).text).to.equal(index.text);
    painter.setActive('b');
    expect(root.querySelectorAll('mark[data-active]').length).to.be.greaterThan(0);
    painter.clear();
    expect(root.innerHTML).to.equal(before);
    expect(root.querySelectorAll('p')[0].childNodes.length).to.equal(3); // text nodes joined again
  });
});
