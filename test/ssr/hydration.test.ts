import { expect, waitUntil } from '@open-wc/testing';
import type { EssayNote, EssayReader } from '../../src/index.js';

/* The demo essay as a server sends it (@lit-labs/ssr, scripts/ssr-render.mjs), loaded as a page: the elements
   hydrate the shadow roots the server rendered, without a mismatch, and the reader then works as it does when
   rendered in the browser. The page records errors and the server's shadow-root parts before any module runs. */

type ServerPage = Window & { hydrationErrors: string[]; serverParts: [HTMLElement, Element | null][] };

async function loadServerRendered(): Promise<{ doc: Document; win: ServerPage }> {
  const frame = document.createElement('iframe');
  Object.assign(frame.style, { width: '1400px', height: '900px', border: '0' });
  frame.src = '/__ssr/demo.html';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const doc = frame.contentDocument!;
  const reader = doc.querySelector('essay-reader') as EssayReader;
  await waitUntil(() => reader.hasUpdated, 'the reader upgraded and updated', { timeout: 5000 });
  // Settled: the essay numbered, every note laid out, a few frames for anything late.
  await waitUntil(() => [...doc.querySelectorAll<EssayNote>('essay-note')].every((n) => n.layout === 'margin'), 'every note is in the margin', {
    timeout: 5000,
  });
  for (let i = 0; i < 3; i++) await new Promise((r) => frame.contentWindow!.requestAnimationFrame(r));
  return { doc, win: frame.contentWindow as unknown as ServerPage };
}

describe('server-rendered essay, hydrated', () => {
  // The first request renders the page in Node (esbuild and @lit-labs/ssr): a few seconds on a slow machine.
  before(() => fetch('/__ssr/demo.html'));
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('arrives with its shadow roots as declarative shadow DOM, so the layout is there before any script', async () => {
    const html = await (await fetch('/__ssr/demo.html')).text();
    expect(html).to.match(/<essay-reader[^>]*><template shadowroot(mode)?="open"/);
    expect(html).to.match(/<essay-note[^>]*><template shadowroot(mode)?="open"/);
    expect(html).to.match(/<essay-pullquote[^>]*><template shadowroot(mode)?="open"/);
  });

  it('hydrates without a mismatch: the server’s shadow DOM is kept, nothing is rendered twice, thrown or logged', async () => {
    const { doc, win } = await loadServerRendered();
    expect(win.hydrationErrors, 'no hydration mismatch or other error').to.deep.equal([]);
    expect(win.serverParts.length, 'the reader, its six notes and the pull-quote').to.equal(8);
    for (const [element, part] of win.serverParts) {
      expect(part, `${element.localName} came with a server-rendered part`).to.not.equal(null);
      expect(
        part!.isConnected && element.shadowRoot!.contains(part),
        `${element.localName}'s server-rendered ${part!.getAttribute('part')} is still the one shown`,
      ).to.equal(true);
    }
    const reader = doc.querySelector('essay-reader')!;
    expect(reader.shadowRoot!.querySelectorAll('essay-toc').length, 'one contents, not the server’s and a second').to.equal(1);
    expect(reader.shadowRoot!.querySelectorAll('[part="essay"]').length).to.equal(1);
  });

  it('works as a reader after hydrating: sections numbered, contents listed, notes numbered in the margin', async () => {
    const { doc, win } = await loadServerRendered();
    const reader = doc.querySelector('essay-reader') as EssayReader;
    const toc = reader.shadowRoot!.querySelector('essay-toc')!;
    await waitUntil(() => toc.shadowRoot!.querySelectorAll('a').length === reader.outline.length, 'the contents list every section', { timeout: 5000 });
    const numbers = [...doc.querySelectorAll('essay-reader h2 > [data-essay-section-number]')].map((n) => n.textContent!.trim());
    expect(numbers).to.deep.equal(['1', '2', '3', '4']);
    expect(reader.shadowRoot!.querySelector('[part="reading-time"]')!.textContent).to.match(/\d+ min read/);
    const notes = [...doc.querySelectorAll<EssayNote>('essay-note')];
    expect(notes.map((n) => n.number)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(doc.querySelector('essay-pullquote')!.shadowRoot!.textContent).to.contain('space between the words');
    expect(win.hydrationErrors).to.deep.equal([]);
  });
});
