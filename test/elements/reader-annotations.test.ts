import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { MemoryStore } from '../../src/core/index.js';
import { annotation, cards, frames, reader, select, toolbar, onWideReaderPage } from '../helpers.js';
import { cardControl } from '../harness.js';

describe('reader annotations: import, hostile bodies, readonly, accessibility', () => {
  onWideReaderPage();

  it('imports a file with valid, invalid and unanchorable items and reports each; importing again changes nothing, a newer copy updates', async () => {
    const r = await reader();
    const good = annotation('limbic revision');
    const lost = annotation('a passage that is not in this essay at all');
    const file = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      total: 3,
      first: { type: 'AnnotationPage', startIndex: 0, items: [good, { id: 'bad', type: 'Annotation' }, lost] },
    };
    const orphan = oneEvent(r, 'essay-annotation-orphan');
    const report = await r.importAnnotations(JSON.stringify(file));
    expect(report).to.deep.equal({ added: 2, updated: 0, unchanged: 0, older: [], orphaned: 1, rejected: [{ index: 1, reason: 'items[1].target: required' }] });
    expect((await orphan).detail.annotation.id).to.equal(lost.id);
    await r.updateComplete;
    const list = r.shadowRoot!.querySelector('[part="orphans"]')!;
    expect(list.textContent).to.contain('a passage that is not in this essay at all');
    expect(await r.importAnnotations(file)).to.deep.equal({
      added: 0,
      updated: 0,
      unchanged: 2,
      older: [],
      orphaned: 0,
      rejected: [{ index: 1, reason: 'items[1].target: required' }],
    });
    const newer = { ...good, modified: new Date(Date.now() + 1000).toISOString(), body: [{ type: 'TextualBody', value: 'Revised', purpose: 'commenting' }] };
    expect(await r.importAnnotations([newer])).to.deep.equal({ added: 0, updated: 1, unchanged: 0, older: [], orphaned: 0, rejected: [] });
    const exported = r.exportAnnotations();
    expect(exported.total).to.equal(2);
    expect(await r.exportMarkdown()).to.contain('> limbic revision');
  });

  it('renders hostile bodies as inert text', async () => {
    const r = await reader();
    (window as unknown as { __pwned?: number }).__pwned = undefined;
    const hostile = ['<img src=x onerror="window.__pwned=1">', '<a href="javascript:window.__pwned=2">click</a>', '</style><script>window.__pwned=3</script>'];
    for (const value of hostile) {
      await r.addAnnotation(annotation('limbic revision', { body: [{ type: 'TextualBody', value, purpose: 'commenting' }] }));
    }
    await waitUntil(() => cards(r).length === 3);
    await frames(3);
    for (const [i, card] of cards(r).entries()) {
      const body = card.shadowRoot!.querySelector('[part="body"]')!;
      expect(body.textContent).to.equal(hostile[i]);
      expect(body.children.length).to.equal(0);
    }
    expect(r.shadowRoot!.querySelectorAll('img, script, a[href^="javascript"]').length).to.equal(0);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows stored annotations without editing controls when readonly, and makes none from selections', async () => {
    const store = new MemoryStore();
    await store.save('test-doc', annotation('limbic revision'));
    const r = await reader(store, 'readonly');
    await waitUntil(() => cards(r).length === 1);
    expect(cards(r)[0].shadowRoot!.querySelector('[part="actions"]')).to.equal(null);
    select(r, '#p1', 'human heart');
    await frames(3);
    expect(toolbar(r).hidden).to.equal(true);
  });

  it('has no accessibility violations with cards open', async () => {
    const r = await reader();
    await r.addAnnotation(annotation('limbic revision'));
    await waitUntil(() => cards(r).length === 1);
    cardControl(cards(r)[0], 'reply').click();
    await cards(r)[0].updateComplete;
    await expect(r).to.be.accessible();
  });
});
