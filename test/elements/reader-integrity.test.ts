import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { type Annotation, type AnnotationStore, type CardAction, type StoreErrorKind } from '../../src/index.js';
import { IndexedDBStore, LocalStorageStore, MemoryStore } from '../../src/core/index.js';
import { FakeStorage } from '../core/store/fake-storage.js';
import { annotation, cards, essay, frames, reader, select } from '../helpers.js';
import { cardControl, readerControl } from '../harness.js';

/* What the reader wrote is never reverted, lost behind another item's failure, or left half-imported. */

const comment = (a: Annotation) => (Array.isArray(a.body) ? a.body : [a.body]).map((b) => (b as { value?: string })?.value).join(' ');

/** A store whose `subscribe` the test drives, standing in for another tab's changes. */
class TabStore extends MemoryStore {
  listener: ((annotations: Annotation[], changes?: { removed: string[] }) => void) | null = null;
  override subscribe(_doc: string, listener: (annotations: Annotation[], changes?: { removed: string[] }) => void) {
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
    const mine = annotation('limbic revision', {
      modified: '2026-01-01T06:00:00Z',
      body: [{ type: 'TextualBody', value: 'mine, later', purpose: 'commenting' }],
    });
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

  it('lists a reply whose parent is missing with the unanchored notes, where it can be re-attached or deleted', async () => {
    const store = new MemoryStore();
    const r = await reader(store);
    const lost = {
      ...annotation('x'),
      motivation: 'replying',
      body: [{ type: 'TextualBody', value: 'An answer to a note that is gone', purpose: 'replying' }],
      target: 'urn:uuid:no-such-note',
    };
    const lostReply = {
      ...annotation('y'),
      motivation: 'replying',
      body: [{ type: 'TextualBody', value: 'And a reply to the answer', purpose: 'replying' }],
      target: lost.id,
    };
    const report = await r.importAnnotations([lost, lostReply]);
    expect(report.added).to.equal(2);
    await r.updateComplete;
    expect(
      r.orphanAnnotations.map((a) => a.id),
      'listed, not stored forever unseen',
    ).to.deep.equal([lost.id]);
    const panel = r.shadowRoot!.querySelector('[part="orphans"]')!;
    expect(panel.textContent).to.include('An answer to a note that is gone');
    select(r, '#p3', 'embodied cognition');
    readerControl(r, 'reattach', panel).click();
    await waitUntil(() => r.orphanAnnotations.length === 0, 're-attached as a note on the passage');
    expect(r.rangeFor(lost.id)!.toString()).to.equal('embodied cognition');
    expect(
      cards(r).some((c) => c.annotation?.id === lost.id),
      'with its card in the margin',
    ).to.equal(true);
    expect((await store.load('test-doc')).length, 'both kept').to.equal(2);
  });

  it('ignores what a replaced store loads late: a store set right after the reader connects loses nothing', async () => {
    const stale = annotation('human heart');
    let release!: () => void;
    const slow: AnnotationStore = {
      load: () => new Promise((resolve) => (release = () => resolve([stale]))),
      async save() {},
      async remove() {},
    };
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const r = document.createElement('essay-reader');
    r.setAttribute('document-id', 'test-doc');
    r.innerHTML = essay;
    r.store = slow;
    host.append(r);
    await r.updateComplete;
    // The page plugs in its own store while the first one is still loading (README: `reader.store = …`).
    const mine = new MemoryStore();
    r.store = mine;
    await r.updateComplete;
    const kept = await r.importAnnotations([annotation('limbic revision'), annotation('embodied cognition')]);
    expect(kept.added).to.equal(2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await r.updateComplete;
    expect(r.annotations.length, 'the late load of the replaced store neither deletes nor adds').to.equal(2);
    expect(r.annotations.some((a) => a.id === stale.id)).to.equal(false);
    expect((await mine.load('test-doc')).length).to.equal(2);
  });

  it('lets the page run while a big import anchors its passages', async () => {
    const r = await reader();
    const quotes = ['human heart', 'limbic system', 'emotional attachment', 'limbic revision', 'embodied cognition', 'artificial intelligence'];
    const items = Array.from({ length: 2_000 }, (_, i) => annotation(quotes[i % quotes.length]));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      const report = await r.importAnnotations(items);
      expect(report.added).to.equal(2_000);
    } finally {
      clearInterval(timer);
    }
    expect(ticks, 'timers ran between the slices of the import').to.be.at.least(2);
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
    expect([...store.saved.values()].map((a) => (a.target as { selector: { exact: string }[] }).selector[0].exact).sort()).to.deep.equal([
      'embodied cognition',
      'human heart',
    ]);
    expect(r.unsavedIds).to.deep.equal([big.id]);
  });

  it('imports a page note and a passage note together without throwing, lists the page note, refuses another document’s', async () => {
    const r = await reader();
    const pageNote = {
      id: 'urn:uuid:8a2f6c1e-1d0b-4c39-9d0a-2f7b1c0f0001',
      type: 'Annotation',
      body: { type: 'TextualBody', value: 'On the whole essay' },
      target: 'test-doc',
    };
    const elsewhere = {
      id: 'urn:uuid:8a2f6c1e-1d0b-4c39-9d0a-2f7b1c0f0002',
      type: 'Annotation',
      body: { type: 'TextualBody', value: 'On a page of another site' },
      target: 'http://example.org/page1',
    };
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
    cardControl(card, 'edit').click();
    await card.updateComplete;
    card.shadowRoot!.querySelector('textarea')!.value = 'On the whole essay, revised';
    cardControl(card, 'save').click();
    await waitUntil(() => r.annotations.some((a) => JSON.stringify(a.body).includes('revised')), 'the page note is editable');
    expect(JSON.stringify(r.exportAnnotations())).to.include('On the whole essay, revised');
    await expect(r).to.be.accessible();
  });

  it('reports what a store’s load returns that is not an annotation, and shows the rest', async () => {
    const broken: AnnotationStore = {
      async load() {
        return [annotation('limbic revision'), { id: 'x', type: 'Annotation' } as unknown as Annotation, null as unknown as Annotation];
      },
      async save() {},
      async remove() {},
    };
    const host = document.createElement('div');
    document.body.append(host);
    try {
      const r = document.createElement('essay-reader');
      r.setAttribute('document-id', 'test-doc');
      r.innerHTML = '<p>The emotional attachment that we require is effected through a process that the authors call limbic revision.</p>';
      r.store = broken;
      const error = oneEvent(r, 'essay-store-error');
      host.append(r);
      const { detail } = await error;
      expect(detail.kind).to.equal('corrupt');
      expect(detail.message).to.include('[1]');
      await waitUntil(() => cards(r).length === 1, 'the good one is shown');
      expect(r.annotations.length).to.equal(1);
    } finally {
      host.remove();
    }
  });

  it('edits only the comment: tags, links and a comment in another language survive', async () => {
    const r = await reader();
    const a = await r.addAnnotation(
      annotation('limbic revision', {
        body: [
          { type: 'TextualBody', value: 'First thought', purpose: 'commenting', language: 'en' },
          { type: 'TextualBody', value: 'Première pensée', purpose: 'commenting', language: 'fr' },
          { type: 'TextualBody', value: 'neuroscience', purpose: 'tagging' },
          { id: 'http://example.org/limbic', type: 'Text', purpose: 'linking' },
        ],
      }),
    );
    await waitUntil(() => cards(r).length === 1);
    const card = cards(r)[0];
    cardControl(card, 'edit').click();
    await card.updateComplete;
    card.shadowRoot!.querySelector('textarea')!.value = 'Second thought';
    cardControl(card, 'save').click();
    await waitUntil(() => comment(r.annotations[0]).includes('Second thought'), 'saved');
    const body = JSON.stringify(r.annotations.find((x) => x.id === a!.id)!.body);
    for (const kept of ['Première pensée', 'neuroscience', 'http://example.org/limbic']) expect(body, kept).to.include(kept);
    expect(body).to.not.include('First thought');
  });

  it('keeps unsaved annotations when the store is swapped: they go to the store they were made for', async () => {
    let refuse = true;
    const first: AnnotationStore & { saved: Annotation[] } = {
      saved: [],
      async load() {
        return this.saved;
      },
      async save(_doc, a) {
        if (refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        this.saved = [...this.saved.filter((x) => x.id !== a.id), a];
      },
      async remove() {},
    };
    const r = await reader(first);
    const kept = await r.addAnnotation(annotation('limbic revision'));
    expect(r.unsavedIds).to.deep.equal([kept!.id]);
    refuse = false;
    r.store = new MemoryStore();
    await waitUntil(() => first.saved.some((a) => a.id === kept!.id), 'the unsaved annotation reached the store it was made in');
  });

  it('shows on its card that an annotation is not saved, with Retry, and warns before the page is left', async () => {
    let refuse = true;
    const saved = new Map<string, Annotation>();
    const store: AnnotationStore = {
      async load() {
        return [...saved.values()];
      },
      async save(_doc, a) {
        if (refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        saved.set(a.id, a);
      },
      async remove() {},
    };
    const r = await reader(store);
    await r.addAnnotation(annotation('limbic revision'));
    await waitUntil(() => cards(r)[0]?.shadowRoot!.textContent!.includes('Not saved'), 'the card says it is not saved');
    const leave = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leave);
    expect(leave.defaultPrevented, 'leaving asks first').to.equal(true);
    refuse = false;
    cardControl(cards(r)[0], 'retry').click();
    await waitUntil(() => saved.size === 1 && !cards(r)[0].shadowRoot!.textContent!.includes('Not saved'), 'saved on Retry, and the card says so no more');
    const again = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(again);
    expect(again.defaultPrevented).to.equal(false);
  });

  it('re-attaches an orphan of a multi-target annotation and keeps its other targets', async () => {
    const r = await reader();
    const image = { source: 'http://example.org/still-from-her.jpg', type: 'Image' };
    const lost = (await r.addAnnotation(
      annotation('words that were edited away', {
        target: [{ source: 'test-doc', selector: [{ type: 'TextQuoteSelector', exact: 'words that were edited away' }] }, image],
      }),
    ))!;
    await waitUntil(() => r.orphanAnnotations.length === 1);
    select(r, '#p3', 'embodied cognition');
    readerControl(r, 'reattach', r.shadowRoot!.querySelector('[part="orphans"]')!).click();
    await waitUntil(() => r.orphanAnnotations.length === 0, 'no longer an orphan');
    const targets = r.annotations.find((a) => a.id === lost.id)!.target as unknown[];
    expect(targets.length, 'both targets').to.equal(2);
    expect(JSON.stringify(targets)).to.include('still-from-her.jpg');
    expect(r.rangeFor(lost.id)!.toString()).to.equal('embodied cognition');
    getSelection()!.removeAllRanges();
  });

  it('drops only what another tab deleted: what it set aside as unreadable is kept here and saved again', async () => {
    const store = new TabStore();
    const r = await reader(store);
    const x = (await r.addAnnotation(annotation('limbic revision')))!;
    const y = (await r.addAnnotation(annotation('embodied cognition')))!;
    const saves: string[] = [];
    const save = store.save.bind(store);
    store.save = async (doc, a) => {
      saves.push(a.id);
      return save(doc, a);
    };
    // The other tab could not read y (it was set aside), and deleted nothing.
    store.listener!([x], { removed: [] });
    expect(r.annotations.map((a) => a.id).sort(), 'y is kept').to.deep.equal([x.id, y.id].sort());
    await waitUntil(() => saves.includes(y.id) && r.unsavedIds.length === 0, 'and saved again');
    // Now it deletes y on purpose.
    store.listener!([x], { removed: [y.id] });
    expect(r.annotations.map((a) => a.id)).to.deep.equal([x.id]);
  });

  it('keeps a collection per page address, query included and tracking parameters left out, and brings over what anchors from before', async () => {
    const original = location.href;
    const page = location.pathname;
    const base = `${location.origin}${page}`;
    const opened: HTMLElement[] = [];
    const open = async () => {
      const host = document.createElement('div');
      host.innerHTML = `<essay-reader>${essay}</essay-reader>`;
      document.body.append(host);
      opened.push(host);
      const r = host.querySelector('essay-reader')!;
      await r.updateComplete;
      await frames(2);
      return r;
    };
    // Before: one collection under the path alone, shared by every ?p=.
    localStorage.setItem(
      `essay-reader:annotations:${base}`,
      JSON.stringify([
        annotation('limbic revision', { target: { source: base, selector: [{ type: 'TextQuoteSelector', exact: 'limbic revision' }] } }),
        annotation('a passage of another post entirely'),
      ]),
    );
    try {
      history.replaceState(null, '', `${page}?p=1&utm_source=newsletter&utm_medium=email`);
      const first = await open();
      expect(first.resolvedDocumentId).to.equal(`${base}?p=1`);
      await waitUntil(() => first.annotations.length === 1, 'what anchors here is brought over from the old collection');
      expect(first.orphanAnnotations, 'and another post’s annotation is not listed as unanchored').to.deep.equal([]);
      await first.addAnnotation(annotation('embodied cognition'));
      history.replaceState(null, '', `${page}?p=2`);
      const second = await open();
      expect(second.resolvedDocumentId).to.equal(`${base}?p=2`);
      await frames(2);
      expect(
        second.annotations.map((a) => (a.target as { selector: { exact: string }[] }).selector[0].exact),
        'p=2 does not list p=1’s',
      ).to.not.include('embodied cognition');
      const store = new IndexedDBStore();
      const old = JSON.stringify(await store.load(base));
      await store.close();
      expect(old, 'the old collection is left as it was (moved from localStorage to the default store)').to.include('another post entirely');
    } finally {
      opened.forEach((h) => h.remove());
      for (const key of Object.keys(localStorage)) if (key.includes(base)) localStorage.removeItem(key);
      const store = new IndexedDBStore();
      for (const doc of [base, `${base}?p=1`, `${base}?p=2`]) for (const a of await store.load(doc)) await store.remove(doc, a.id);
      await store.close();
      history.replaceState(null, '', original);
    }
  });

  it('lets the page filter or cancel an import before anything changes, then reports it once', async () => {
    const r = await reader();
    const items = [annotation('limbic revision'), annotation('embodied cognition'), annotation('human heart')];
    const dropHeart = (event: HTMLElementEventMap['essay-annotations-import']) => {
      event.detail.annotations = event.detail.annotations.filter((a) => !JSON.stringify(a.target).includes('human heart'));
    };
    r.addEventListener('essay-annotations-import', dropHeart, { once: true });
    const imported = oneEvent(r, 'essay-annotations-imported');
    const report = await r.importAnnotations(items);
    expect(report.added).to.equal(2);
    expect((await imported).detail.report).to.deep.equal(report);
    expect(r.annotations.length).to.equal(2);
    r.addEventListener('essay-annotations-import', (event) => event.preventDefault(), { once: true });
    const cancelled = await r.importAnnotations([annotation('artificial intelligence')]);
    expect(cancelled.cancelled).to.equal(true);
    expect(r.annotations.length, 'a cancelled import changes nothing').to.equal(2);
  });

  it('refuses at the door what could never be saved, with a reason, and keeps exporting', async () => {
    const r = await reader();
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const nested = annotation('limbic revision', { extra: deep });
    let error: unknown;
    try {
      await r.addAnnotation(nested);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(TypeError);
    expect((error as Error).message).to.include('nested more than');
    const huge = annotation('embodied cognition', { body: [{ type: 'TextualBody', value: 'x'.repeat(300_000), purpose: 'commenting' }] });
    const report = await r.importAnnotations([annotation('human heart'), huge, nested]);
    expect(report.added).to.equal(1);
    expect(report.rejected.map((x) => x.index)).to.deep.equal([1, 2]);
    expect(report.rejected[0].reason).to.include('characters as JSON');
    expect(() => r.exportAnnotations()).to.not.throw();
    r.limits = { ...r.limits, maxPerDocument: 2 };
    const full = await r.importAnnotations([annotation('limbic revision'), annotation('artificial intelligence')]);
    expect(full.added).to.equal(1);
    expect(full.rejected[0].reason).to.include('the most allowed');
  });

  it('imports 3,000 annotations into the default store in one write, not one read-and-rewrite each', async () => {
    class CountingStorage extends FakeStorage {
      writes = 0;
      override setItem(key: string, value: string) {
        if (key.startsWith('essay-reader:annotations:')) this.writes++;
        super.setItem(key, value);
      }
    }
    const storage = new CountingStorage();
    const r = await reader(new LocalStorageStore({ storage }));
    const quotes = ['human heart', 'limbic system', 'emotional attachment', 'limbic revision', 'embodied cognition', 'artificial intelligence'];
    const items = Array.from({ length: 3_000 }, (_, i) => annotation(quotes[i % quotes.length]));
    const report = await r.importAnnotations(items);
    expect(report.added).to.equal(3_000);
    expect(JSON.parse(storage.getItem('essay-reader:annotations:test-doc')!).length, 'all stored').to.equal(3_000);
    expect(storage.writes, 'one batch write').to.be.at.most(2);
    expect(r.unsavedIds).to.deep.equal([]);
  });
});

describe('the reader’s events', () => {
  it('are typed for the page: a card’s action and a store error’s kind reach the page’s listeners', async () => {
    const store: AnnotationStore = {
      async load() {
        return [];
      },
      async save() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
      async remove() {},
    };
    const r = await reader(store);
    const kinds: StoreErrorKind[] = [];
    const actions: CardAction['action'][] = [];
    const onError = (event: HTMLElementEventMap['essay-store-error']) => kinds.push(event.detail.kind);
    const onAction = (event: HTMLElementEventMap['essay-card-action']) => actions.push(event.detail.action);
    document.body.addEventListener('essay-store-error', onError);
    document.body.addEventListener('essay-card-action', onAction);
    try {
      const a = (await r.addAnnotation(annotation('limbic revision')))!;
      await waitUntil(() => cards(r).length === 1, 'its card');
      const card = cards(r)[0];
      await card.updateComplete;
      cardControl(card, 'retry').click();
      await waitUntil(() => actions.includes('retry'), 'the page hears the card’s action');
      expect(kinds[0]).to.equal('failed');
      expect(r.unsavedIds).to.deep.equal([a.id]);
    } finally {
      document.body.removeEventListener('essay-store-error', onError);
      document.body.removeEventListener('essay-card-action', onAction);
    }
  });
});
