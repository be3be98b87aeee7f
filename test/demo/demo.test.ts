import { expect, waitUntil } from '@open-wc/testing';
import { openDemo } from './open-demo.js';
import type { EssayReader } from '../../src/index.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

describe('the demo page', () => {
  it('shows the essay with sections 1 to 4 numbered and the pull-quote', async () => {
    const doc = await openDemo();
    const numbers = [...doc.querySelectorAll('essay-reader h2 [data-essay-section-number]')].map((n) => n.textContent!.trim());
    expect(numbers).to.deep.equal(['1', '2', '3', '4']);
    const second = doc.querySelectorAll('essay-reader h2')[2];
    expect(second.textContent).to.contain('The cinematography plays subtle counterpoint');
    const pullquote = doc.querySelector('essay-pullquote')!;
    await waitUntil(() => pullquote.shadowRoot?.querySelector('blockquote'));
    expect(pullquote.shadowRoot!.querySelector('blockquote')!.textContent).to.contain('endless space between the words');
    expect(pullquote.getAttribute('aria-hidden')).to.equal('true');
  });

  for (const width of [1400, 1100]) {
    it(`shows every note in the margin at ${width}px, level with its passage, none overlapping`, async () => {
      const doc = await openDemo(width);
      const reader = doc.querySelector('essay-reader') as HTMLElement & { rangeFor(id: string): Range | null };
      const notes = [...doc.querySelectorAll('essay-note')];
      expect(notes.length).to.equal(6);
      await waitUntil(() => notes.every((n) => n.getAttribute('layout') === 'margin'), 'all notes in the margin');
      await new Promise((resolve) => setTimeout(resolve, 400)); // the notes' transition
      const rects = notes.map((n) => n.getBoundingClientRect());
      rects.forEach((rect, i) => {
        const passage = reader.rangeFor(notes[i].id)!.getClientRects()[0];
        expect(Math.abs(rect.top - passage.top), `note ${i + 1} level with its passage`).to.be.at.most(4);
        for (let j = 0; j < i; j++) {
          const other = rects[j];
          const overlap = rect.left < other.right && other.left < rect.right && rect.top < other.bottom && other.top < rect.bottom;
          expect(overlap, `notes ${j + 1} and ${i + 1} overlap`).to.equal(false);
        }
      });
    });
  }

  it('follows a copied text-fragment link to its passage, which flashes', async () => {
    const doc = await openDemo();
    const win = doc.defaultView!;
    const reader = doc.querySelector('essay-reader') as HTMLElement & {
      linkFor(range: Range): string;
      goToLink(link: string): boolean;
      textIndex: { text: string; rangeFor(s: number, e: number): Range };
    };
    const passage = 'He should have asked for the address.';
    const start = reader.textIndex.text.indexOf(passage);
    const link = reader.linkFor(reader.textIndex.rangeFor(start, start + passage.length));
    expect(new URL(link).hash).to.equal('#:~:text=He%20should%20have%20asked%20for%20the%20address.');
    expect(win.scrollY).to.equal(0);
    expect(reader.goToLink(link)).to.equal(true);
    const target = [...doc.querySelectorAll('essay-reader p')].find((p) => p.textContent!.includes(passage))!;
    await waitUntil(
      () => {
        const rect = target.getBoundingClientRect();
        return rect.top >= 0 && rect.bottom <= win.innerHeight;
      },
      'the passage is on screen',
      { timeout: 5000 },
    );
    const flash = (win.CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights?.get('essay-flash');
    if (flash) expect([...flash][0].toString()).to.equal(passage);
    else expect(target.hasAttribute('data-essay-flash')).to.equal(true);
    expect(reader.goToLink('#:~:text=words%20that%20are%20not%20there')).to.equal(false);
  });

  it('has no accessibility violations (axe-core)', async () => {
    const doc = await openDemo();
    const win = doc.defaultView as Window & {
      axe?: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> };
    };
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    doc.head.append(script);
    await new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    const result = await win.axe!.run(doc, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).to.deep.equal([]);
  });
});

describe('the demo in other languages', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('switches the reader to Japanese, then to Arabic and right to left, from its header', async () => {
    const doc = await openDemo(1400);
    const reader = doc.querySelector('essay-reader') as EssayReader;
    const rail = () => reader.shadowRoot!.querySelector('[part="toc-toggle"]')!.textContent!.trim();
    const pick = (id: string, value: string) => {
      const select = doc.querySelector<HTMLSelectElement>(id)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
    };
    expect(rail()).to.equal('Contents');
    pick('#language', 'ja');
    await waitUntil(() => rail() === '目次', 'the interface speaks Japanese');
    expect(reader.shadowRoot!.querySelector('[part="reading-time"]')!.textContent).to.contain('読了時間');
    expect(reader.getAttribute('lang'), 'the essay is still English').to.equal(null);
    const note = reader.querySelector('essay-note')!;
    const column = () => reader.shadowRoot!.querySelector('[part="essay"]')!.getBoundingClientRect();
    expect(note.getBoundingClientRect().left, 'the margin is right of the essay').to.be.at.least(column().right);
    pick('#language', 'ar');
    await waitUntil(() => rail() === 'المحتويات', 'the interface speaks Arabic');
    await waitUntil(() => note.getBoundingClientRect().right <= column().left, 'the margin moves left of the essay');
    expect(doc.querySelector<HTMLSelectElement>('#direction')!.value).to.equal('rtl');
    pick('#direction', 'ltr');
    await waitUntil(() => note.getBoundingClientRect().left >= column().right, 'and back');
  });
});
