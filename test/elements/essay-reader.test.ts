import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EssayReader } from '../../src/index.js';

const numbersIn = (root: Element) =>
  [...root.querySelectorAll('h2, h3')].map((h) => h.querySelector('[data-essay-section-number]')?.textContent?.trim() ?? null);

async function reader(template: ReturnType<typeof html>) {
  const el = await fixture<EssayReader>(template);
  await el.updateComplete;
  return el;
}

describe('<essay-reader>', () => {
  it('numbers sections and subsections in the light DOM', async () => {
    const el = await reader(html`<essay-reader>
      <h2>Alpha</h2><p>a</p><h3>Alpha one</h3><p>b</p><h3>Alpha two</h3>
      <h2 data-unnumbered>Interlude</h2>
      <h2>Beta</h2><h3>Beta one</h3>
    </essay-reader>`);
    expect(numbersIn(el)).to.deep.equal(['1', '1.1', '1.2', null, '2', '2.1']);
    expect(el.outline.map((e) => e.number)).to.deep.equal(['1', '1.1', '1.2', null, '2', '2.1']);
  });

  it('gives headings stable slug ids, keeps author ids and adds a self-link', async () => {
    const el = await reader(html`<essay-reader>
      <h2>The book comes in</h2><h2 id="mine">Anything</h2><h2>The book comes in</h2>
    </essay-reader>`);
    const ids = [...el.querySelectorAll('h2')].map((h) => h.id);
    expect(ids).to.deep.equal(['the-book-comes-in', 'mine', 'the-book-comes-in-2']);
    const link = el.querySelector<HTMLAnchorElement>('#mine [data-essay-self-link]')!;
    expect(new URL(link.href).hash).to.equal('#mine');
    expect(link.title).to.equal('Link to section: Anything');
    expect(link.getAttribute('aria-hidden'), 'not read as part of the heading').to.equal('true');
  });

  it('follows numbering="none" and numbering-start', async () => {
    const el = await reader(html`<essay-reader numbering-start="3"><h2>A</h2><h2>B</h2></essay-reader>`);
    expect(numbersIn(el)).to.deep.equal(['3', '4']);
    el.numbering = 'none';
    await el.updateComplete;
    expect(numbersIn(el)).to.deep.equal([null, null]);
    expect(el.querySelectorAll('[data-essay-section-number]').length).to.equal(0);
  });

  it('renumbers when the author adds a heading', async () => {
    const el = await reader(html`<essay-reader><h2>A</h2><p>text</p><h2>C</h2></essay-reader>`);
    const b = document.createElement('h2');
    b.textContent = 'B';
    el.querySelector('p')!.after(b);
    await oneEvent(el, 'essay-outline-change');
    expect(numbersIn(el)).to.deep.equal(['1', '2', '3']);
    expect(el.outline.map((e) => e.text)).to.deep.equal(['A', 'B', 'C']);
  });

  it('lists the sections in the contents with links to them', async () => {
    const el = await reader(html`<essay-reader><h2>Alpha</h2><h3>Sub</h3><h2 data-unnumbered>Coda</h2></essay-reader>`);
    const toc = el.shadowRoot!.querySelector('essay-toc')!;
    await toc.updateComplete;
    const links = [...toc.shadowRoot!.querySelectorAll('a')];
    expect(links.map((a) => a.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['1Alpha', '1.1Sub', 'Coda']);
    expect(links.map((a) => new URL(a.href).hash)).to.deep.equal(['#alpha', '#sub', '#coda']);
    expect(toc.shadowRoot!.querySelector('nav')!.getAttribute('aria-label')).to.equal('Contents');
    // The sub-section is a nested list, as screen readers announce it.
    expect(toc.shadowRoot!.querySelector('ol ol a')!.textContent).to.contain('Sub');
  });

  it('shows the reading time at 230 words a minute', async () => {
    const words = Array.from({ length: 690 }, () => 'word').join(' ');
    const el = await reader(html`<essay-reader><h2>A</h2><p>${words}</p></essay-reader>`);
    expect(el.readingMinutes).to.equal(3);
    expect(el.shadowRoot!.querySelector('[part="reading-time"]')!.textContent).to.equal('3 min read');
  });

  it('renders without error when empty or without headings', async () => {
    const empty = await reader(html`<essay-reader></essay-reader>`);
    expect(empty.outline).to.deep.equal([]);
    expect(empty.shadowRoot!.querySelector('[part="reading-time"]')).to.equal(null);
    const plain = await reader(html`<essay-reader><p>Just a paragraph.</p></essay-reader>`);
    expect(plain.outline).to.deep.equal([]);
    expect(plain.shadowRoot!.querySelector('[part="reading-time"]')!.textContent).to.equal('1 min read');
  });

  it('is safe to move: numbering and contents survive disconnect and reconnect', async () => {
    const el = await reader(html`<essay-reader><h2>A</h2><h2>B</h2></essay-reader>`);
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await el.updateComplete;
    expect(numbersIn(el)).to.deep.equal(['1', '2']);
    expect(el.querySelectorAll('[data-essay-section-number]').length).to.equal(2);
    elsewhere.remove();
  });
});

describe('<essay-reader> scrolling', () => {
  const longEssay = html`<essay-reader style="display:block">
    <h2>First</h2>
    ${Array.from({ length: 20 }, () => html`<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>`)}
    <h2>Second</h2>
    ${Array.from({ length: 20 }, () => html`<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>`)}
    <h2>Third</h2>
    ${Array.from({ length: 40 }, () => html`<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>`)}
  </essay-reader>`;

  afterEach(() => window.scrollTo({ top: 0, behavior: 'instant' }));

  it('marks the section being read in the contents as the reader scrolls', async () => {
    const el = await reader(longEssay);
    const second = el.querySelector<HTMLElement>('#second')!;
    second.scrollIntoView({ block: 'start' });
    await waitUntil(() => el.currentSectionId === 'second', 'current section became "second"');
    const toc = el.shadowRoot!.querySelector('essay-toc')!;
    await toc.updateComplete;
    const current = toc.shadowRoot!.querySelector('a[aria-current="location"]')!;
    expect(current.textContent).to.contain('Second');
    expect(current.getAttribute('part')).to.contain('toc-link-current');
  });

  it('scrolls to a section when its contents link is followed', async () => {
    const el = await reader(longEssay);
    const toc = el.shadowRoot!.querySelector('essay-toc')!;
    toc.classList.add('open'); // visible at any width
    await toc.updateComplete;
    const link = [...toc.shadowRoot!.querySelectorAll('a')].find((a) => a.textContent!.includes('Third'))!;
    link.click();
    const third = el.querySelector('#third')!;
    await waitUntil(() => Math.abs(third.getBoundingClientRect().top) < 120, 'third heading at the top', { timeout: 4000 });
    expect(location.hash).to.equal('#third');
    expect(document.activeElement).to.equal(third);
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('fills the progress bar as the reader scrolls through the essay', async () => {
    const el = await reader(longEssay);
    const bar = el.shadowRoot!.querySelector<HTMLElement>('[part="progress-bar"]')!;
    const scaleOf = () => new DOMMatrix(getComputedStyle(bar).transform).a;
    await waitUntil(() => scaleOf() < 0.05, 'progress empty at the top');
    const rect = el.getBoundingClientRect();
    window.scrollTo({ top: window.scrollY + rect.top + (rect.height - innerHeight) / 2, behavior: 'instant' });
    await waitUntil(() => scaleOf() > 0.45 && scaleOf() < 0.55, 'progress near half');
    window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });
    await waitUntil(() => scaleOf() === 1, 'progress full at the end');
  });

  it('scrolls to the section named in the URL on load', async () => {
    history.replaceState(null, '', '#third');
    try {
      const el = await reader(longEssay);
      await aTimeout(50);
      const top = el.querySelector('#third')!.getBoundingClientRect().top;
      expect(Math.abs(top)).to.be.below(100);
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });
});

describe('<essay-reader> on a narrow page', () => {
  before(() => setViewport({ width: 600, height: 800 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('puts the contents behind a Contents button that a keyboard user can open and close', async () => {
    const el = await reader(html`<essay-reader><h2>Alpha</h2><p>a</p><h2>Beta</h2><p>b</p></essay-reader>`);
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toc-toggle"]')!;
    const toc = el.shadowRoot!.querySelector('essay-toc')!;
    expect(getComputedStyle(toggle).display).to.not.equal('none');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toc.getBoundingClientRect().height).to.equal(0);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toc.getBoundingClientRect().height).to.be.greaterThan(0);
    // Following a link closes it again.
    toc.shadowRoot!.querySelector<HTMLAnchorElement>('a')!.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    history.replaceState(null, '', location.pathname + location.search);
    window.scrollTo({ top: 0, behavior: 'instant' });
  });
});
