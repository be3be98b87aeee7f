import type { Annotation } from '../model/annotation.js';
import { parseAnnotation } from '../model/parse.js';
import { QUARANTINE_LIMIT, REMOVED_LIMIT, StoreError, type AnnotationStore, type StoreChanges } from './store.js';

/** The key a document's annotations are kept under is this followed by the document id. */
export const LOCAL_STORAGE_PREFIX = 'essay-reader:annotations:';
const PREFIX = LOCAL_STORAGE_PREFIX;
const QUARANTINE_PREFIX = 'essay-reader:quarantine:';
const REMOVED_PREFIX = 'essay-reader:removed:';

export interface LocalStorageStoreOptions {
  /** The Storage to use (default `window.localStorage`); tests pass their own. */
  storage?: Storage | null;
  /** Told about stored data that did not parse and was set aside (the store carries on without it). */
  onQuarantine?: (error: StoreError) => void;
}

/**
 * Keeps annotations in `localStorage`, one key per document (`essay-reader:annotations:<documentId>`).
 *
 * - Saving re-reads what is stored and changes only the one annotation, so two tabs on the same essay do not
 *   overwrite each other's work; `subscribe` hears the other tab's changes through the `storage` event.
 * - A full quota or a `localStorage` that cannot be used (private browsing, blocked storage) makes `save` and
 *   `remove` reject with a {@link StoreError} (`quota` or `unavailable`): the caller keeps the annotation.
 * - Stored data that does not parse is never overwritten: what cannot be read (one item, or the whole value
 *   when it is not JSON) is moved to a quarantine key (`essay-reader:quarantine:<documentId>:<time>`) and
 *   reported; the readable items stay. At most ten quarantine keys are kept per document.
 * - Deleted ids are remembered (`essay-reader:removed:<documentId>`, the last 200), and `subscribe` passes them
 *   on: another tab drops only what was deleted, never what a quarantine set aside.
 */
export class LocalStorageStore implements AnnotationStore {
  private readonly storage: Storage | null;
  private readonly onQuarantine?: (error: StoreError) => void;

  constructor(options: LocalStorageStoreOptions = {}) {
    this.onQuarantine = options.onQuarantine;
    if (options.storage !== undefined) {
      this.storage = options.storage;
      return;
    }
    try {
      // Reading the property throws in some private modes and with storage blocked.
      this.storage = globalThis.localStorage ?? null;
    } catch {
      this.storage = null;
    }
  }

  /** The document's annotations: copies, so that changing them changes nothing stored (or cached). */
  async load(documentId: string): Promise<Annotation[]> {
    return structuredClone(this.read(documentId));
  }

  async save(documentId: string, given: Annotation): Promise<void> {
    // A copy is kept: the caller may change its object after saving it.
    const annotation = structuredClone(given);
    const annotations = this.read(documentId);
    const at = annotations.findIndex((a) => a.id === annotation.id);
    if (at === -1) annotations.push(annotation);
    else annotations[at] = annotation;
    this.write(documentId, annotations);
  }

  /** Saves several annotations with one read and one write: all of them, or (on a full quota) none. */
  async saveMany(documentId: string, annotations: Annotation[]): Promise<void> {
    const byId = new Map(this.read(documentId).map((a) => [a.id, a]));
    for (const annotation of structuredClone(annotations)) byId.set(annotation.id, annotation);
    this.write(documentId, [...byId.values()]);
  }

  async remove(documentId: string, id: string): Promise<void> {
    const annotations = this.read(documentId);
    const kept = annotations.filter((a) => a.id !== id);
    if (kept.length === annotations.length) return;
    // The tombstone first: a tab that hears of the shorter list must already know the id was deleted.
    this.writeRaw(REMOVED_PREFIX + documentId, JSON.stringify([...this.removedIds(documentId).filter((r) => r !== id), id].slice(-REMOVED_LIMIT)));
    this.write(documentId, kept);
  }

