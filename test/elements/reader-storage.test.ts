import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { IndexedDBStore, LocalStorageStore } from '../../src/core/index.js';
import { FakeStorage } from '../core/store/fake-storage.js';
import { annotation, cards, essay, frames, reader, onWideReaderPage } from '../helpers.js';

describe('reader annotations in their store', () => {
  onWideReaderPage();

  it('finds everything again after a reload (a new reader on the same store)', async () => {
    const storage = new FakeStorage();
    const first = await reader(new LocalStorageStore({ storage }));
    await first.addAnnotation(annotation('embodied cognition'));
    first.remove();
    const second = await reader(new LocalStorageStore({ storage }));
    await waitUntil(() => cards(second).length === 1, 'the annotation is back');
    expect(second.rangeFor(second.annotations[0].id)!.toString()).to.equal('embodied cognition');
  });

  it('keeps an annotation in memory when storage is full, fires essay-store-error, and saves it later', async () => {
    const storage = new FakeStorage();
    const r = await reader(new LocalStorageStore({ storage }));
    storage.failWith = 'quota';
    const error = oneEvent(r, 'essay-store-error');
    const kept = await r.addAnnotation(annotation('limbic revision'));
    const { detail } = await error;
    expect(detail.kind).to.equal('quota');
    expect(detail.annotationId).to.equal(kept!.id);
    expect(r.annotations.map((a) => a.id)).to.deep.equal([kept!.id]);
    expect(r.unsavedIds).to.deep.equal([kept!.id]);
    storage.failWith = null;
    await r.addAnnotation(annotation('embodied cognition'));
    expect(r.unsavedIds).to.deep.equal([]);
    const saved = JSON.parse(storage.getItem('essay-reader:annotations:test-doc')!);
    expect(saved.length).to.equal(2);
  });

  it('keeps annotations when localStorage is missing, and says so', async () => {
    const r = await reader(new LocalStorageStore({ storage: null }));
    const error = oneEvent(r, 'essay-store-error');
    await r.addAnnotation(annotation('limbic revision'));
    expect((await error).detail.kind).to.equal('unavailable');
    expect(r.annotations.length).to.equal(1);
    await waitUntil(() => cards(r).length === 1);
  });

  it('quarantines stored data that does not parse (default store) and reports it with essay-store-error', async () => {
    const key = 'essay-reader:annotations:quarantine-doc';
    localStorage.setItem(key, '[{"id": 1}');
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const error = oneEvent(host, 'essay-store-error');
    host.innerHTML = `<essay-reader document-id="quarantine-doc">${essay}</essay-reader>`;
    const { detail } = await error;
    try {
      expect(detail.kind).to.equal('corrupt');
      expect(detail.quarantineKey).to.match(/^essay-reader:quarantine:quarantine-doc:\d+$/);
      expect(localStorage.getItem(detail.quarantineKey!)).to.equal('[{"id": 1}');
      expect(localStorage.getItem(key)).to.equal(null);
    } finally {
      localStorage.removeItem(detail.quarantineKey!);
      localStorage.removeItem(key);
    }
  });

  it('brings in another tab’s changes (default store: IndexedDB, told through a BroadcastChannel)', async () => {
    const doc = `tabs-doc-${crypto.randomUUID()}`;
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = `<essay-reader document-id="${doc}">${essay}</essay-reader>`;
    const r = host.querySelector('essay-reader')!;
    await r.updateComplete;
    await r.addAnnotation(annotation('limbic revision'));
    const otherTab = new IndexedDBStore();
    try {
      expect((await otherTab.load(doc)).length, 'the reader’s annotation is in IndexedDB').to.equal(1);
      await otherTab.save(doc, annotation('embodied cognition'));
      await waitUntil(() => r.annotations.length === 2, 'both annotations');
      await waitUntil(() => cards(r).length === 2, 'both cards');
      const [, theirs] = r.annotations;
      await otherTab.remove(doc, theirs.id);
      await waitUntil(() => r.annotations.length === 1, 'a deletion in the other tab reaches this one');
    } finally {
      for (const a of await otherTab.load(doc)) await otherTab.remove(doc, a.id);
      await otherTab.close();
    }
  });

  it('brings in another tab’s changes through the storage event (localStorage store)', async () => {
    const key = 'essay-reader:annotations:tabs-doc';
    localStorage.removeItem(key);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = `<essay-reader document-id="tabs-doc">${essay}</essay-reader>`;
    const r = host.querySelector('essay-reader')!;
    r.store = new LocalStorageStore();
    await r.updateComplete;
    await r.addAnnotation(annotation('limbic revision'));
    // The other tab saves its own annotation next to ours.
    const stored = JSON.parse(localStorage.getItem(key)!);
    localStorage.setItem(key, JSON.stringify([...stored, annotation('embodied cognition')]));
    window.dispatchEvent(new StorageEvent('storage', { key, storageArea: localStorage }));
    try {
      await waitUntil(() => r.annotations.length === 2, 'both annotations');
      await waitUntil(() => cards(r).length === 2, 'both cards');
    } finally {
      localStorage.removeItem(key);
    }
  });
});

describe('several readers on one page', () => {
  it('keep separate collections in the default store', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = `<essay-reader id="one">${essay}</essay-reader><essay-reader id="two">${essay}</essay-reader>`;
    const [one, two] = [...host.querySelectorAll('essay-reader')];
    await one.updateComplete;
    await two.updateComplete;
    try {
      await one.addAnnotation(annotation('limbic revision'));
      expect(one.resolvedDocumentId).to.not.equal(two.resolvedDocumentId);
      const reloaded = document.createElement('essay-reader');
      reloaded.id = 'two';
      reloaded.innerHTML = essay;
      host.append(reloaded);
      await reloaded.updateComplete;
      await frames();
      expect(reloaded.annotations).to.deep.equal([]);
      // They annotate the same document; only where they keep their annotations differs.
      expect(one.documentSource).to.equal(`${location.origin}${location.pathname}${location.search}`);
      expect(one.resolvedDocumentId).to.equal(`${one.documentSource}#one`);
      expect((await new IndexedDBStore().load(one.resolvedDocumentId)).length, 'one’s annotation is kept under its own id').to.equal(1);
    } finally {
      const store = new IndexedDBStore();
      for (const doc of [one.resolvedDocumentId, two.resolvedDocumentId]) for (const a of await store.load(doc)) await store.remove(doc, a.id);
      await store.close();
    }
  });
});
