import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EssayReader } from '../../src/index.js';

/* What a screen reader announces for the essay's headings: the number and the text, once. */

interface Axe {
  setup(node?: Element | Document): unknown;
  teardown(): void;
  commons: { text: { accessibleText(el: Element): string } };
}

/** The accessible name as axe-core computes it (accname 1.2), in every browser. */
async function axeName(el: Element): Promise<string> {
  await import('axe-core/axe.min.js' as string);
  const axe = (window as unknown as { axe: Axe }).axe;
  axe.setup(document);
  try {
    return axe.commons.text.accessibleText(el).replace(/\s+/g, ' ').trim();
  } finally {
    axe.teardown();
  }
}

/** The name in the browser's own accessibility tree, where the runner can read it (Chromium), else null. */
const browserName = async (selector: string) =>
  (await executeServerCommand<{ name: string | null }, { selector: string }>('accessible-name', { selector })).name;

describe('heading names', () => {
  it('are the section number and the heading text, once, with a space between', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = `<essay-reader document-id="names">
      <h2 id="first">First, let’s talk about <em>Her</em> itself</h2>
      <p>There are a few dichotomies in the movie that gave me a lot to think about:</p>
      <h3 id="jonze">Spike Jonze sets up a profoundly interesting parallel between Theodore Twombly’s job and his relationship.</h3>
      <p>Theodore’s job is to use technology to fabricate imitation romantic letters for strangers.</p>
    </essay-reader>`;
    const r = host.querySelector<EssayReader>('essay-reader')!;
    await r.updateComplete;
    const expected = {
      '#first': '1 First, let’s talk about Her itself',
      '#jonze': '1.1 Spike Jonze sets up a profoundly interesting parallel between Theodore Twombly’s job and his relationship.',
    };
    for (const [selector, name] of Object.entries(expected)) {
      expect(await axeName(r.querySelector(selector)!), `${selector} (accname)`).to.equal(name);
      const native = await browserName(`essay-reader ${selector}`);
      if (native !== null) expect(native.replace(/\s+/g, ' ').trim(), `${selector} (the browser's accessibility tree)`).to.equal(name);
    }
    // The self-link still works for a pointer, and the contents still lead to every section by keyboard.
    const link = r.querySelector<HTMLAnchorElement>('#first [data-essay-self-link]')!;
    expect(link.getAttribute('href')).to.equal('#first');
    await expect(r).to.be.accessible();
  });
});