  subscribe(documentId: string, listener: (annotations: Annotation[], changes?: StoreChanges) => void): () => void {
    if (typeof window === 'undefined') return () => {};
    const key = PREFIX + documentId;
    const onStorage = (event: StorageEvent) => {
      if (event.key !== key || (event.storageArea && event.storageArea !== this.storage)) return;
      listener(structuredClone(this.read(documentId)), { removed: this.removedIds(documentId) });
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }

  private usable(): Storage {
    if (!this.storage)
      throw new StoreError('unavailable', 'localStorage is not available (private browsing or blocked storage): annotations are kept in memory only');
    return this.storage;
  }

  private read(documentId: string): Annotation[] {
    const storage = this.usable();
    const key = PREFIX + documentId;
    let raw: string | null;
    try {
      raw = storage.getItem(key);
    } catch (cause) {
      throw new StoreError('unavailable', `localStorage could not be read: ${String(cause)}`, { cause });
    }
    if (raw === null) return [];
    // Unchanged since the last read (the usual case between two saves of one tab): no need to parse it again.
    const cached = this.lastRead.get(key);
    if (cached && cached.raw === raw) return [...cached.annotations];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
      if (!Array.isArray(parsed)) throw new TypeError(`${key}: expected an array of annotations`);
    } catch (cause) {
      // Never overwrite what we cannot read: set it aside, report it, and start empty.
      this.quarantine(documentId, raw, cause, null);
      return [];
    }
    const good: Annotation[] = [];
    const bad: unknown[] = [];
    const reasons: string[] = [];
    parsed.forEach((item, i) => {
      try {
        good.push(parseAnnotation(item, `${key}[${i}]`));
      } catch (cause) {
        bad.push(item);
        reasons.push(cause instanceof Error ? cause.message : String(cause));
      }
    });
    // Only the unreadable items are set aside; the rest stay where they are.
    if (bad.length) this.quarantine(documentId, JSON.stringify(bad), new TypeError(reasons.join('; ')), JSON.stringify(good));
    else this.lastRead.set(key, { raw, annotations: good });
    return [...good];
  }

  /** Moves `raw` to a new quarantine key, leaves `rest` (or nothing) under the document's key, and reports it. */
  private quarantine(documentId: string, raw: string, cause: unknown, rest: string | null) {
    const storage = this.usable();
    const key = PREFIX + documentId;
    // A time-stamped key, later than every one before it (two quarantines in one millisecond must not share one,
    // and the newest must sort last when the oldest are trimmed).
    const stamps = this.quarantineStamps(documentId);
    const stamp = Math.max(Date.now(), (stamps.at(-1) ?? 0) + 1);
    const quarantineKey = `${QUARANTINE_PREFIX}${documentId}:${stamp}`;
    try {
      storage.setItem(quarantineKey, raw);
      if (rest === null) storage.removeItem(key);
      else storage.setItem(key, rest);
    } catch (moveError) {
      throw new StoreError('corrupt', `${key} does not parse and could not be set aside: ${String(moveError)}`, { cause });
    }
    this.trimQuarantine(documentId);
    this.onQuarantine?.(
      new StoreError(
        'corrupt',
        `${key}: ${rest === null ? 'the stored value' : 'some stored items'} did not parse (${cause instanceof Error ? cause.message : String(cause)}); kept under ${quarantineKey}`,
        {
          quarantineKey,
          cause,
        },
      ),
    );
  }

  /** Keeps the newest {@link QUARANTINE_LIMIT} quarantine keys of a document, so that they cannot fill the quota. */
  private trimQuarantine(documentId: string) {
    const stamps = this.quarantineStamps(documentId);
    for (const old of stamps.slice(0, Math.max(0, stamps.length - QUARANTINE_LIMIT))) this.usable().removeItem(`${QUARANTINE_PREFIX}${documentId}:${old}`);
  }

  /** The time stamps of a document's quarantine keys, oldest first. */
  private quarantineStamps(documentId: string): number[] {
    const storage = this.usable();
    const prefix = `${QUARANTINE_PREFIX}${documentId}:`;
    const stamps: number[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length))) stamps.push(Number(k.slice(prefix.length)));
    }
    return stamps.sort((a, b) => a - b);
  }

  private removedIds(documentId: string): string[] {
    try {
      const list: unknown = JSON.parse(this.usable().getItem(REMOVED_PREFIX + documentId) ?? '[]');
      return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  private write(documentId: string, annotations: Annotation[]) {
    const raw = JSON.stringify(annotations);
    this.writeRaw(PREFIX + documentId, raw);
    this.lastRead.set(PREFIX + documentId, { raw, annotations: [...annotations] });
  }

  /** The last value read or written under each key, parsed (annotations are never mutated in place). */
  private readonly lastRead = new Map<string, { raw: string; annotations: Annotation[] }>();

  private writeRaw(key: string, value: string) {
    const storage = this.usable();
    try {
      storage.setItem(key, value);
    } catch (cause) {
      const quota = cause instanceof DOMException && (cause.name === 'QuotaExceededError' || cause.code === 22);
      throw new StoreError(
        quota ? 'quota' : 'failed',
        quota
          ? 'localStorage is full: the annotation is kept in memory and saved again on the next change'
          : `localStorage refused the write: ${String(cause)}`,
        { cause },
      );
    }
  }
}
