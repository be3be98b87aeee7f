import { expect, waitUntil } from '@open-wc/testing';
import { IndexedDBStore, StoreError, type Annotation } from '../../../src/core/index.js';
import { FakeStorage } from './fake-storage.js';
import { deleteDatabase } from './idb.js';

/* The default store, on the browser's real IndexedDB. */

const note = (id: string, value = 'text', modified = new Date().toISOString()): Annotation => ({
  id,
  type: 'Annotation',
  body: { type: 'TextualBody', value },
  target: { source: 'doc', selector: [{ type: 'TextQuoteSelector', exact: 'words' }] },
  modified,
});
const values = (list: Annotation[]) => list.map((a) => [a.id, (a.body as { value: string }).value]);

describe('IndexedDBStore', () => {
  let name: string;
  const stores: IndexedDBStore[] = [];
  const open = (options: ConstructorParameters<typeof IndexedDBStore>[0] = {}) => {
    const store = new IndexedDBStore({ name, migrateFrom: null, ...options });
    stores.push(store);
    return store;
  };
  beforeEach(() => (name = `essay-reader-test-${crypto.randomUUID()}`));
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await deleteDatabase(name);
  });

  it('saves, loads and removes annotations per document, in the order they were first saved', async () => {
    const store = open();
    await store.save('doc', note('b'));
    await store.save('doc', note('a'));
    await store.save('other', note('c'));
    await store.save('doc', note('b', 'changed'));
    expect(values(await store.load('doc'))).to.deep.equal([
      ['b', 'changed'],
      ['a', 'text'],
    ]);
    await store.remove('doc', 'b');
    expect(values(await store.load('doc'))).to.deep.equal([['a', 'text']]);
    expect(values(await store.load('other'))).to.deep.equal([['c', 'text']]);
    expect(values(await open().load('doc')), 'another connection (a reload) reads the same').to.deep.equal([['a', 'text']]);
  });

  it('keeps both tabs’ work when two save at the same moment', async () => {
    const one = open();
    const two = open();
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => one.save('doc', note(`one-${i}`))),
      ...Array.from({ length: 40 }, (_, i) => two.save('doc', note(`two-${i}`))),
    ]);
    expect((await one.load('doc')).length).to.equal(80);
  });

  it('writes a batch in one transaction: an item the browser cannot store leaves none of the batch behind', async () => {
    const store = open();
    const unstorable = { ...note('b'), callback: () => 1 } as unknown as Annotation;
    let error: unknown;
    try {
      await store.saveMany('doc', [note('a'), unstorable, note('c')]);
    } catch (e) {
      error = e;
    }
    expect(error instanceof StoreError && error.kind === 'failed', String(error)).to.equal(true);
    expect((error as Error).message).to.include('IndexedDB cannot store this annotation');
    expect(await store.load('doc')).to.deep.equal([]);
    await store.saveMany('doc', [note('a'), note('c')]);
    expect((await store.load('doc')).map((a) => a.id)).to.deep.equal(['a', 'c']);
  });

  it('keeps each annotation where it was first saved when a batch rewrites some, whether few or many are stored beside it', async () => {
    const store = open();
    for (let i = 0; i < 20; i++) await store.save('doc', note(`n${i}`));
    // A small batch beside many stored (each read alone), then a larger one (the document read at once).
    await store.saveMany('doc', [note('n15', 'edited'), note('new-a'), note('n3', 'edited')]);
    await store.saveMany('doc', [...Array.from({ length: 10 }, (_, i) => note(`n${i * 2}`, 'again')), note('new-b')]);
    const ids = (await store.load('doc')).map((a) => a.id);
    expect(ids).to.deep.equal([...Array.from({ length: 20 }, (_, i) => `n${i}`), 'new-a', 'new-b']);
    const byId = new Map((await store.load('doc')).map((a) => [a.id, (a.body as { value: string }).value]));
    expect([byId.get('n15'), byId.get('n3'), byId.get('n4'), byId.get('n5')]).to.deep.equal(['edited', 'edited', 'again', 'text']);
  });

  it('keeps a large batch all or nothing though it is written in slices', async () => {
    const store = open();
    const batch = Array.from({ length: 700 }, (_, i) => note(`n${i}`));
    batch[650] = { ...batch[650], callback: () => 1 } as unknown as Annotation;
    let failed = false;
    await store.saveMany('doc', batch).catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect((await store.load('doc')).length, 'the slices written before the bad item are rolled back').to.equal(0);
    batch[650] = note('n650');
    await store.saveMany('doc', batch);
    expect((await store.load('doc')).map((a) => a.id)).to.deep.equal(batch.map((a) => a.id));
  });

  it('keeps a large batch in packed records, one per 250, whose items each stay editable, removable and in their place', async () => {
    const store = open();
    await store.save('doc', note('first'));
    await store.saveMany(
      'doc',
      Array.from({ length: 600 }, (_, i) => note(`n${i}`)),
    );
    // 10,000 records of their own took 1.2–1.8 s to write in Chromium; 40 packed records take under 0.2 s.
    expect(await rawCount(name, 'packs'), 'three packed records').to.equal(3);
    expect(await rawCount(name, 'annotations'), 'beside the one saved alone').to.equal(1);
    await store.save('doc', note('n10', 'edited'));
    await store.remove('doc', 'n300');
    await store.save('doc', note('last'));
    const expected = ['first', ...Array.from({ length: 600 }, (_, i) => `n${i}`).filter((id) => id !== 'n300'), 'last'];
    const reloaded = await open().load('doc');
    expect(reloaded.map((a) => a.id)).to.deep.equal(expected);
    expect(values(reloaded).find(([id]) => id === 'n10')).to.deep.equal(['n10', 'edited']);
    // A second import over the first: no item twice, each where it was first saved, the newer copy kept.
    await store.saveMany('doc', [...Array.from({ length: 100 }, (_, i) => note(`n${i * 3}`, 'again')), note('n300', 'back'), note('first', 'again')]);
    const again = await open().load('doc');
    expect(again.map((a) => a.id)).to.deep.equal([...expected, 'n300']);
    const byId = new Map(values(again) as [string, string][]);
    expect([byId.get('n0'), byId.get('n10'), byId.get('n12'), byId.get('first'), byId.get('n300')]).to.deep.equal([
      'again',
      'edited',
      'again',
      'again',
      'back',
    ]);
    await store.remove('doc', 'n12');
    expect((await open().load('doc')).length).to.equal(expected.length);
  });

  it('sets aside one unreadable item of a packed record alone', async () => {
    const reports: StoreError[] = [];
    const store = open({ onQuarantine: (e) => reports.push(e) });
    await store.saveMany(
      'doc',
      Array.from({ length: 100 }, (_, i) => note(`n${i}`)),
    );
    await store.close();
    const db = await rawOpen(name);
    await new Promise<void>((resolve, reject) => {
      const packs = db.transaction('packs', 'readwrite').objectStore('packs');
      const cursor = packs.openCursor();
      cursor.onsuccess = () => {
        const pack = cursor.result!.value;
        pack.items[5].annotation.target = { source: 'doc', selector: [{ type: 'TextQuoteSelector', exact: 42 }] };
        cursor.result!.update(pack).onsuccess = () => resolve();
      };
      cursor.onerror = () => reject(cursor.error);
    });
    db.close();
    const loaded = await store.load('doc');
    expect(loaded.length).to.equal(99);
    expect(loaded.map((a) => a.id)).not.to.include('n5');
    expect(reports.map((r) => r.kind)).to.deep.equal(['corrupt']);
    expect(await rawCount(name, 'quarantine')).to.equal(1);
    expect((await open().load('doc')).length, 'and it stays aside').to.equal(99);
  });

  it('opens a database an earlier version made and keeps what it held', async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => {
        const annotations = request.result.createObjectStore('annotations', { keyPath: ['doc', 'id'] });
        annotations.createIndex('doc', 'doc');
        request.result.createObjectStore('removed', { keyPath: ['doc', 'id'] }).createIndex('doc', 'doc');
        request.result.createObjectStore('quarantine', { autoIncrement: true }).createIndex('doc', 'doc');
        annotations.put({ doc: 'doc', id: 'old', at: 1, annotation: note('old') });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    const store = open();
    await store.saveMany(
      'doc',
      Array.from({ length: 100 }, (_, i) => note(`n${i}`)),
    );
    expect((await open().load('doc')).map((a) => a.id)).to.deep.equal(['old', ...Array.from({ length: 100 }, (_, i) => `n${i}`)]);
  });

  it('tells another tab of each change through a BroadcastChannel, with the ids that were deleted, and not itself', async () => {
    const mine = open();
    const theirs = open();
    const heard: { ids: string[]; removed: string[] }[] = [];
    const ownHeard: unknown[] = [];
    const stop = theirs.subscribe('doc', (annotations, changes) => heard.push({ ids: annotations.map((a) => a.id), removed: changes?.removed ?? [] }));
    const stopOwn = mine.subscribe('doc', (annotations) => ownHeard.push(annotations));
    try {
      await mine.save('doc', note('a'));
      await waitUntil(() => heard.length === 1, 'the other tab hears of the save');
      expect(heard[0]).to.deep.equal({ ids: ['a'], removed: [] });
      await mine.remove('doc', 'a');
      await waitUntil(() => heard.length === 2, 'and of the deletion');
      expect(heard[1]).to.deep.equal({ ids: [], removed: ['a'] });
      await mine.save('other-doc', note('x'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard.length, 'not of another document').to.equal(2);
      expect(ownHeard, 'a tab is not told of its own changes').to.deep.equal([]);
    } finally {
      stop();
      stopOwn();
    }
  });

  it('sets aside a stored record that does not parse, reports it, keeps at most ten, and loads the rest', async () => {
    const reports: StoreError[] = [];
    const store = open({ onQuarantine: (e) => reports.push(e) });
    await store.save('doc', note('good'));
    await store.close();
    for (let round = 0; round < 12; round++) {
      await rawPut(name, {
        doc: 'doc',
        id: `bad-${round}`,
        at: 1,
        annotation: { id: `bad-${round}`, type: 'Annotation', target: { source: 'doc', selector: [{ type: 'TextQuoteSelector', exact: 42 }] } },
      });
      expect((await store.load('doc')).map((a) => a.id)).to.deep.equal(['good']);
    }
    expect(reports.length).to.equal(12);
    expect(reports[0].kind).to.equal('corrupt');
    expect(reports[0].message).to.include('exact: expected string, got number');
    await store.close();
    expect(await rawCount(name, 'quarantine'), 'the newest ten are kept').to.equal(10);
  });

  it('moves what an earlier version kept in localStorage, once and losslessly: newer wins, deleted stays deleted, unreadable stays in localStorage', async () => {
    const storage = new FakeStorage();
    const reports: StoreError[] = [];
    const before = open({ migrateFrom: null });
    await before.save('doc', note('a', 'edited since, in the new store', '2026-02-01T00:00:00Z'));
    await before.save('doc', note('c'));
    await before.remove('doc', 'c');
    storage.setItem(
      'essay-reader:annotations:doc',
      JSON.stringify([
        note('a', 'older copy', '2026-01-01T00:00:00Z'),
        note('b', 'only in localStorage'),
        note('c', 'deleted in the new store'),
        { id: 'junk', type: 'Annotation' },
      ]),
    );
    const store = open({ migrateFrom: storage, onQuarantine: (e) => reports.push(e) });
    expect(values(await store.load('doc'))).to.deep.equal([
      ['a', 'edited since, in the new store'],
      ['b', 'only in localStorage'],
    ]);
    expect(storage.getItem('essay-reader:annotations:doc'), 'the old copy goes once everything is moved').to.equal(null);
    const aside = [...storage.items.keys()].filter((k) => k.startsWith('essay-reader:quarantine:doc:'));
    expect(aside.length, 'the unreadable item is kept where it was, under a quarantine key').to.equal(1);
    expect(storage.getItem(aside[0])).to.include('junk');
    expect(reports.map((r) => r.kind)).to.deep.equal(['corrupt']);
    expect(values(await open({ migrateFrom: storage }).load('doc')), 'a second open moves nothing again').to.deep.equal([
      ['a', 'edited since, in the new store'],
      ['b', 'only in localStorage'],
    ]);
  });

  it('falls back to localStorage where IndexedDB is missing', async () => {
    const storage = new FakeStorage();
    const store = open({ indexedDB: null, migrateFrom: storage });
    await store.save('doc', note('a'));
    expect(JSON.parse(storage.getItem('essay-reader:annotations:doc')!).map((a: Annotation) => a.id)).to.deep.equal(['a']);
    expect((await store.load('doc')).map((a) => a.id)).to.deep.equal(['a']);
  });

  it('holds more than localStorage’s 5 MB, shared by every essay of a site', async () => {
    const store = open();
    const long = 'x'.repeat(1000);
    for (let essay = 0; essay < 60; essay++) {
      await store.saveMany(
        `https://blog.example/?p=${essay}`,
        Array.from({ length: 100 }, (_, i) => note(`${essay}-${i}`, long)),
      );
    }
    expect((await store.load('https://blog.example/?p=59')).length).to.equal(100);
    expect((await store.load('https://blog.example/?p=0')).length).to.equal(100);
  });
});

/** Writes a record straight into the database, the way a bug or another program might. */
async function rawPut(name: string, record: unknown) {
  const db = await rawOpen(name);
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('annotations', 'readwrite');
    tx.objectStore('annotations').put(record);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

async function rawCount(name: string, store: string) {
  const db = await rawOpen(name);
  const count = await new Promise<number>((resolve, reject) => {
    const request = db.transaction(store).objectStore(store).count();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return count;
}

function rawOpen(name: string) {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
