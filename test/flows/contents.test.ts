import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EssayReader } from '../../src/index.js';
import { frames } from '../helpers.js';

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

describe('the contents rail after a jump', () => {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => scrollTo({ top: 0, behavior: 'instant' }));

  it('marks the first section after End then Home, and a subsection reached in one jump', async () => {
    const r = await essay();
    // A click on the page's empty edge: keys then go to the document, as they do for a reader.
    (document.activeElement as HTMLElement | null)?.blur();
    await sendMouse({ type: 'click', position: [5, 300] });
    await resetMouse();
    await sendKeys({ press: 'End' });
    const bottom = () => document.documentElement.scrollHeight - innerHeight;
    await waitUntil(() => scrollY >= bottom() - 1, 'End scrolled to the bottom', { timeout: 4000 });
    await waitUntil(() => marked(r) === '#s4', `End marks section 4 (marks ${marked(r)})`);
    await frames(10); // let End's smooth scroll finish: a key pressed during it can be dropped
    await sendKeys({ press: 'Home' });
    await waitUntil(() => scrollY < 1, `Home scrolled to the top (at ${scrollY})`, { timeout: 4000 });
    await frames(3);
    await waitUntil(() => marked(r) === '#s1', `at the top, section 1 is marked (marks ${marked(r)})`, { timeout: 1000 });
    scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });
    await waitUntil(() => marked(r) === '#s4', 'the end again');
    // Find-in-page and scrollIntoView jump straight to a passage, past every heading on the way.
    r.querySelector('#s1-2')!.nextElementSibling!.nextElementSibling!.scrollIntoView({ block: 'start', behavior: 'instant' });
    await frames(3);
    await waitUntil(() => marked(r) === '#s1-2', `a jump into 1.2 marks 1.2 (marks ${marked(r)})`, { timeout: 1000 });
  });
});

describe('the contents on a phone', () => {
  before(() => setViewport({ width: 390, height: 800 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => scrollTo({ top: 0, behavior: 'instant' }));

  it('keeps the Contents button on screen while reading, and a section it leads to lands below it', async () => {
    const r = await essay();
    const toggle = r.shadowRoot!.querySelector<HTMLButtonElement>('[part="toc-toggle"]')!;
    const firstHeading = r.querySelector('#s1')!;
    expect(toggle.getBoundingClientRect().bottom, 'at the top, the bar does not cover the first heading').to.be.at.most(
      firstHeading.getBoundingClientRect().top,
    );
    r.querySelector('#s3')!.scrollIntoView({ block: 'center', behavior: 'instant' });
    await frames(3);
    const box = toggle.getBoundingClientRect();
    expect(box.top, 'the button is still on screen mid-essay').to.be.at.least(0);
    expect(box.bottom).to.be.at.most(80);
    const hit = r.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    expect(hit === toggle, 'and on top of the text').to.equal(true);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await r.updateComplete;
    const toc = r.shadowRoot!.querySelector('essay-toc')!;
    await toc.updateComplete;
    const link = [...toc.shadowRoot!.querySelectorAll('a')].find((a) => a.getAttribute('href') === '#s4')!;
    const linkBox = link.getBoundingClientRect();
    expect(linkBox.bottom, 'the open contents are within the viewport').to.be.at.most(innerHeight);
    link.click();
    const heading = r.querySelector('#s4')!;
    await waitUntil(() => Math.abs(heading.getBoundingClientRect().top - toggle.getBoundingClientRect().bottom) < 120 && scrollY > 0, 'scrolled to section 4', {
      timeout: 4000,
    });
    await frames(10);
    expect(heading.getBoundingClientRect().top, 'the heading lands below the bar, not under it').to.be.at.least(toggle.getBoundingClientRect().bottom);
    history.replaceState(null, '', location.pathname + location.search);
  });
});
