import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { type Annotation, type AnnotationStore, type EssayReader, type StoreChanges } from '../../src/index.js';
import { IndexedDBStore, LocalStorageStore, StoreError } from '../../src/core/index.js';
import { deleteDatabase } from '../core/store/idb.js';
import { annotation, cards, frames, reader } from '../helpers.js';

/*
 * The fault matrix: each row is a fault, run on the real IndexedDB and the real localStorage, with the fault
 * injected at the storage boundary. After every row, every annotation the reader holds is in the store (as the
 * reader holds it) or visibly unsaved (its card says "Not saved"), and nothing else in the store changed.
 */

const DOC = 'test-doc';
/** A database of its own for each row: a reader of an earlier row that still holds annotations could save them again. */
let DB = 'essay-reader-fault-matrix';

interface Backend {
  name: string;
  /** A store on the real backend (a new instance: what another tab, or a reload, would read). */
  open(): AnnotationStore;
  /** Stores an item that does not parse next to what is there, the way a bug or an old version would. */
  corrupt(doc: string): Promise<void>;
  clear(): Promise<void>;
}

const opened: IndexedDBStore[] = [];
const backends: Backend[] = [
  {
    name: 'IndexedDB',
    open() {
      const store = new IndexedDBStore({ name: DB, migrateFrom: null });
      opened.push(store);
      return store;
    },
    async corrupt(doc) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(DB);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('annotations', 'readwrite');
        tx.objectStore('annotations').put({ doc, id: 'junk', at: 0, annotation: { id: 'junk', type: 'Annotation' } });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    async clear() {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      await deleteDatabase(DB);
      DB = `essay-reader-fault-matrix-${crypto.randomUUID()}`;
    },
  },
  {
    name: 'localStorage',
    open: () => new LocalStorageStore(),
    async corrupt(doc) {
      const key = `essay-reader:annotations:${doc}`;
      localStorage.setItem(key, JSON.stringify([...JSON.parse(localStorage.getItem(key) ?? '[]'), { id: 'junk', type: 'Annotation' }]));
    },
    async clear() {
      for (const key of Object.keys(localStorage)) if (key.startsWith('essay-reader:')) localStorage.removeItem(key);
    },
  },
];

/** A store with faults to inject: it refuses saves (as a full quota does), or is slow. */
class Faulty implements AnnotationStore {
  refuse: ((a: Annotation) => boolean) | null = null;
  delay = 0;
  constructor(readonly inner: AnnotationStore) {}
  load(doc: string) {
    return this.inner.load(doc);
  }
  async save(doc: string, a: Annotation) {
    await this.wait();
    if (this.refuse?.(a)) throw new StoreError('quota', 'the browser’s storage for this site is full (injected)');
    return this.inner.save(doc, a);
  }
  async saveMany(doc: string, list: Annotation[]) {
    await this.wait();
    if (list.some((a) => this.refuse?.(a))) throw new StoreError('quota', 'the browser’s storage for this site is full (injected)');
    return this.inner.saveMany ? this.inner.saveMany(doc, list) : Promise.all(list.map((a) => this.inner.save(doc, a))).then(() => {});
  }
  remove(doc: string, id: string) {
    return this.inner.remove(doc, id);
  }
  subscribe(doc: string, listener: (annotations: Annotation[], changes?: StoreChanges) => void) {
    return this.inner.subscribe?.(doc, listener) ?? (() => {});
  }
  private wait() {
    return this.delay ? new Promise((resolve) => setTimeout(resolve, this.delay)) : Promise.resolve();
  }
}

const strip = (a: Annotation) => JSON.parse(JSON.stringify(a)) as Annotation;

/**
 * The row's verdict: each annotation the reader holds is stored as it holds it, or unsaved with its card saying
 * so; the store holds nothing else but what was there before the row.
 */
async function holds(r: EssayReader, backend: Backend, before: Annotation[], doc = DOC) {
  await r.updateComplete;
  await frames(2);
  const stored = new Map((await backend.open().load(doc)).map((a) => [a.id, a]));
  const unsaved = new Set(r.unsavedIds);
  const shown = new Map(cards(r).map((c) => [c.annotation?.id, c]));
  for (const a of r.annotations) {
    if (unsaved.has(a.id)) {
      const card = shown.get(a.id);
      if (card) {
        await card.updateComplete;
        expect(card.shadowRoot!.querySelector('[part="unsaved"]')?.textContent, `${a.id} says it is not saved`).to.include('Not saved');
      } else
        expect(
          r.annotations.some((x) => x.id === a.id),
          `${a.id} is at least still in memory`,
        ).to.equal(true);
    } else {
      expect(stored.has(a.id), `${a.id} is in the store`).to.equal(true);
      expect(strip(stored.get(a.id)!), `${a.id} is stored as the reader holds it`).to.deep.equal(strip(a));
    }
  }
  const known = new Set([...r.annotations.map((a) => a.id), ...before.map((a) => a.id)]);
  expect(
    [...stored.keys()].filter((id) => !known.has(id)),
    'nothing else is in the store',
  ).to.deep.equal([]);
  for (const b of before) if (!r.annotations.some((a) => a.id === b.id)) expect(stored.has(b.id), `${b.id}, there before, is still there`).to.equal(true);
}

