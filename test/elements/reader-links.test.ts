import { expect, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { parseTextFragment } from '../../src/core/index.js';
import { annotation, cards, reader, select, toolbar, onWideReaderPage } from '../helpers.js';
import { cardControl, toolbarControl } from '../harness.js';

describe('links to passages and annotations', () => {
  onWideReaderPage();

  it('makes a text-fragment link for a selection and follows it back to the passage', async () => {
    const r = await reader();
    select(r, '#p2', 'jointly remodeled');
    const link = r.linkFor(getSelection()!.getRangeAt(0));
    const url = new URL(link);
    expect(url.hash.startsWith('#:~:text=')).to.equal(true);
    expect(parseTextFragment(url.hash)!.textStart).to.equal('jointly remodeled');
    getSelection()!.removeAllRanges();
    expect(r.goToLink(link)).to.equal(true);
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    const flashed = registry?.get('essay-flash');
    if (flashed) expect([...flashed][0].toString()).to.equal('jointly remodeled');
    else expect(r.querySelector('[data-essay-flash]')).to.not.equal(null);
  });

  it('opens at #annotation-<id>, and its link carries the id', async () => {
    const r = await reader();
    const a = (await r.addAnnotation(annotation('embodied cognition')))!;
    await waitUntil(() => cards(r).length === 1);
    expect(new URL(r.linkFor(a)).hash).to.match(new RegExp(`^#annotation-${encodeURIComponent(a.id)}:~:text=`));
    expect(r.goToLink(r.linkFor(a))).to.equal(true);
    await waitUntil(() => r.shadowRoot!.activeElement === cards(r)[0], 'its card has focus');
  });

  it('puts a Copy link on the clipboard, or shows it when the clipboard is refused', async () => {
    const r = await reader();
    select(r, '#p1', 'human heart');
    await waitUntil(() => !toolbar(r).hidden);
    toolbarControl(r, 'copy-link').click();
    const status = r.shadowRoot!.querySelector('[part="status"]')!;
    await waitUntil(() => /Link copied\.|Copy this link: .*#:~:text=/.test(status.textContent!), 'status says where the link is');
  });

  it('gives every card a Copy link that leads back to its annotation', async () => {
    const r = await reader();
    const a = (await r.addAnnotation(annotation('limbic revision')))!;
    await waitUntil(() => cards(r).length === 1);
    cardControl(cards(r)[0], 'copy-link').click();
    const status = r.shadowRoot!.querySelector('[part="status"]')!;
    await waitUntil(() => /Link copied\.|Copy this link: /.test(status.textContent!), 'status says where the link is');
    expect(r.linkFor(a)).to.include(`#annotation-${encodeURIComponent(a.id)}`);
    if (status.textContent!.startsWith('Copy this link: ')) expect(status.textContent).to.include(`#annotation-${encodeURIComponent(a.id)}`);
  });
});
