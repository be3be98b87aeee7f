import { expect, fixture, html } from '@open-wc/testing';
import { anchor, describeOffsets, locate, TextIndex, type Selector } from '../../../src/core/index.js';

const quote = (exact: string, prefix = '', suffix = ''): Selector => ({ type: 'TextQuoteSelector', exact, prefix, suffix });

/** The opening of A Tale of Two Cities (Dickens, 1859): real prose with real repeats. */
const DICKENS =
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, ' +
  'it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, it was the season of ' +
  'Darkness, it was the spring of hope, it was the winter of despair, we had everything before us, we had nothing ' +
  'before us, we were all going direct to Heaven, we were all going direct the other way';

async function essay(minLength = 300): Promise<{ root: HTMLElement; paragraphs: string[] }> {
  const source = await (await fetch('/demo/index.html')).text();
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const paragraphs = [...doc.querySelectorAll('essay-reader p')].map((p) => p.textContent!.replace(/\s+/g, ' ').trim()).filter((t) => t.length > minLength);
  const root = document.createElement('article');
  for (const text of paragraphs) root.append(Object.assign(document.createElement('p'), { textContent: text }));
  document.body.append(root);
  return { root, paragraphs };
}

describe('re-anchoring after real edits', () => {
  it('returns the whole passage when 60 characters were inserted inside a 352-character quote (not a truncated suffix)', async () => {
    const { root, paragraphs } = await essay();
    try {
      const before = TextIndex.build(root);
      // The first paragraph long enough to hold the passage with room around it.
      const number = paragraphs.findIndex((t) => t.length > 420);
      const p = root.querySelectorAll('p')[number];
      const start = before.text.indexOf(paragraphs[number]) + 20;
      const selectors = describeOffsets(before, start, start + 352);
      const exact = selectors[0].exact;
      // The author adds a clause in the middle of the passage.
      const inserted = ' (and, I should add, this is exactly where the film lost me)';
      expect(inserted.length).to.equal(60);
      const cut = p.textContent!.indexOf(exact) + 150;
      expect(cut).to.equal(170);
      p.textContent = p.textContent!.slice(0, cut) + inserted + p.textContent!.slice(cut);
      const after = TextIndex.build(root);
      const match = locate(selectors, after)!;
      expect(match, 'found').to.not.equal(null);
      expect(after.text.slice(match.start, match.end)).to.equal(exact.slice(0, 150) + inserted + exact.slice(150));
      expect(match.errors).to.equal(60);
    } finally {
      root.remove();
    }
  });

  it('returns the whole passage when its stale position leaves it half outside the window searched first', async () => {
    const root = await fixture(html`<div><p>${DICKENS}</p></div>`);
    const before = TextIndex.build(root);
    const passage = 'it was the season of Light, it was the season of Darkness, it was the spring of hope, it was the wi';
    const start = before.text.indexOf(passage);
    const selectors = describeOffsets(before, start, start + passage.length);
    // A paragraph added above moves the passage 96 characters past its recorded position.
    root.insertAdjacentHTML('afterbegin', `<p>${'An editor’s note, added above the essay after every annotation was made, moves every passage.'}</p>`);
    const after = TextIndex.build(root);
    const match = locate(selectors, after)!;
    expect(after.text.slice(match.start, match.end)).to.equal(passage);
  });

  it('aligns the whole quote, not a suffix of it: "commodo cites" finds "commodo vitae"', async () => {
    const root = await fixture(html`<p>Aenean commodo vitae ligula eget dolor.</p>`);
    const index = TextIndex.build(root);
    const match = locate([quote('commodo cites', 'Aenean ', ' ligula')], index)!;
    expect(index.text.slice(match.start, match.end)).to.equal('commodo vitae');
  });

  it('finds short edited quotes without a position', async () => {
    const root = await fixture(html`<p>${DICKENS}</p>`);
    const index = TextIndex.build(root);
    const match = locate([quote('befor us')], index)!;
    expect(index.text.slice(match.start, match.end)).to.equal('before us');
    const accented = await fixture(html`<p>And so thîs téxt hàs a few marks on it.</p>`);
    const other = TextIndex.build(accented);
    const found = locate([quote(' this text has a')], other)!;
    expect(other.text.slice(found.start, found.end)).to.equal(' thîs téxt hàs a');
  });

  it('lets context one space away choose among exact occurrences', async () => {
    const index = TextIndex.build(await fixture(html`<p>${DICKENS}</p>`));
    const match = locate([quote('before us', 'we had nothing')], index)!;
    expect(match.start).to.equal(index.text.indexOf('nothing before us') + 'nothing '.length);
  });

  it('anchors a passage that grew or shrank by half between its prefix and suffix, and says so', async () => {
    const root = await fixture(html`<p>${DICKENS}</p>`);
    const before = TextIndex.build(root);
    const passage = 'it was the spring of hope, it was the winter of despair';
    const start = before.text.indexOf(passage);
    const selectors = describeOffsets(before, start, start + passage.length);
    const rewritten = 'it was, for all that the papers said, the spring of hope and, to those who read them, also the winter of despair';
    root.textContent = DICKENS.replace(passage, rewritten);
    const after = TextIndex.build(root);
    const grown = locate(selectors, after)!;
    expect(after.text.slice(grown.start, grown.end)).to.equal(rewritten);
    expect(grown.kind).to.equal('context');
    expect(grown.errors).to.be.greaterThan(passage.length / 4);
    const shrunk = 'spring, then winter';
    root.textContent = DICKENS.replace(passage, shrunk);
    const small = TextIndex.build(root);
    const found = locate(selectors, small)!;
    expect(small.text.slice(found.start, found.end)).to.equal(shrunk);
    // Deleted outright, with its context left meeting: an orphan.
    root.textContent = DICKENS.replace(`${passage}, `, '');
    expect(locate(selectors, TextIndex.build(root))).to.equal(null);
  });

  it('anchors text inside aria-hidden="true" instead of skipping it', async () => {
    const root = await fixture(
      html`<div><p>Her ends on a rooftop.</p><div aria-hidden="true"><p>The widget says: Her ends on a rooftop at dawn.</p></div></div>`,
    );
    const range = anchor([quote('Her ends on a rooftop', 'says: ', ' at dawn')], root)!;
    expect(range.startContainer.parentElement!.closest('[aria-hidden]')).to.not.equal(null);
  });

  it('finds a quote across <br> and in a Document', async () => {
    const root = await fixture(html`<p>foo<br>bar</p>`);
    expect(anchor([quote('foo bar')], root)!.toString()).to.equal('foobar');
    const doc = new DOMParser().parseFromString('<p>space between</p><p>the words</p>', 'text/html');
    expect(anchor([quote('between the words')], doc)!.toString()).to.equal('betweenthe words');
  });

  it('follows a short passage that moved and was edited by the rare words it kept, and orphans a deleted one of common words', async () => {
    const { root } = await essay(0);
    try {
      const before = TextIndex.build(root);
      const describeQuote = (passage: string) => {
        const start = before.text.indexOf(passage);
        expect(start, passage).to.be.greaterThan(-1);
        expect(before.text.indexOf(passage, start + 1), `${passage} is unique`).to.equal(-1);
        return describeOffsets(before, start, start + passage.length);
      };
      const critic = describeQuote('Ryu Spaeth compares');
      const common = describeQuote('the letters to their');
      const paragraphs = [...root.querySelectorAll('p')];
      const edit = (find: string, change: (text: string) => string) => {
        const p = paragraphs.find((q) => q.textContent!.includes(find))!;
        p.textContent = change(p.textContent!);
      };
      // The author moves the critic to the essay's last words, adding two; and deletes the other passage.
      edit('Ryu Spaeth compares', (t) => t.replace('In the same article I linked to above, Ryu Spaeth compares Her', 'In the same article, Her is compared'));
      edit('asked for the address', (t) => `${t} Ryu Spaeth, too, compares it to another film.`);
      edit('the letters to their', (t) => t.replace('the letters to their ', ''));
      const after = TextIndex.build(root);
      const moved = locate(critic, after);
      expect(moved, 'the moved passage is found').to.not.equal(null);
      expect(after.text.slice(moved!.start, moved!.end)).to.equal('Ryu Spaeth, too, compares');
      expect(locate(common, after), 'the deleted passage is an orphan').to.equal(null);
    } finally {
      root.remove();
    }
  });
});