type Row = [string, (backend: Backend) => Promise<void>];

const rows: Row[] = [
  [
    'quota exceeded on one save',
    async (backend) => {
      const store = new Faulty(backend.open());
      const r = await reader(store);
      const big = annotation('limbic revision');
      store.refuse = (a) => a.id === big.id;
      await r.addAnnotation(big);
      await r.addAnnotation(annotation('embodied cognition'));
      expect(r.unsavedIds).to.deep.equal([big.id]);
      await holds(r, backend, []);
      store.refuse = null;
      await r.addAnnotation(annotation('human heart'));
      expect(r.unsavedIds, 'saved again on the next change').to.deep.equal([]);
      await holds(r, backend, []);
    },
  ],
  [
    'storage missing',
    async (backend) => {
      const store =
        backend.name === 'IndexedDB'
          ? new IndexedDBStore({ indexedDB: null, migrateFrom: null, fallback: new LocalStorageStore({ storage: null }) })
          : new LocalStorageStore({ storage: null });
      const r = await reader(store);
      await r.addAnnotation(annotation('limbic revision'));
      expect(r.unsavedIds.length).to.equal(1);
      await holds(r, backend, []);
      expect(r.exportAnnotations().total, 'and it can still be exported').to.equal(1);
    },
  ],
  [
    'corrupt item stored',
    async (backend) => {
      const kept = annotation('embodied cognition');
      await backend.open().save(DOC, kept);
      await backend.corrupt(DOC);
      const errors: string[] = [];
      const host = document.createElement('div');
      host.addEventListener('essay-store-error', (e) => errors.push((e as CustomEvent<{ kind: string }>).detail.kind), true);
      document.body.append(host);
      const r = await reader(
        new Faulty(
          new (backend.open().constructor as new (o: object) => AnnotationStore)(
            backend.name === 'IndexedDB'
              ? { name: DB, migrateFrom: null, onQuarantine: (e: StoreError) => errors.push(e.kind) }
              : { onQuarantine: (e: StoreError) => errors.push(e.kind) },
          ),
        ),
      );
      host.remove();
      await waitUntil(() => r.annotations.length === 1, 'the readable item loads');
      expect(r.annotations.map((a) => a.id)).to.deep.equal([kept.id]);
      expect(errors, 'the unreadable one is reported').to.include('corrupt');
      await r.addAnnotation(annotation('human heart'));
      await holds(r, backend, [kept]);
    },
  ],
  [
    'unserializable item (nested 100,000 deep)',
    async (backend) => {
      const r = await reader(backend.open());
      const before = await r.addAnnotation(annotation('limbic revision'));
      let deep: unknown = 'bottom';
      for (let i = 0; i < 100_000; i++) deep = [deep];
      let error: unknown;
      await r.addAnnotation(annotation('embodied cognition', { extra: deep })).catch((e) => (error = e));
      expect(error).to.be.instanceOf(TypeError);
      await holds(r, backend, [before!]);
    },
  ],
  [
    'oversize item',
    async (backend) => {
      const r = await reader(backend.open());
      let error: unknown;
      await r
        .addAnnotation(annotation('embodied cognition', { body: [{ type: 'TextualBody', value: 'x'.repeat(300_000), purpose: 'commenting' }] }))
        .catch((e) => (error = e));
      expect((error as Error)?.message).to.include('characters as JSON');
      await holds(r, backend, []);
    },
  ],
  [
    'two readers racing, each with its own store instance (as two tabs have)',
    async (backend) => {
      const one = await reader(backend.open());
      const two = await reader(backend.open());
      const quotes = ['limbic revision', 'embodied cognition', 'human heart', 'limbic system', 'emotional attachment'];
      await Promise.all(quotes.flatMap((q) => [one.addAnnotation(annotation(q)), two.addAnnotation(annotation(q))]));
      const stored = await backend.open().load(DOC);
      expect(stored.length, 'neither tab overwrote the other').to.equal(10);
      if (backend.name === 'IndexedDB') await waitUntil(() => one.annotations.length === 10 && two.annotations.length === 10, 'each hears of the other’s');
      await holds(one, backend, stored);
      await holds(two, backend, stored);
    },
  ],
  [
    'store swapped with unsaved work',
    async (backend) => {
      const failing = new Faulty(backend.open());
      failing.refuse = () => true;
      const r = await reader(failing);
      await r.addAnnotation(annotation('limbic revision'));
      expect(r.unsavedIds.length).to.equal(1);
      r.store = backend.open();
      await waitUntil(() => r.unsavedIds.length === 0, 'carried over to the new store and saved there');
      await holds(r, backend, []);
    },
  ],
  [
    'document-id changed with unsaved work',
    async (backend) => {
      const store = new Faulty(backend.open());
      store.delay = 100;
      const r = await reader(store);
      const made = r.addAnnotation(annotation('limbic revision'));
      r.documentId = 'another-doc';
      await made;
      await waitUntil(async () => (await backend.open().load(DOC)).length === 1, 'saved under the document it was made for');
      expect((await backend.open().load('another-doc')).length, 'not under the new one').to.equal(0);
    },
  ],
  [
    'reload while a save is pending',
    async (backend) => {
      const store = new Faulty(backend.open());
      store.delay = 300;
      const r = await reader(store);
      const made = r.addAnnotation(annotation('limbic revision'));
      await frames(1);
      const leave = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(leave);
      expect(leave.defaultPrevented, 'the page asks before it is left with a save pending').to.equal(true);
      const a = await made;
      r.parentElement!.remove();
      const again = await reader(backend.open());
      await waitUntil(() => again.annotations.length > 0, 'after the reload it is there');
      expect(again.annotations.map((x) => x.id)).to.deep.equal([a!.id]);
    },
  ],
  [
    'older re-import',
    async (backend) => {
      const r = await reader(backend.open());
      const a = (await r.addAnnotation(annotation('limbic revision')))!;
      const lastWeek = JSON.stringify(r.exportAnnotations());
      await new Promise((resolve) => setTimeout(resolve, 5));
      await r.updateAnnotation(a.id, { body: [{ type: 'TextualBody', value: 'edited since', purpose: 'commenting' }] });
      await r.importAnnotations(lastWeek);
      expect(JSON.stringify((await backend.open().load(DOC))[0].body)).to.include('edited since');
      await holds(r, backend, []);
    },
  ],
  [
    'page-level and other-document imports',
    async (backend) => {
      const r = await reader(backend.open());
      const page = { id: 'urn:x-test:page-note', type: 'Annotation', body: { type: 'TextualBody', value: 'On the whole essay' }, target: DOC };
      const elsewhere = {
        id: 'urn:x-test:elsewhere',
        type: 'Annotation',
        body: { type: 'TextualBody', value: 'Another page' },
        target: 'https://example.org/other',
      };
      const report = await r.importAnnotations([page, elsewhere]);
      expect(report.added).to.equal(1);
      expect(report.rejected.length).to.equal(1);
      await holds(r, backend, []);
      expect((await backend.open().load(DOC)).map((a) => a.id)).to.deep.equal([page.id]);
    },
  ],
  [
    '10,000 annotations imported',
    async (backend) => {
      const r = await reader(backend.open());
      const quotes = ['human heart', 'limbic system', 'emotional attachment', 'limbic revision', 'embodied cognition', 'artificial intelligence'];
      const items = Array.from({ length: 10_000 }, (_, i) => annotation(quotes[i % quotes.length], { id: `urn:x-test:bulk:${i}` }));
      const report = await r.importAnnotations(items);
      expect(report.added).to.equal(10_000);
      const stored = await backend.open().load(DOC);
      // localStorage's 5 MB may not hold them all: then they are all kept, unsaved and said so, never half-saved.
      if (stored.length !== 10_000) {
        expect(
          stored.filter((a) => !a.id.startsWith('urn:x-test:bulk:')).map((a) => JSON.stringify(a)),
          'nothing else',
        ).to.deep.equal([]);
        expect(stored.length, 'all or none').to.equal(0);
        expect(r.unsavedIds.length).to.equal(10_000);
      }
      expect(r.annotations.length).to.equal(10_000);
    },
  ],
];

describe('the fault matrix', function () {
  this.timeout(60_000);
  for (const backend of backends) {
    describe(backend.name, () => {
      beforeEach(() => backend.clear());
      afterEach(async () => {
        // The row's readers go first, and their slow stores finish, before the data goes: a reader still on the
        // page would save its annotations again into the next row.
        fixtureCleanup();
        await new Promise((resolve) => setTimeout(resolve, 400));
        await backend.clear();
      });
      for (const [name, run] of rows) it(name, () => run(backend));
    });
  }
});
