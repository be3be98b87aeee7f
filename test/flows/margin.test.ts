import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { annotation, cards, frames, reader, wordRect } from '../reader-fixture.js';
import type { EssayReader } from '../../src/index.js';

/* The margin as a reader sees it with many cards: compact until used, the one in use level with its passage. */

const quotes = ['human heart', 'limbic system', 'emotional attachment', 'limbic revision', 'embodied cognition', 'artificial intelligence'];

/** The top of the first line of `quote` in the essay. */
const passageTop = (r: EssayReader, quote: string) => wordRect(r, null, quote).top;

const visibleButtons = (card: Element) => [...card.shadowRoot!.querySelectorAll('button, select')].filter((b) => b.getClientRects().length > 0 && !b.classList.contains('back'));

describe('cards in the margin', () => {
  before(() => setViewport({ width: 1000, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('are compact until used, so six cards stay near their passages; the card in use opens level with its passage', async () => {
    const r = await reader();
    for (const quote of quotes) await r.addAnnotation(annotation(quote));
    await waitUntil(() => cards(r).length === 6 && cards(r).every((c) => c.layout === 'margin'), 'six cards in the margin');
    await frames(3);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the cards glide into place
    const byQuote = (quote: string) => cards(r).find((c) => c.quote === quote)!;
    for (const quote of quotes) expect(visibleButtons(byQuote(quote)).length, `the card on "${quote}" shows no buttons`).to.equal(0);
    const drift = quotes.map((quote) => byQuote(quote).getBoundingClientRect().top - passageTop(r, quote));
    expect(Math.max(...drift), `drift of each card below its passage: ${drift.map(Math.round).join(', ')}`).to.be.at.most(120);

    const marker = r.querySelectorAll<HTMLElement>('[data-essay-note-marker]')[5];
    marker.focus();
    await sendKeys({ press: 'Enter' });
    const card = byQuote('artificial intelligence');
    await waitUntil(() => r.shadowRoot!.activeElement === card, 'focus in the last card');
    await waitUntil(() => Math.abs(card.getBoundingClientRect().top - passageTop(r, 'artificial intelligence')) <= 2, 'the card in use is level with its passage', { timeout: 2000 });
    const buttons = visibleButtons(card);
    expect(buttons.length, 'it shows its actions').to.be.at.least(4);
    const edit = buttons[0].getBoundingClientRect();
    const hit = card.shadowRoot!.elementFromPoint(edit.left + edit.width / 2, edit.top + edit.height / 2);
    expect(hit === buttons[0], 'its first action is on top, over any card it overlaps').to.equal(true);
    await expect(r).to.be.accessible();
  });

  it('are axe-clean compact', async () => {
    const r = await reader();
    for (const quote of quotes.slice(0, 3)) await r.addAnnotation(annotation(quote));
    await waitUntil(() => cards(r).length === 3);
    await expect(r).to.be.accessible();
  });
});
