import { unwrap, wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { Annotation } from '../model/annotation.js';
import { parseAnnotation } from '../model/parse.js';
import { isNewer } from '../model/versions.js';
import { LOCAL_STORAGE_PREFIX, LocalStorageStore } from './local-storage-store.js';
import { QUARANTINE_LIMIT, REMOVED_LIMIT, StoreError, type AnnotationStore, type StoreChanges } from './store.js';

/** How many records a batch write issues at a time (see saveMany). */
const BATCH_SLICE = 250;

interface Schema extends DBSchema {
  annotations: { key: [string, string]; value: { doc: string; id: string; at: number; annotation: Annotation }; indexes: { doc: string } };
  removed: { key: [string, string]; value: { doc: string; id: string; at: number }; indexes: { doc: string } };
  quarantine: { key: number; value: { doc: string; at: number; item: unknown; reason: string }; indexes: { doc: string } };
}

type Database = IDBPDatabase<Schema>;

export interface IndexedDBStoreOptions {
  /** The database's name (default `essay-reader`). */
  name?: string;
  /** The IndexedDB to use (default `globalThis.indexedDB`); `null` stands for a browser without it. */
  indexedDB?: IDBFactory | null;
  /** Where annotations go when IndexedDB cannot be opened (default a {@link LocalStorageStore}). */
  fallback?: AnnotationStore;
  /** The `localStorage` an earlier version kept annotations in, moved over once per document (default `globalThis.localStorage`; `null`: none). */
  migrateFrom?: Storage | null;
  /** Told about stored records that did not parse and were set aside (the store carries on without them). */
  onQuarantine?: (error: StoreError) => void;
}

/**
 * Keeps annotations in IndexedDB: the default store.
 *
 * - One record per annotation, each change one transaction: atomic across tabs, with no read-modify-write race
 *   (two tabs saving at once both keep their work), and room for every essay of a site (the browser's quota for
 *   the origin, not `localStorage`'s 5 MB).
 * - `saveMany` writes a batch in one transaction, all or nothing.
 * - Other tabs hear of each change through a `BroadcastChannel` (`subscribe`), with the ids that were deleted.
 * - A record that does not parse is moved aside (at most ten kept per document) and reported; the rest load.
 * - What an earlier version kept in `localStorage` is moved over once per document, losslessly: newer wins by
 *   `modified`, an id deleted here is not brought back, and items that do not parse stay in `localStorage` under a
 *   quarantine key, reported.
 * - Where IndexedDB is missing or cannot be opened (some embedded webviews, old private windows), the store
 *   falls back to `localStorage`.
 */
export class IndexedDBStore implements AnnotationStore {
  private readonly name: string;
  private readonly factory: IDBFactory | null;
  private readonly fallback: AnnotationStore;
  private readonly legacy: LocalStorageStore | null;
  private readonly legacyStorage: Storage | null;
  private readonly onQuarantine?: (error: StoreError) => void;
  private database?: Promise<Database | null>;
  private readonly migrated = new Map<string, Promise<void>>();
  /** This store's own messages are not news to it. */
  private readonly origin = Math.random().toString(36).slice(2);
  private outbox?: BroadcastChannel;
  private lastAt = 0;

  constructor(options: IndexedDBStoreOptions = {}) {
    this.name = options.name ?? 'essay-reader';
    this.onQuarantine = options.onQuarantine;
    let factory: IDBFactory | null = null;
    try {
      factory = options.indexedDB !== undefined ? options.indexedDB : (globalThis.indexedDB ?? null);
    } catch {
      // Reading the property throws where storage is blocked.
    }
    this.factory = factory;
    let legacyStorage: Storage | null = null;
    try {
      legacyStorage = options.migrateFrom !== undefined ? options.migrateFrom : (globalThis.localStorage ?? null);
    } catch {
      // As above.
    }
    this.legacyStorage = legacyStorage;
    this.legacy = legacyStorage ? new LocalStorageStore({ storage: legacyStorage, onQuarantine: options.onQuarantine }) : null;
    this.fallback = options.fallback ?? this.legacy ?? new LocalStorageStore({ storage: null });
  }

  async load(documentId: string): Promise<Annotation[]> {
    const db = await this.open();
    if (!db) return this.fallback.load(documentId);
    await this.migrate(db, documentId);
    const records = await attempt(() => db.getAllFromIndex('annotations', 'doc', documentId), 'read');
    records.sort((a, b) => a.at - b.at);
    const good: Annotation[] = [];
    const bad: { id: string; item: unknown; reason: string }[] = [];
    records.forEach((record, i) => {
      try {
        good.push(parseAnnotation(record.annotation, `${this.name}/${documentId}[${i}]`));
      } catch (cause) {
        bad.push({ id: record.id, item: record.annotation, reason: cause instanceof Error ? cause.message : String(cause) });
      }
    });
    if (bad.length) await this.quarantine(db, documentId, bad);
    return good;
  }

  async save(documentId: string, annotation: Annotation): Promise<void> {
    return this.saveMany(documentId, [annotation]);
  }

  /** Saves several annotations in one transaction: all of them, or (on any failure) none. */
  async saveMany(documentId: string, annotations: Annotation[]): Promise<void> {
    const db = await this.open();
    if (!db) return this.fallback.saveMany ? this.fallback.saveMany(documentId, annotations) : saveEach(this.fallback, documentId, annotations);
    await this.migrate(db, documentId);
    await attempt(async () => {
      const tx = db.transaction('annotations', 'readwrite');
      await allOrNothing(tx, async () => {
        // The browser's own requests, not a promise for each: 20,000 promises cost more than the writes.
        const records = unwrap(tx.store) as IDBObjectStore;
        // Where an annotation was first saved keeps its place in the list: `load` returns them in that order.
        const firstSaved = await firstSavedAt(records, documentId, annotations);
        // In slices, each issued when the last request of the one before has succeeded: the transaction stays
        // one (all or nothing), and the browser runs other tasks between slices (cloning 10,000 records at once
        // froze the page for over half a second).
        for (let from = 0; from < annotations.length; from += BATCH_SLICE) {
          let last: IDBRequest | undefined;
          for (const annotation of annotations.slice(from, from + BATCH_SLICE)) {
            last = records.put({ doc: documentId, id: annotation.id, at: firstSaved.get(annotation.id) ?? this.nextAt(), annotation });
          }
          // Requests succeed in order: when the last has, so have the others. When one fails, the transaction's
          // error says why (the last request then only reports the abort).
          if (last) await done(last).catch((error) => Promise.reject(tx.error ?? error));
        }
      });
    }, 'write');
    this.announce(documentId);
  }

  async remove(documentId: string, id: string): Promise<void> {
    const db = await this.open();
    if (!db) return this.fallback.remove(documentId, id);
    await this.migrate(db, documentId);
    const removed = await attempt(async () => {
      const tx = db.transaction(['annotations', 'removed'], 'readwrite');
      if (!(await tx.objectStore('annotations').get([documentId, id]))) {
        await tx.done;
        return false;
      }
      // The record and its tombstone in one transaction: a tab that reads the shorter list knows why.
      await tx.objectStore('annotations').delete([documentId, id]);
      const tombstones = tx.objectStore('removed');
      await tombstones.put({ doc: documentId, id, at: this.nextAt() });
      const all = await tombstones.index('doc').getAll(documentId);
      all.sort((a, b) => a.at - b.at);
      await Promise.all(all.slice(0, Math.max(0, all.length - REMOVED_LIMIT)).map((t) => tombstones.delete([t.doc, t.id])));
      await tx.done;
      return true;
    }, 'write');
    if (removed) this.announce(documentId);
  }

  subscribe(documentId: string, listener: (annotations: Annotation[], changes?: StoreChanges) => void): () => void {
    let closed = false;
    let stopFallback = () => {};
    void this.open().then((db) => {
      if (!db && !closed) stopFallback = this.fallback.subscribe?.(documentId, listener) ?? (() => {});
    });
    if (typeof BroadcastChannel === 'undefined') {
      return () => {
        closed = true;
        stopFallback();
      };
    }
    const channel = new BroadcastChannel(this.channelName);
    channel.onmessage = async (event: MessageEvent<{ doc?: string; origin?: string }>) => {
      if (event.data?.doc !== documentId || event.data.origin === this.origin) return;
      const db = await this.open();
      if (!db || closed) return;
      try {
        const [annotations, removed] = await Promise.all([this.load(documentId), this.removedIds(db, documentId)]);
        if (!closed) listener(annotations, { removed });
      } catch (error) {
        // A failed read is the next read's to report; a change elsewhere is not worth an unhandled rejection.
        void error;
      }
    };
    return () => {
      closed = true;
      channel.close();
      stopFallback();
    };
  }

  /** Closes the database (a store that is no longer used; the next call opens it again). */
  async close(): Promise<void> {
    const db = await this.database;
    db?.close();
    this.database = undefined;
    this.outbox?.close();
    this.outbox = undefined;
  }

  private get channelName() {
    return `essay-reader:${this.name}`;
  }

  private open(): Promise<Database | null> {
    this.database ??= (async () => {
      if (!this.factory) return null;
      try {
        const request = this.factory.open(this.name, 1);
        request.onupgradeneeded = () => upgrade(request.result);
        const db = (await wrap(request)) as unknown as Database;
        // Another tab upgrading or deleting the database: step aside, and open it again on the next call.
        db.addEventListener('versionchange', () => {
          db.close();
          this.database = undefined;
        });
        db.addEventListener('close', () => (this.database = undefined));
        return db;
      } catch {
        return null;
      }
    })();
    return this.database;
  }

  /** Moves what an earlier version kept in `localStorage` for the document into the database, once. */
  private migrate(db: Database, documentId: string): Promise<void> {
    let done = this.migrated.get(documentId);
    if (!done) {
      done = this.moveLegacy(db, documentId);
      this.migrated.set(documentId, done);
    }
    return done;
  }

  private async moveLegacy(db: Database, documentId: string) {
    const key = LOCAL_STORAGE_PREFIX + documentId; // where an earlier version kept them
    let present = false;
    try {
      present = !!this.legacy && this.legacyStorage!.getItem(key) !== null;
    } catch {
      return; // localStorage cannot be read: there is nothing this store can move.
    }
    if (!present) return;
    // Read through the localStorage store: what does not parse is set aside there, under a quarantine key, and reported.
    const items = await this.legacy!.load(documentId);
    await attempt(async () => {
      const tx = db.transaction(['annotations', 'removed'], 'readwrite');
      const records = tx.objectStore('annotations');
      const tombstones = tx.objectStore('removed');
      const [current, deleted] = await Promise.all([
        Promise.all(items.map((a) => records.get([documentId, a.id]))),
        Promise.all(items.map((a) => tombstones.get([documentId, a.id]))),
      ]);
      await Promise.all(
        items.map((annotation, i) => {
          if (deleted[i]) return undefined; // deleted here since: not brought back
          if (current[i] && !isNewer(annotation, current[i]!.annotation)) return undefined;
          return records.put({ doc: documentId, id: annotation.id, at: current[i]?.at ?? this.nextAt(), annotation });
        }),
      );
      await tx.done;
    }, 'write');
    // Only once every item is in the database does the old copy go.
    this.legacyStorage!.removeItem(key);
  }

  private async quarantine(db: Database, documentId: string, bad: { id: string; item: unknown; reason: string }[]) {
    await attempt(async () => {
      const tx = db.transaction(['annotations', 'quarantine'], 'readwrite');
      const aside = tx.objectStore('quarantine');
      for (const { id, item, reason } of bad) {
        await tx.objectStore('annotations').delete([documentId, id]);
        await aside.add({ doc: documentId, at: this.nextAt(), item, reason });
      }
      const kept = await aside.index('doc').getAllKeys(documentId);
      await Promise.all(kept.slice(0, Math.max(0, kept.length - QUARANTINE_LIMIT)).map((k) => aside.delete(k)));
      await tx.done;
    }, 'write');
    this.onQuarantine?.(
      new StoreError(
        'corrupt',
        `${bad.length} stored annotation(s) of ${documentId} did not parse and were set aside in IndexedDB "${this.name}", store "quarantine": ${bad.map((b) => b.reason).join('; ')}`,
        {
          quarantineKey: `indexeddb:${this.name}/quarantine/${documentId}`,
        },
      ),
    );
  }

  private async removedIds(db: Database, documentId: string): Promise<string[]> {
    const all = await db.getAllFromIndex('removed', 'doc', documentId);
    return all.sort((a, b) => a.at - b.at).map((t) => t.id);
  }

  private announce(documentId: string) {
    if (typeof BroadcastChannel === 'undefined') return;
    this.outbox ??= new BroadcastChannel(this.channelName);
    this.outbox.postMessage({ doc: documentId, origin: this.origin });
  }

  /** A time stamp later than every one this store gave before (two saves in one millisecond keep their order). */
  private nextAt(): number {
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    return this.lastAt;
  }
}

function upgrade(db: IDBDatabase) {
  const annotations = db.createObjectStore('annotations', { keyPath: ['doc', 'id'] });
  annotations.createIndex('doc', 'doc');
  const removed = db.createObjectStore('removed', { keyPath: ['doc', 'id'] });
  removed.createIndex('doc', 'doc');
  const quarantine = db.createObjectStore('quarantine', { autoIncrement: true });
  quarantine.createIndex('doc', 'doc');
}

/**
 * Runs `work` in `tx` and waits for it to commit; if `work` throws (a put the browser refuses throws at once,
 * without failing the transaction), the transaction is aborted, so nothing of it is written.
 */
async function allOrNothing(tx: { abort(): void; done: Promise<void> }, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    await tx.done.catch(() => {});
    throw error;
  }
  await tx.done;
}

