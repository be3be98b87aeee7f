import { expect } from '@open-wc/testing';
import { describeOffsets, locate, TextIndex, type Selector } from '../../../src/core/index.js';

/* Quotes of thousands of characters: found by their pieces after real edits, and never found when they are nowhere. */

async function essay(): Promise<HTMLElement> {
  const source = await (await fetch('/demo/index.html')).text();
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const root = document.createElement('article');
  for (const p of doc.querySelectorAll('essay-reader p'))
    root.append(Object.assign(document.createElement('p'), { textContent: p.textContent!.replace(/\s+/g, ' ').trim() }));
  document.body.append(root);
  return root;
}

describe('long quotes', () => {
  it('finds a 4,000-character passage after an author’s edits inside it, with no position to help', async () => {
    const root = await essay();
    try {
      const before = TextIndex.build(root);
      const start = before.text.indexOf('The romantic relationship he develops');
      expect(start).to.be.greaterThan(0);
      const [quote] = describeOffsets(before, start, start + 4_000) as Selector[];
      // Real edits: a word replaced, a clause added, a sentence cut, across the passage.
      const edits: [string, string][] = [
        ['genuine, candid, sincere, and unaffected', 'genuine, candid and sincere'],
        ['penetrating commentary', 'pointed commentary, easy to miss on first viewing,'],
        ['These are the ones who can foresee a future wherein lovers hire ghostwriters to pen their love letters for them.', ''],
      ];
      for (const p of root.querySelectorAll('p')) for (const [from, to] of edits) p.textContent = p.textContent!.replace(from, to);
      const after = TextIndex.build(root);
      const found = locate([quote], after);
      expect(found, 'found').to.not.equal(null);
      const newStart = after.text.indexOf('The romantic relationship he develops');
      expect(Math.abs(found!.start - newStart), 'starts where it starts').to.be.at.most(2);
      const tail = quote.type === 'TextQuoteSelector' ? (quote as { exact: string }).exact.slice(-40) : '';
      expect(Math.abs(found!.end - (after.text.indexOf(tail) + tail.length)), 'ends where it ends').to.be.at.most(2);
      expect(found!.kind).to.equal('fuzzy');
    } finally {
      root.remove();
    }
  });

  it('makes an orphan of a long quote made of the essay’s own words shuffled', async () => {
    const root = await essay();
    try {
      const index = TextIndex.build(root);
      const words = index.text.slice(0, 6_000).split(' ');
      let seed = 7;
      for (let i = words.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const j = seed % (i + 1);
        [words[i], words[j]] = [words[j], words[i]];
      }
      expect(locate([{ type: 'TextQuoteSelector', exact: words.join(' ') }], index)).to.equal(null);
    } finally {
      root.remove();
    }
  });
});
