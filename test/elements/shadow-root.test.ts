import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { EssayReader } from '../../src/index.js';
import { essay, frames } from '../helpers.js';

/* An essay inside another component's shadow root (a CMS block, a design-system card): the styles the reader
   needs for its light-DOM essay must reach it there, where the document's style sheets do not. */

async function readerInShadowRoot(): Promise<{ host: HTMLElement; reader: EssayReader }> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = `<essay-reader document-id="shadow-doc">${essay}</essay-reader>`;
  const reader = shadow.querySelector('essay-reader') as EssayReader;
  await reader.updateComplete;
  await frames();
  return { host, reader };
}

describe('<essay-reader> inside another shadow root', () => {
  it('styles its essay there: section numbers in the accent, self links hidden until hovered', async () => {
    const { reader } = await readerInShadowRoot();
    const number = reader.querySelector<HTMLElement>('[data-essay-section-number]')!;
    const link = reader.querySelector<HTMLElement>('[data-essay-self-link]')!;
    expect(number, 'the heading is numbered').to.be.instanceOf(HTMLElement);
    const accent = getComputedStyle(reader).getPropertyValue('--essay-color-accent').trim();
    const probe = document.createElement('span');
    probe.style.color = accent;
    reader.append(probe);
    const accentColour = getComputedStyle(probe).color;
    probe.remove();
    expect(getComputedStyle(number).color, 'the number is painted in the accent').to.equal(accentColour);
    expect(getComputedStyle(link).opacity, 'the self link waits for hover or focus').to.equal('0');
  });

  it('adopts its sheet once into that root, and into the new root when moved', async () => {
    const { host, reader } = await readerInShadowRoot();
    const root = host.shadowRoot!;
    const count = root.adoptedStyleSheets.length;
    expect(count, 'one sheet adopted').to.equal(1);
    reader.remove();
    root.append(reader);
    await frames();
    expect(root.adoptedStyleSheets.length, 'not adopted twice').to.equal(1);
    const other = document.createElement('div');
    document.body.append(other);
    const otherRoot = other.attachShadow({ mode: 'open' });
    otherRoot.append(reader);
    await frames();
    expect(otherRoot.adoptedStyleSheets.length, 'adopted by the new root').to.equal(1);
    const link = reader.querySelector<HTMLElement>('[data-essay-self-link]')!;
    // The move restyles the link, which can start its fade (a transition): let it end.
    await Promise.all(link.getAnimations().map((a) => a.finished));
    expect(getComputedStyle(link).opacity, 'styled in the new root').to.equal('0');
    other.remove();
  });
});
