import type { Annotation } from '../model/annotation.js';
import { parseAnnotation } from '../model/parse.js';
import { StoreError, type AnnotationStore } from './store.js';

const PREFIX = 'essay-reader:annotations:';
const QUARANTINE_PREFIX = 'essay-reader:quarantine:';

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
 * - Stored data that does not parse is never overwritten: it is moved to a quarantine key
 *   (`essay-reader:quarantine:<documentId>:<time>`) and reported, and the document starts empty.
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

  async load(documentId: string): Promise<Annotation[]> {
    return this.read(documentId);
  }

  async save(documentId: string, annotation: Annotation): Promise<void> {
    const annotations = this.read(documentId);
    const at = annotations.findIndex((a) => a.id === annotation.id);
    if (at === -1) annotations.push(annotation);
    else annotations[at] = annotation;
    this.write(documentId, annotations);
  }

  async remove(documentId: string, id: string): Promise<void> {
    const annotations = this.read(documentId);
    const kept = annotations.filter((a) => a.id !== id);
    if (kept.length !== annotations.length) this.write(documentId, kept);
  }

  subscribe(documentId: string, listener: (annotations: Annotation[]) => void): () => void {
    if (typeof window === 'undefined') return () => {};
    const key = PREFIX + documentId;
    const onStorage = (event: StorageEvent) => {
      if (event.key !== key || (event.storageArea && event.storageArea !== this.storage)) return;
      listener(this.read(documentId));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }

  private usable(): Storage {
    if (!this.storage) throw new StoreError('unavailable', 'localStorage is not available (private browsing or blocked storage): annotations are kept in memory only');
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
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!Array.isArray(parsed)) throw new TypeError(`${key}: expected an array of annotations`);
      return parsed.map((item, i) => parseAnnotation(item, `${key}[${i}]`));
    } catch (cause) {
      // Never overwrite what we cannot read: set it aside, report it, and start empty.
      const quarantineKey = `${QUARANTINE_PREFIX}${documentId}:${Date.now()}`;
      try {
        storage.setItem(quarantineKey, raw);
        storage.removeItem(key);
      } catch (moveError) {
        throw new StoreError('corrupt', `${key} does not parse and could not be set aside: ${String(moveError)}`, { cause });
      }
      this.onQuarantine?.(
        new StoreError('corrupt', `${key} did not parse (${cause instanceof Error ? cause.message : String(cause)}); it was kept under ${quarantineKey}`, {
          quarantineKey,
          cause,
        }),
      );
      return [];
    }
  }

  private write(documentId: string, annotations: Annotation[]) {
    const storage = this.usable();
    try {
      storage.setItem(PREFIX + documentId, JSON.stringify(annotations));
    } catch (cause) {
      const quota = cause instanceof DOMException && (cause.name === 'QuotaExceededError' || cause.code === 22);
      throw new StoreError(quota ? 'quota' : 'failed', quota ? 'localStorage is full: the annotation is kept in memory and saved again on the next change' : `localStorage refused the write: ${String(cause)}`, { cause });
    }
  }
}