/**
 * When each of `annotations` that is already stored for `documentId` was first saved: one read of the
 * document's records when they are few beside the batch (an import into a new essay), else one read per
 * annotation, issued together (saving 40 beside 10,000 stored should not read all 10,000).
 */
async function firstSavedAt(records: IDBObjectStore, documentId: string, annotations: Annotation[]): Promise<Map<string, number>> {
  const at = new Map<string, number>();
  type Record = Schema['annotations']['value'];
  // One annotation (the common save) is read alone; a batch first asks how many the document holds.
  const stored = annotations.length > 1 ? await done(records.index('doc').count(documentId)) : Infinity;
  if (stored === 0) return at;
  if (stored <= annotations.length * 4) {
    for (const record of await done<Record[]>(records.index('doc').getAll(documentId))) at.set(record.id, record.at);
    return at;
  }
  let last: IDBRequest<Record | undefined> | undefined;
  for (const annotation of annotations) {
    const request: IDBRequest<Record | undefined> = records.get([documentId, annotation.id]);
    request.addEventListener('success', () => {
      if (request.result) at.set(annotation.id, request.result.at);
    });
    last = request;
  }
  // Requests succeed in order: when the last has, every one has been heard.
  if (last) await done(last);
  return at;
}

/** The result of an IndexedDB request. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.addEventListener('success', () => resolve(request.result));
    request.addEventListener('error', () => reject(request.error));
  });
}

async function saveEach(store: AnnotationStore, documentId: string, annotations: Annotation[]) {
  for (const annotation of annotations) await store.save(documentId, annotation);
}

/** Runs an IndexedDB operation, turning what the browser throws into a {@link StoreError} a page can act on. */
async function attempt<T>(operation: () => Promise<T>, what: 'read' | 'write'): Promise<T> {
  try {
    return await operation();
  } catch (cause) {
    if (cause instanceof StoreError) throw cause;
    const name = cause instanceof DOMException ? cause.name : '';
    if (name === 'QuotaExceededError')
      throw new StoreError('quota', 'the browser’s storage for this site is full: the annotation is kept in memory and saved again on the next change', {
        cause,
      });
    if (name === 'DataCloneError') throw new StoreError('failed', `IndexedDB cannot store this annotation (${(cause as Error).message})`, { cause });
    throw new StoreError('failed', `IndexedDB refused the ${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
