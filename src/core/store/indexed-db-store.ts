import { unwrap, wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { Annotation } from '../model/annotation.js';
import { parseAnnotation } from '../model/parse.js';
import { isNewer } from '../model/versions.js';
import { LOCAL_STORAGE_PREFIX, LocalStorageStore } from './local-storage-store.js';
import { QUARANTINE_LIMIT, REMOVED_LIMIT, StoreError, type AnnotationStore, type StoreChanges } from './store.js';

/** How many records a batch write issues at a time (see saveMany). */
const BATCH_SLICE = 250;
/** A batch of at least this many is kept in packed records, of at most {@link PACK_SIZE} annotations each. */
const PACK_MIN = 64;
const PACK_SIZE = 250;

/** An annotation as stored, with the time it was first saved (the order `load` gives). */
interface Item {
  id: string;
  at: number;
  annotation: Annotation;
}
type Key = [string, string];
interface Pack {
  doc: string;
  id: string;
  /** `[doc, id]` of each item, for the multi-entry index that says which pack holds an annotation. */
  members: Key[];
  items: Item[];
}

interface Schema extends DBSchema {
  annotations: { key: Key; value: Item & { doc: string }; indexes: { doc: string } };
  packs: { key: Key; value: Pack; indexes: { doc: string; member: Key } };
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
 * - Each change is one transaction: atomic across tabs, with no read-modify-write race (two tabs saving at once
 *   both keep their work), and room for every essay of a site (the browser's quota for the origin, not
 *   `localStorage`'s 5 MB).
 * - `saveMany` writes a batch in one transaction, all or nothing. An annotation saved alone or in a small batch is
 *   a record of its own; a large batch (an import) is packed, 250 annotations a record, because the browser's
 *   cost is per record (10,000 records took 1.2–1.8 s to write in Chromium, 40 packed ones under 0.2 s). A packed
 *   annotation that is later saved or removed is taken out of its pack in the same transaction, so each
 *   annotation is in one place.
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
    const records = await attempt(async () => {
      const tx = db.transaction(['annotations', 'packs']);
      const [alone, packs] = await Promise.all([
        tx.objectStore('annotations').index('doc').getAll(documentId),
        tx.objectStore('packs').index('doc').getAll(documentId),
      ]);
      return [...alone, ...packs.flatMap((pack) => pack.items)];
    }, 'read');
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
      const tx = db.transaction(['annotations', 'packs'], 'readwrite');
      await allOrNothing(tx, () => this.place(tx, documentId, annotations));
    }, 'write');
    this.announce(documentId);
  }

  async remove(documentId: string, id: string): Promise<void> {
    const db = await this.open();
    if (!db) return this.fallback.remove(documentId, id);
    await this.migrate(db, documentId);
    const removed = await attempt(async () => {
      const tx = db.transaction(['annotations', 'packs', 'removed'], 'readwrite');
      const stored = new Placement(tx, documentId);
      await stored.read([id]);
      if (!stored.found.has(id)) {
        await tx.done;
        return false;
      }
      // The annotation and its tombstone in one transaction: a tab that reads the shorter list knows why.
      await stored.takeOut([id], true);
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
        const request = this.factory.open(this.name, 2);
        request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
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
      const tx = db.transaction(['annotations', 'packs', 'removed'], 'readwrite');
      const tombstones = tx.objectStore('removed');
      const deleted = new Set((await Promise.all(items.map((a) => tombstones.get([documentId, a.id])))).filter((t) => t).map((t) => t!.id));
      // Deleted here since: not brought back; stored here and at least as new: kept.
      await allOrNothing(tx, () =>
        this.place(
          tx,
          documentId,
          items.filter((a) => !deleted.has(a.id)),
          (annotation, current) => isNewer(annotation, current),
        ),
      );
    }, 'write');
    // Only once every item is in the database does the old copy go.
    this.legacyStorage!.removeItem(key);
  }

  private async quarantine(db: Database, documentId: string, bad: { id: string; item: unknown; reason: string }[]) {
    await attempt(async () => {
      const tx = db.transaction(['annotations', 'packs', 'quarantine'], 'readwrite');
      const stored = new Placement(tx, documentId);
      await stored.read(bad.map((b) => b.id));
      await stored.takeOut(
        bad.map((b) => b.id),
        true,
      );
      const aside = tx.objectStore('quarantine');
      for (const { item, reason } of bad) await aside.add({ doc: documentId, at: this.nextAt(), item, reason });
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

  /**
   * Writes `annotations` in `tx`, each keeping the time it was first saved: a few as records of their own, many
   * packed. What is already stored is read first, in the transaction (no other tab writes meanwhile); `accept`
   * decides whether a stored annotation is replaced (default: always).
   */
  private async place(
    tx: { objectStore(name: 'annotations' | 'packs'): unknown },
    documentId: string,
    annotations: Annotation[],
    accept: (annotation: Annotation, current: Annotation) => boolean = () => true,
  ) {
    // One item per id, the last copy given, where the first stood.
    const given = new Map<string, Annotation>();
    for (const annotation of annotations) given.set(annotation.id, annotation);
    const stored = new Placement(tx, documentId);
    await stored.read([...given.keys()]);
    const items: Item[] = [];
    for (const [id, annotation] of given) {
      const current = stored.found.get(id);
      if (current && !accept(annotation, current.annotation)) continue;
      items.push({ id, at: current?.at ?? this.nextAt(), annotation });
    }
    const packed = items.length >= PACK_MIN;
    // A record of its own is overwritten in place; one that moves into a pack, or out of one, is taken out first.
    await stored.takeOut(
      items.map((item) => item.id),
      packed,
    );
    await stored.write(items, packed);
  }

  /** A time stamp later than every one this store gave before (two saves in one millisecond keep their order). */
  private nextAt(): number {
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    return this.lastAt;
  }
}

function upgrade(db: IDBDatabase, from: number) {
  if (from < 1) {
    const annotations = db.createObjectStore('annotations', { keyPath: ['doc', 'id'] });
    annotations.createIndex('doc', 'doc');
    const removed = db.createObjectStore('removed', { keyPath: ['doc', 'id'] });
    removed.createIndex('doc', 'doc');
    const quarantine = db.createObjectStore('quarantine', { autoIncrement: true });
    quarantine.createIndex('doc', 'doc');
  }
  if (from < 2) {
    const packs = db.createObjectStore('packs', { keyPath: ['doc', 'id'] });
    packs.createIndex('doc', 'doc');
    packs.createIndex('member', 'members', { multiEntry: true });
  }
}

/**
 * Where each of a document's stored annotations is, read and changed inside one readwrite transaction: a
 * record of its own, or an item of a pack. Works with the browser's own requests, not a promise for each
 * (20,000 promises cost more than the writes).
 */
class Placement {
  /** What `read` found, by id. */
  readonly found = new Map<string, Item & { pack?: string }>();
  private readonly packs = new Map<string, Pack>();
  private readonly alone: IDBObjectStore;
  private readonly packed: IDBObjectStore;

  constructor(
    tx: { objectStore(name: 'annotations' | 'packs'): unknown },
    private readonly doc: string,
  ) {
    this.alone = unwrap(tx.objectStore('annotations') as never) as unknown as IDBObjectStore;
    this.packed = unwrap(tx.objectStore('packs') as never) as unknown as IDBObjectStore;
  }

  /**
   * Finds where `ids` are stored: one read of the document when it holds few beside them (an import into a new
   * essay), else one read per id, issued together (saving 40 beside 10,000 stored should not read all 10,000).
   */
  async read(ids: string[]) {
    const { doc } = this;
    const wanted = new Set(ids);
    const members = this.packed.index('member');
    const held =
      wanted.size > 1 ? (await done(this.alone.index('doc').count(doc))) + (await done(members.count(IDBKeyRange.bound([doc], [doc, []])))) : Infinity;
    if (held === 0) return;
    if (held <= wanted.size * 4) {
      const [alone, packs] = await Promise.all([done<Item[]>(this.alone.index('doc').getAll(doc)), done<Pack[]>(this.packed.index('doc').getAll(doc))]);
      for (const item of alone) if (wanted.has(item.id)) this.found.set(item.id, item);
      for (const pack of packs) this.learn(pack, wanted);
      return;
    }
    const packIds = new Set<string>();
    let last: IDBRequest | undefined;
    for (const id of wanted) {
      const record: IDBRequest<Item | undefined> = this.alone.get([doc, id]);
      record.addEventListener('success', () => record.result && this.found.set(id, record.result));
      const pack: IDBRequest<IDBValidKey | undefined> = members.getKey([doc, id]);
      pack.addEventListener('success', () => pack.result && packIds.add((pack.result as Key)[1]));
      last = pack;
    }
    // Requests succeed in order: when the last has, every one has been heard.
    if (last) await done(last);
    last = undefined;
    for (const id of packIds) {
      const pack: IDBRequest<Pack | undefined> = this.packed.get([doc, id]);
      pack.addEventListener('success', () => pack.result && this.learn(pack.result, wanted));
      last = pack;
    }
    if (last) await done(last);
  }

  /** Takes `ids` out of the packs that hold them (rewritten without them), and out of their own records too if `alone`. */
  async takeOut(ids: string[], alone: boolean) {
    const leaving = new Map<string, Set<string>>();
    let last: IDBRequest | undefined;
    for (const id of ids) {
      const place = this.found.get(id);
      if (place?.pack) (leaving.get(place.pack) ?? leaving.set(place.pack, new Set()).get(place.pack)!).add(id);
      else if (place && alone) last = this.alone.delete([this.doc, id]);
    }
    for (const [id, gone] of leaving) {
      const pack = this.packs.get(id)!;
      pack.items = pack.items.filter((item) => !gone.has(item.id));
      pack.members = pack.items.map((item) => [this.doc, item.id]);
      last = pack.items.length ? this.packed.put(pack) : this.packed.delete([this.doc, id]);
    }
    if (last) await settled(last);
  }

  /** Writes `items`: packed, or each a record of its own. */
  async write(items: Item[], packed: boolean) {
    const { doc } = this;
    // In slices, each issued when the one before has succeeded: the transaction stays one (all or nothing), and
    // the browser runs other tasks between slices (cloning 10,000 records at once froze the page for over half
    // a second).
    const slice = packed ? PACK_SIZE : BATCH_SLICE;
    for (let from = 0; from < items.length; from += slice) {
      const some = items.slice(from, from + slice);
      let last: IDBRequest | undefined;
      if (packed) {
        const id = `${some[0].at.toString(36)}-${Math.random().toString(36).slice(2)}`;
        last = this.packed.put({ doc, id, members: some.map((item) => [doc, item.id]), items: some } satisfies Pack);
      } else {
        for (const item of some) last = this.alone.put({ doc, ...item });
      }
      if (last) await settled(last);
    }
  }

  private learn(pack: Pack, wanted: Set<string>) {
    this.packs.set(pack.id, pack);
    for (const item of pack.items) if (wanted.has(item.id)) this.found.set(item.id, { ...item, pack: pack.id });
  }
}

/**
 * Waits for the last of a run of requests. Requests succeed in order: when the last has, so have the others.
 * When one fails, the transaction's error says why (the last request then only reports the abort).
 */
function settled(last: IDBRequest): Promise<unknown> {
  return done(last).catch((error) => Promise.reject(last.transaction?.error ?? error));
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
