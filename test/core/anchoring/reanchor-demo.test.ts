import { expect } from '@open-wc/testing';
import { describe as describeRange, locate, locateAll, TextIndex, type Selector } from '../../../src/core/index.js';

/** The demo essay's authored markup, in a plain container of this page. */
async function demoEssay(): Promise<HTMLElement> {
  const source = await (await fetch('/demo/index.html')).text();
  const parsed = new DOMParser().parseFromString(source, 'text/html');
  const container = document.createElement('div');
  container.innerHTML = parsed.querySelector('essay-reader')!.innerHTML;
  document.body.append(container);
  return container;
}

const passages = [
  'A General Theory of Love by Thomas Lewis, Fari Amini, and Richard Lannon',
  'a process that the authors call “limbic revision,”',
  'the model of the triune brain',
  'Proponents of embodied cognition hold',
  'Sofia Coppola’s Lost in Translation',
  'at least for 641 others',
];

function describeAll(root: HTMLElement): Selector[][] {
  const index = TextIndex.build(root);
  return passages.map((passage) => {
    const at = index.text.indexOf(passage);
    expect(at, passage).to.be.greaterThan(-1);
    return describeRange(index.rangeFor(at, at + passage.length), index);
  });
}

function textNodeContaining(root: HTMLElement, needle: string): Text {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.nodeValue!.includes(needle)) return node as Text;
  throw new Error(`no text node contains ${needle}`);
}

describe('re-anchoring on the demo essay after edits', () => {
  let root: HTMLElement;
  beforeEach(async () => {
    root = await demoEssay();
  });
  afterEach(() => root.remove());

  it('finds every passage after paragraphs are inserted before them', () => {
    const selectors = describeAll(root);
    root.insertAdjacentHTML('afterbegin', '<p>An editor’s note, added later, that moves every offset.</p>');
    root.querySelectorAll('h2')[3].insertAdjacentHTML('beforebegin', '<p>Another paragraph in the middle.</p>');
    const index = TextIndex.build(root);
    const found = locateAll(selectors, index).map((m) => m && index.text.slice(m.start, m.end));
    expect(found).to.deep.equal(passages);
  });

  it('finds a passage after a typo fix and a reworded word inside it', () => {
    const selectors = describeAll(root);
    const node = textNodeContaining(root, 'the authors call');
    node.nodeValue = node.nodeValue!.replace('the authors call', 'the authors name');
    const book = textNodeContaining(root, 'Fari Amini');
    book.nodeValue = book.nodeValue!.replace('Fari Amini', 'Fari  Amini,').replace('Richard Lannon', 'Richard Lanon');
    const index = TextIndex.build(root);
    const limbic = locate(selectors[1], index)!;
    expect(limbic.kind).to.equal('fuzzy');
    expect(index.text.slice(limbic.start, limbic.end)).to.equal('a process that the authors name “limbic revision,”');
    const theBook = locate(selectors[0], index)!;
    expect(index.text.slice(theBook.start, theBook.end)).to.equal('A General Theory of Love by Thomas Lewis, Fari Amini,, and Richard Lanon');
  });

  it('stays on the original when its paragraph is duplicated right after it', () => {
    const selectors = describeAll(root);
    const paragraph = textNodeContaining(root, 'Proponents of embodied cognition').parentElement!;
    const originalOffset = TextIndex.build(root).text.indexOf('Proponents of embodied cognition');
    paragraph.after(paragraph.cloneNode(true));
    const index = TextIndex.build(root);
    expect(index.text.split('Proponents of embodied cognition').length).to.equal(3);
    const match = locate(selectors[3], index)!;
    expect(match.start).to.equal(originalOffset);
  });

  it('makes an orphan of a passage that was deleted, and still finds the others', () => {
    const selectors = describeAll(root);
    const paragraph = textNodeContaining(root, 'Proponents of embodied cognition').parentElement!;
    paragraph.remove();
    const index = TextIndex.build(root);
    const found = locateAll(selectors, index);
    expect(found[3]).to.equal(null);
    expect(found.filter((m) => m !== null).length).to.equal(passages.length - 1);
  });
});
