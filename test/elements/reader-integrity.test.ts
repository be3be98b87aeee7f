import { expect, waitUntil } from '@open-wc/testing';
import { MemoryStore, type Annotation, type AnnotationStore } from '../../src/index.js';
import { annotation, button, cards, reader } from '../reader-fixture.js';

/* What the reader wrote is never reverted, lost behind another item's failure, or left half-imported. */

const comment = (a: Annotation) => (Array.isArray(a.body) ? a.body : [a.body]).map((b) => (b as { value?: string })?.value).join(' ');

/** A store whose `subscribe` the test drives, standing in for another tab's changes. */
class TabStore extends MemoryStore {
  listener: ((annotations: Annotation[]) => void) | null = null;
  override subscribe(_doc: string, listener: (annotations: Annotation[]) => void) {
    this.listener = listener;
    return () => (this.listener = null);
  }
}

describe('reader annotations: integrity', () => {
  it('keeps later edits when an older export is imported again, and says which were older', async () => {
    const r = await reader();
    const a = await r.addAnnotation(annotation('limbic revision'));
    const lastWeek = JSON.stringify(r.exportAnnotations());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await r.updateAnnotation(a!.id, { body: [{ type: 'TextualBody', value: 'Rewritten since', purpose: 'commenting' }] });
    const report = await r.importAnnotations(lastWeek);
    expect(comment(r.annotations.find((x) => x.id === a!.id)!), 'the edit since the export stays').to.equal('Rewritten since');
    expect(report.updated).to.equal(0);
    expect(report.unchanged).to.equal(1);
    expect(report.older).to.deep.equal([a!.id]);
  });

  it('compares modified times as dates, not strings, on import and from another tab', async () => {
    const store = new TabStore();
    const r = await reader(store);
    // 06:00Z is later than 10:00+05:00 (05:00Z), though the string sorts lower.
    const mine = annotation('limbic revision', { modified: '2026-01-01T06:00:00Z', body: [{ type: 'TextualBody', value: 'mine, later', purpose: 'commenting' }] });
    await r.addAnnotation(mine);
    const theirs = { ...mine, modified: '2026-01-01T10:00:00+05:00', body: [{ type: 'TextualBody', value: 'theirs, earlier', purpose: 'commenting' }] };
    const report = await r.importAnnotations(JSON.stringify([theirs]));
    expect(report.older).to.deep.equal([mine.id]);
    expect(comment(r.annotations[0])).to.equal('mine, later');
    store.listener!([theirs as Annotation]);
    await r.updateComplete;
    expect(comment(r.annotations[0]), 'another tab’s older copy does not replace it either').to.equal('mine, later');
    const newer = { ...mine, modified: '2026-01-01T07:00:00+00:00', body: [{ type: 'TextualBody', value: 'theirs, newer', purpose: 'commenting' }] };
    store.listener!([newer as Annotation]);
    expect(comment(r.annotations[0]), 'a newer one does').to.equal('theirs, newer');
  });

  it('deletes a whole thread, replies of replies too, and Undo brings all of it back', async () => {
    const store = new MemoryStore();
    const r = await reader(store);
    const a = (await r.addAnnotation(annotation('limbic revision')))!;
    const reply = (await r.addAnnotation({ ...annotation('x'), motivation: 'replying', target: a.id }))!;
    const replyToReply = (await r.addAnnotation({ ...annotation('y'), motivation: 'replying', target: reply.id }))!;
    const undo = await r.removeAnnotation(a.id);
    expect(r.annotations, 'nothing of the thread left in the reader').to.deep.equal([]);
    expect(await store.load('test-doc'), 'nor in the store').to.deep.equal([]);
    await undo();
    expect(r.annotations.map((x) => x.id).sort()).to.deep.equal([a.id, reply.id, replyToReply.id].sort());
    expect((await store.load('test-doc')).length).to.equal(3);
  });

  it('saves every other annotation when the store refuses one, and keeps the refused one visibly unsaved', async () => {
    const refused = new Set<string>();
    const store: AnnotationStore & { saved: Map<string, Annotation> } = {
      saved: new Map(),
      async load() {
        return [...this.saved.values()];
      },
      async save(_doc, a) {
        if (refused.has(a.id)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        this.saved.set(a.id, a);
      },
      async remove(_doc, id) {
        this.saved.delete(id);
      },
    };
    const r = await reader(store);
    const big = annotation('limbic revision');
    refused.add(big.id);
    await r.addAnnotation(big);
    await r.addAnnotation(annotation('embodied cognition'));
    await r.addAnnotation(annotation('human heart'));
    expect([...store.saved.values()].map((a) => (a.target as { selector: { exact: string }[] }).selector[0].exact).sort()).to.deep.equal(['embodied cognition', 'human heart']);
    expect(r.unsavedIds).to.deep.equal([big.id]);
  });

  it('imports a page note and a passage note together without throwing, lists the page note, refuses another document’s', async () => {
    const r = await reader();
    const pageNote = { id: 'urn:uuid:8a2f6c1e-1d0b-4c39-9d0a-2f7b1c0f0001', type: 'Annotation', body: { type: 'TextualBody', value: 'On the whole essay' }, target: 'test-doc' };
    const elsewhere = { id: 'urn:uuid:8a2f6c1e-1d0b-4c39-9d0a-2f7b1c0f0002', type: 'Annotation', body: { type: 'TextualBody', value: 'On a page of another site' }, target: 'http://example.org/page1' };
    const report = await r.importAnnotations(JSON.stringify([annotation('limbic revision'), pageNote, elsewhere]));
    expect(report.added).to.equal(2);
    expect(report.rejected.map((x) => x.index)).to.deep.equal([2]);
    expect(report.rejected[0].reason).to.include('http://example.org/page1');
    expect(r.annotations.length).to.equal(2);
    await r.updateComplete;
    const list = r.shadowRoot!.querySelector('[part="page-notes"]')!;
    expect(list.textContent, 'listed under Notes on this page').to.include('Notes on this page');
    const card = list.querySelector('essay-annotation-card')!;
    await card.updateComplete;
    expect(card.shadowRoot!.textContent).to.include('On the whole essay');
    expect(r.orphanAnnotations, 'not an unanchored note').to.deep.equal([]);
    await r.addAnnotation(annotation('embodied cognition'));
    await waitUntil(() => cards(r).filter((c) => c.layout === 'margin').length === 2, 'the passage notes in the margin');
    button(card.shadowRoot!, 'Edit').click();
    await card.updateComplete;
    card.shadowRoot!.querySelector('textarea')!.value = 'On the whole essay, revised';
    button(card.shadowRoot!, 'Save').click();
    await waitUntil(() => r.annotations.some((a) => JSON.stringify(a.body).includes('revised')), 'the page note is editable');
    expect(JSON.stringify(r.exportAnnotations())).to.include('On the whole essay, revised');
    await expect(r).to.be.accessible();
  });
});
