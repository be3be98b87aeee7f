import { fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EssayReader } from '../../src/index.js';

/* The contents rail tells the truth about where the reader is, however they got there. */

const paragraph = (text: string) => `<p>${text}</p>`;
// Sentences of the demo essay, repeated to give each section some length.
const prose = [
  'Theodore’s job is to use technology to fabricate imitation romantic letters for strangers so that they can then give the letters to their significant others.',
  'The romantic relationship he develops in the movie, by contrast, is genuine, candid, sincere, and unaffected.',
  'And it is in the space between these two opposing things that Jonze draws out a penetrating commentary about the state of our culture.',
];
const section = (n: number) => Array.from({ length: n }, (_, i) => paragraph(prose[i % prose.length])).join('');

async function essay(): Promise<EssayReader> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<essay-reader document-id="contents">
    <h2 id="s1">First, let’s talk about Her itself</h2>${section(6)}
    <h3 id="s1-1">Spike Jonze sets up a parallel</h3>${section(10)}
    <h3 id="s1-2">The cinematography plays counterpoint</h3>${section(10)}
    <h2 id="s2">What sucks about Her</h2>${section(14)}
    <h2 id="s3">Samantha’s voice</h2>${section(14)}
    <h2 id="s4">What doesn’t</h2>${section(24)}
  </essay-reader>`;
  const r = host.querySelector<EssayReader>('essay-reader')!;
  await r.updateComplete;
  return r;
}

const marked = (r: EssayReader) => {
  const toc = r.shadowRoot!.querySelector('essay-toc')!;
  return toc.shadowRoot!.querySelector('a[aria-current="location"]')?.getAttribute('href') ?? null;
};
const frames = async (n = 3) => {
  for (let i = 0; i < n; i++) await new Promise(requestAnimationFrame);
};

describe('the contents rail after a jump', () => {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => scrollTo({ top: 0, behavior: 'instant' }));

  it('marks the first section after End then Home, and a subsection reached in one jump', async () => {
    const r = await essay();
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: 'End' });
    await waitUntil(() => marked(r) === '#s4', `End marks section 4 (marks ${marked(r)})`);
    await sendKeys({ press: 'Home' });
    await waitUntil(() => scrollY < 1, `Home scrolled to the top (at ${scrollY})`, { timeout: 4000 });
    await frames();
    await waitUntil(() => marked(r) === '#s1', `at the top, section 1 is marked (marks ${marked(r)})`, { timeout: 1000 });
    scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });
    await waitUntil(() => marked(r) === '#s4', 'the end again');
    // Find-in-page and scrollIntoView jump straight to a passage, past every heading on the way.
    r.querySelector('#s1-2')!.nextElementSibling!.nextElementSibling!.scrollIntoView({ block: 'start', behavior: 'instant' });
    await frames();
    await waitUntil(() => marked(r) === '#s1-2', `a jump into 1.2 marks 1.2 (marks ${marked(r)})`, { timeout: 1000 });
  });
});
