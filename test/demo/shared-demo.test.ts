import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { EssayAnnotationCard, EssayReader } from '../../src/index.js';
import { cardControl, toolbarControl } from '../harness.js';
import { openDemo } from './open-demo.js';

/* The demo in shared mode, as two readers use it: two windows side by side, one as Reader A and one as Reader
   B, on the server the test run started. Everything is done through the demo's own interface and checked in both
   windows' interfaces. */

const port = async () => (await fetch('/__shared/port')).text();

async function openAs(token: string, doc: string) {
  const page = await openDemo(1300, '', 800, `?reader=${token}&server=ws://localhost:${await port()}&doc=${doc}`);
  const reader = page.querySelector<EssayReader>('essay-reader')!;
  await waitUntil(() => reader.shadowRoot!.querySelector<HTMLElement>('[part="store-status"]')?.dataset.state === 'synced', `${token}: synced`, {
    timeout: 10000,
  });
  return { page, reader };
}

const cardsOf = (r: EssayReader) => [...r.shadowRoot!.querySelectorAll<EssayAnnotationCard>('essay-annotation-card')];
const cardOn = (r: EssayReader, quote: string) => cardsOf(r).find((c) => c.quote === quote);

/** Selects `text` in the demo's essay (as a reader's drag leaves it) and waits for the toolbar. */
async function selectIn(page: Document, reader: EssayReader, text: string) {
  const walker = page.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const at = node.data.indexOf(text);
    if (at === -1) continue;
    const range = page.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    const selection = page.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    await waitUntil(() => !reader.shadowRoot!.querySelector<HTMLElement>('[part="toolbar"]')!.hidden, 'the toolbar shows');
    return;
  }
  throw new Error(`"${text}" is not in the demo`);
}

/** Comments on `text` through the toolbar and the new card's editor, then shares it with the card's button. */
async function commentAndShare(page: Document, reader: EssayReader, text: string, comment: string) {
  await selectIn(page, reader, text);
  toolbarControl(reader, 'comment').click();
  await waitUntil(() => cardOn(reader, text)?.shadowRoot!.querySelector('textarea.comment'), 'the editor opens');
  const card = cardOn(reader, text)!;
  card.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea.comment')!.value = comment;
  cardControl(card, 'save').click();
  await waitUntil(() => card.shadowRoot!.querySelector('[data-action="share"]'), 'saved');
  cardControl(card, 'share').click();
  await waitUntil(() => cardControl(card, 'share').getAttribute('aria-pressed') === 'true', 'shared');
}

describe('the demo, shared by two readers in two windows', () => {
  it('shows each reader’s shared notes to the other, live: concurrent notes on one passage, a reply, and a deletion', async () => {
    const doc = `demo-${crypto.randomUUID()}`;
    const a = await openAs('reader-a', doc);
    const b = await openAs('reader-b', doc);
    const passage = 'endless space between the words';
    // Both annotate the same passage at the same time.
    await Promise.all([
      commentAndShare(a.page, a.reader, passage, 'Samantha’s image of infinite space'),
      commentAndShare(b.page, b.reader, passage, 'Where she leaves him'),
    ]);
    for (const [name, r] of [
      ['a', a.reader],
      ['b', b.reader],
    ] as const) {
      await waitUntil(() => cardsOf(r).filter((c) => c.quote === passage).length === 2, `${name} shows both notes`, { timeout: 10000 });
    }
    const bSeesA = cardsOf(b.reader).find((c) => c.getAttribute('aria-label')?.startsWith('Reader A’s note'))!;
    expect(bSeesA.shadowRoot!.querySelector('[part="body"]')!.textContent).to.equal('Samantha’s image of infinite space');
    expect(bSeesA.shadowRoot!.querySelector('[data-action="delete"]'), 'b cannot delete a’s note').to.equal(null);

    // B replies to A's note from the card, with the keyboard.
    cardControl(bSeesA, 'reply').click();
    await waitUntil(() => bSeesA.shadowRoot!.querySelector('textarea.reply'), 'the reply editor');
    bSeesA.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea.reply')!.focus();
    await sendKeys({ type: 'Her OS outgrows the words' });
    cardControl(bSeesA, 'post-reply').click();
    const aOwn = () => cardsOf(a.reader).find((c) => c.getAttribute('aria-label')?.startsWith('Your note'));
    await waitUntil(() => aOwn()?.shadowRoot!.querySelector('[part="replies"]')?.textContent?.includes('Her OS outgrows the words'), 'a sees b’s reply', {
      timeout: 10000,
    });

    // B deletes their own note: it leaves a's window too.
    const bOwn = cardsOf(b.reader).find((c) => c.getAttribute('aria-label')?.startsWith('Your note'))!;
    cardControl(bOwn, 'delete').click();
    await waitUntil(() => cardsOf(a.reader).filter((c) => c.quote === passage).length === 1, 'gone from a', { timeout: 10000 });
    expect(cardsOf(b.reader).filter((c) => c.quote === passage).length).to.equal(1);
  });
});
