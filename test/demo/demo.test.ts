import { expect, waitUntil } from '@open-wc/testing';

/** Loads the demo page as a reader would, in a frame of its own. */
async function openDemo(width = 1400): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.style.width = `${width}px`;
  frame.style.height = '900px';
  frame.src = '/demo/index.html';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const doc = frame.contentDocument!;
  await waitUntil(() => doc.querySelector('essay-reader')?.shadowRoot?.querySelector('essay-toc'), 'the reader rendered', { timeout: 8000 });
  return doc;
}

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

describe('the demo page', () => {
  it('shows the essay with sections 1 to 4 numbered and the pull-quote', async () => {
    const doc = await openDemo();
    const numbers = [...doc.querySelectorAll('essay-reader h2 [data-essay-section-number]')].map((n) => n.textContent);
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
      const reader = doc.querySelector('essay-reader') as HTMLElement & { rangeForNote(note: Element): Range | null };
      const notes = [...doc.querySelectorAll('essay-note')];
      expect(notes.length).to.equal(6);
      await waitUntil(() => notes.every((n) => n.getAttribute('layout') === 'margin'), 'all notes in the margin');
      await new Promise((resolve) => setTimeout(resolve, 400)); // the notes' transition
      const rects = notes.map((n) => n.getBoundingClientRect());
      rects.forEach((rect, i) => {
        const passage = reader.rangeForNote(notes[i])!.getClientRects()[0];
        expect(Math.abs(rect.top - passage.top), `note ${i + 1} level with its passage`).to.be.at.most(4);
        for (let j = 0; j < i; j++) {
          const other = rects[j];
          const overlap = rect.left < other.right && other.left < rect.right && rect.top < other.bottom && other.top < rect.bottom;
          expect(overlap, `notes ${j + 1} and ${i + 1} overlap`).to.equal(false);
        }
      });
    });
  }

  it('has no accessibility violations (axe-core)', async () => {
    const doc = await openDemo();
    const win = doc.defaultView as Window & { axe?: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> } };
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    doc.head.append(script);
    await new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    const result = await win.axe!.run(doc, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).to.deep.equal([]);
  });
});
