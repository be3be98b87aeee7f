import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { LocalStorageStore } from '../../src/core/index.js';
import { FakeStorage } from '../core/store/fake-storage.js';
import { annotation, cards, reader } from '../helpers.js';
import { cardControl } from '../harness.js';

/* What a reader types is kept: across Escape, across a reload, and the page asks before it is left behind. */

const KEY = 'essay-reader:annotations:test-doc';
function highlight() {
  const { body: _body, ...rest } = annotation('limbic revision', { motivation: 'highlighting' });
  return rest;
}

async function typeInNewEditor(r: Awaited<ReturnType<typeof reader>>, text: string) {
  await waitUntil(() => cards(r).length === 1, 'a card');
  const card = cards(r)[0];
  cardControl(card, 'edit').click();
  await waitUntil(() => card.shadowRoot!.activeElement?.localName === 'textarea', 'the editor has focus');
  await sendKeys({ type: text });
  return card;
}

describe('drafts', () => {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('survive a reload: the reader finds the draft on the card and in the reopened editor, and exports leave it out', async () => {
    const storage = new FakeStorage();
    const first = await reader(new LocalStorageStore({ storage }));
    await first.addAnnotation(highlight());
    await typeInNewEditor(first, 'Remodelled together, slowly');
    await waitUntil(() => storage.getItem(KEY)?.includes('Remodelled together, slowly'), 'the draft reaches the store while the editor is open', {
      timeout: 2000,
    });
    first.parentElement!.remove();

    const second = await reader(new LocalStorageStore({ storage }));
    await waitUntil(() => cards(second).length === 1, 'the card after the reload');
    const card = cards(second)[0];
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[part="draft"]')?.textContent, 'the card says a draft is kept').to.include('Remodelled together, slowly');
    expect(JSON.stringify(second.exportAnnotations()), 'an export does not carry it').to.not.include('Remodelled together');
    cardControl(card, 'edit').click();
    await card.updateComplete;
    const field = card.shadowRoot!.querySelector('textarea')!;
    expect(field.value, 'reopening restores it').to.equal('Remodelled together, slowly');
    cardControl(card, 'save').click();
    await waitUntil(() => !storage.getItem(KEY)!.includes('essayReaderDraft'), 'saving clears the draft');
    expect(storage.getItem(KEY)).to.include('Remodelled together, slowly');
  });

  it('make leaving the page ask first, and are kept at once if the reader leaves anyway', async () => {
    const storage = new FakeStorage();
    const r = await reader(new LocalStorageStore({ storage }));
    await r.addAnnotation(highlight());
    const card = await typeInNewEditor(r, 'Not yet saved');
    const leave = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leave);
    expect(leave.defaultPrevented, 'the browser asks before leaving').to.equal(true);
    await waitUntil(() => storage.getItem(KEY)?.includes('Not yet saved'), 'the draft is in the store straight away', { timeout: 300 });
    cardControl(card, 'save').click();
    await waitUntil(() => !card.editing, 'saved');
    const again = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(again);
    expect(again.defaultPrevented, 'nothing unsaved: no question').to.equal(false);
    r.parentElement!.remove();
  });
});
