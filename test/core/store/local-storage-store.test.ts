import { expect } from '@open-wc/testing';
import { LocalStorageStore, MemoryStore, StoreError, type Annotation } from '../../../src/core/index.js';
import { FakeStorage } from './fake-storage.js';

const note = (id: string, value = 'text'): Annotation => ({
  id,
  type: 'Annotation',
  body: { type: 'TextualBody', value },
  target: { source: 'doc', selector: [{ type: 'TextQuoteSelector', exact: 'words' }] },
  modified: new Date().toISOString(),
});

describe('LocalStorageStore', () => {
  it('saves, loads and removes annotations per document', async () => {
    const storage = new FakeStorage();
    const store = new LocalStorageStore({ storage });
    await store.save('doc', note('a'));
    await store.save('doc', note('b'));
    await store.save('other', note('c'));
    await store.save('doc', note('a', 'changed'));
    expect((await store.load('doc')).map((a) => [a.id, (a.body as { value: string }).value])).to.deep.equal([
      ['a', 'changed'],
      ['b', 'text'],
    ]);
    await store.remove('doc', 'a');
    expect((await store.load('doc')).map((a) => a.id)).to.deep.equal(['b']);
    expect((await store.load('other')).map((a) => a.id)).to.deep.equal(['c']);
  });

  it('does not clobber another tab: each save changes only its own annotation', async () => {
    const storage = new FakeStorage();
    const tabA = new LocalStorageStore({ storage });
    const tabB = new LocalStorageStore({ storage });
    await tabA.save('doc', note('from-a'));
    await tabB.save('doc', note('from-b'));
    expect((await tabA.load('doc')).map((a) => a.id)).to.deep.equal(['from-a', 'from-b']);
  });

  it('rejects with a quota StoreError when storage is full, and an unavailable one without storage', async () => {
    const storage = new FakeStorage();
    storage.failWith = 'quota';
    const error = await new LocalStorageStore({ storage }).save('doc', note('a')).catch((e) => e);
    expect(error).to.be.instanceOf(StoreError);
    expect(error.kind).to.equal('quota');
    const missing = await new LocalStorageStore({ storage: null }).save('doc', note('a')).catch((e) => e);
    expect(missing.kind).to.equal('unavailable');
  });

  it('sets aside stored data it cannot parse under a quarantine key, and reports it', async () => {
    const storage = new FakeStorage();
    storage.setItem('essay-reader:annotations:doc', '{not json');
    const reports: StoreError[] = [];
    const store = new LocalStorageStore({ storage, onQuarantine: (e) => reports.push(e) });
    expect(await store.load('doc')).to.deep.equal([]);
    expect(reports).to.have.length(1);
    expect(reports[0].kind).to.equal('corrupt');
    const key = reports[0].details.quarantineKey!;
    expect(key).to.match(/^essay-reader:quarantine:doc:\d+$/);
    expect(storage.getItem(key)).to.equal('{not json');
    // A new save starts a fresh list; the quarantined text is still there.
    await store.save('doc', note('a'));
    expect(storage.getItem(key)).to.equal('{not json');
  });

  it('sets aside only the items it cannot read, keeps the rest, and keeps at most ten quarantine keys', async () => {
    const storage = new FakeStorage();
    const reports: StoreError[] = [];
    const store = new LocalStorageStore({ storage, onQuarantine: (e) => reports.push(e) });
    storage.setItem('essay-reader:annotations:doc', JSON.stringify([note('a'), { id: 'broken', type: 'Annotation' }, note('b')]));
    expect(
      (await store.load('doc')).map((a) => a.id),
      'the readable ones load',
    ).to.deep.equal(['a', 'b']);
    const key = reports[0].details.quarantineKey!;
    expect(JSON.parse(storage.getItem(key)!)).to.deep.equal([{ id: 'broken', type: 'Annotation' }]);
    expect(
      JSON.parse(storage.getItem('essay-reader:annotations:doc')!).map((a: Annotation) => a.id),
      'and stay stored',
    ).to.deep.equal(['a', 'b']);
    for (let i = 0; i < 14; i++) {
      storage.setItem('essay-reader:annotations:doc', JSON.stringify([note('a'), { id: `broken-${i}` }]));
      await store.load('doc');
    }
    const kept = [...storage.items.keys()].filter((k) => k.startsWith('essay-reader:quarantine:doc:'));
    expect(kept.length, 'quarantine is bounded').to.equal(10);
    expect(
      kept.map((k) => JSON.parse(storage.getItem(k)!)[0].id),
      'the newest are kept',
    ).to.include('broken-13');
  });

  it('tells subscribers which ids were deleted, so a missing item is not taken for a deletion', async () => {
    const store = new LocalStorageStore({ storage: localStorage });
    const heard: { ids: string[]; removed?: string[] }[] = [];
    const stop = store.subscribe('tombstone-doc', (list, changes) => heard.push({ ids: list.map((a) => a.id), removed: changes?.removed }));
    await store.save('tombstone-doc', note('x'));
    await store.save('tombstone-doc', note('y'));
    await store.remove('tombstone-doc', 'x');
    window.dispatchEvent(new StorageEvent('storage', { key: 'essay-reader:annotations:tombstone-doc', storageArea: localStorage }));
    stop();
    localStorage.removeItem('essay-reader:annotations:tombstone-doc');
    localStorage.removeItem('essay-reader:removed:tombstone-doc');
    expect(heard).to.deep.equal([{ ids: ['y'], removed: ['x'] }]);
  });

  it('tells subscribers about changes another tab made (the storage event)', async () => {
    const store = new LocalStorageStore({ storage: localStorage });
    const heard: string[][] = [];
    const stop = store.subscribe('subscribed-doc', (list) => heard.push(list.map((a) => a.id)));
    localStorage.setItem('essay-reader:annotations:subscribed-doc', JSON.stringify([note('x')]));
    window.dispatchEvent(new StorageEvent('storage', { key: 'essay-reader:annotations:subscribed-doc', storageArea: localStorage }));
    stop();
    localStorage.removeItem('essay-reader:annotations:subscribed-doc');
    expect(heard).to.deep.equal([['x']]);
  });
});

describe('MemoryStore', () => {
  it('keeps copies, and notifies subscribers', async () => {
    const store = new MemoryStore();
    const heard: number[] = [];
    store.subscribe('d', (list) => heard.push(list.length));
    const annotation = note('a');
    await store.save('d', annotation);
    annotation.id = 'mutated';
    expect((await store.load('d'))[0].id).to.equal('a');
    await store.remove('d', 'a');
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).to.deep.equal([1, 0]);
  });
});
