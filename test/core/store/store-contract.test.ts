import { IndexedDBStore, LocalStorageStore, MemoryStore } from '../../../src/core/index.js';
import { FakeStorage } from './fake-storage.js';
import { deleteDatabase } from './idb.js';
import { describeStoreContract } from './store-contract.js';

/* Every store the library ships runs the same contract. */

describeStoreContract('MemoryStore', () => {
  const store = new MemoryStore();
  return { open: () => store, close: async () => {} };
});

describeStoreContract('LocalStorageStore', () => {
  const storage = new FakeStorage();
  return { open: () => new LocalStorageStore({ storage }), close: async () => {} };
});

describeStoreContract('LocalStorageStore on the real localStorage', () => ({
  open: () => new LocalStorageStore(),
  close: async () => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('essay-reader:')) localStorage.removeItem(key);
  },
}));

describeStoreContract('IndexedDBStore', () => {
  const name = `essay-reader-contract-${crypto.randomUUID()}`;
  const opened: IndexedDBStore[] = [];
  return {
    open() {
      const store = new IndexedDBStore({ name, migrateFrom: null });
      opened.push(store);
      return store;
    },
    async close() {
      await Promise.all(opened.map((s) => s.close()));
      await deleteDatabase(name);
    },
  };
});
