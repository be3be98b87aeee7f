import { expect, waitUntil } from '@open-wc/testing';
import type { EssayReader } from '../../src/index.js';

/* The documentation page (demo/docs.html, served by npm start beside the demo): the element reference from the
   manifest with its playground, the themes, and a reader on the example server store; every sample on it is the
   text of a file the tests run. */

async function openDocs(doc: string): Promise<Document> {
  const frame = document.createElement('iframe');
  Object.assign(frame.style, { width: '1400px', height: '900px', border: '0' });
  frame.src = `/demo/docs.html?doc=${doc}`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const page = frame.contentDocument!;
  await waitUntil(() => (page.querySelector('#served') as EssayReader | null)?.hasUpdated, 'the page’s readers rendered', { timeout: 8000 });
  return page;
}

const text = async (path: string) => (await fetch(path)).text();
/** A file's text as it is on disk (not as the dev server compiles it). */
const source = (path: string) => text(`/__source${path}.txt`);

describe('the documentation page', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('renders the element reference from custom-elements.json, with a live playground', async () => {
    const page = await openDocs(crypto.randomUUID());
    const api = page.querySelector('api-viewer')!;
    await waitUntil(() => api.shadowRoot?.textContent?.includes('numbering-start'), 'the reader’s attributes are listed', { timeout: 8000 });
    const demo = api.shadowRoot!.querySelector<HTMLInputElement>('input[value="demo"]')!;
    demo.click();
    const live = () => api.shadowRoot!.querySelector('api-viewer-demo')?.querySelector<EssayReader>('essay-reader') ?? null;
    await waitUntil(() => live()?.hasUpdated, 'the playground shows a live reader', { timeout: 8000 });
    await waitUntil(() => live()!.querySelector('[data-essay-section-number]'), 'its essay numbered, as on a page');
    expect(live()!.querySelector('p')!.textContent).to.contain('limbic revision');
  });

  it('shows each sample as the file the tests run, and switches themes', async () => {
    const page = await openDocs(crypto.randomUUID());
    expect(page.querySelector('#store-source')!.textContent).to.equal(await source('/demo/examples/fetch-store.ts'));
    expect(page.querySelector('#server-source')!.textContent).to.equal(await source('/demo/examples/annotation-server.mjs'));
    expect(page.querySelector('#react-source')!.textContent).to.equal(await source('/demo/examples/react-reader.ts'));
    expect(page.querySelector('#preact-source')!.textContent).to.equal(await source('/demo/examples/preact-reader.ts'));
    const themed = page.querySelector<EssayReader>('#themed')!;
    const select = page.querySelector<HTMLSelectElement>('#theme')!;
    select.value = 'night';
    select.dispatchEvent(new Event('change'));
    expect(themed.className).to.equal('theme-night');
    expect(page.querySelector('#theme-source')!.textContent).to.equal(await source('/demo/themes/night.css'));
    expect(getComputedStyle(themed).backgroundColor).to.equal('rgb(17, 20, 26)');
  });

  it('keeps a highlight on the example server: made on the page, there after a reload', async () => {
    const doc = crypto.randomUUID();
    let page = await openDocs(doc);
    let reader = page.querySelector<EssayReader>('#served')!;
    const paragraph = reader.querySelector('p')!;
    const node = paragraph.firstChild as Text;
    const at = node.data.indexOf('embodied cognition');
    const range = page.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 'embodied cognition'.length);
    page.getSelection()!.removeAllRanges();
    page.getSelection()!.addRange(range);
    const toolbar = () => reader.shadowRoot!.querySelector<HTMLElement>('[part="toolbar"]')!;
    await waitUntil(() => !toolbar().hidden, 'the toolbar shows');
    toolbar().querySelector<HTMLButtonElement>('[data-action="highlight"]')!.click();
    await waitUntil(async () => (JSON.parse(await text(`/api/annotations/${doc}`)) as unknown[]).length === 1, 'the server has it');
    document.querySelector('iframe')!.remove();
    page = await openDocs(doc);
    reader = page.querySelector<EssayReader>('#served')!;
    await waitUntil(() => reader.annotations.length === 1, 'loaded from the server after a reload');
    const registry = (page.defaultView as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS.highlights;
    const painted = () =>
      [...registry.entries()]
        .filter(([name]) => name.startsWith('essay-hl-'))
        .flatMap(([, highlight]) => [...highlight].map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset)));
    await waitUntil(() => painted().includes('embodied cognition'), 'and painted again');
  });
});
