import type { Annotation } from '../model/annotation.js';

/**
 * Where a reader's annotations are kept. Every method is async, so a store can be a server as easily as
 * `localStorage`. Annotations are grouped by document: `documentId` is the essay's canonical URL, or what the
 * page set with `document-id`.
 *
 * @example A store that keeps annotations on a server
 * const store: AnnotationStore = {
 *   async load(doc) { return (await fetch(`/api/notes?doc=${encodeURIComponent(doc)}`)).json(); },
 *   async save(doc, a) { await fetch(`/api/notes/${encodeURIComponent(a.id)}`, { method: 'PUT', body: JSON.stringify(a) }); },
 *   async remove(doc, id) { await fetch(`/api/notes/${encodeURIComponent(id)}`, { method: 'DELETE' }); },
 * };
 * document.querySelector('essay-reader').store = store;
 */
export interface AnnotationStore {
  /** Every annotation kept for the document. */
  load(documentId: string): Promise<Annotation[]>;
  /** Adds the annotation, or replaces the one with the same id. */
  save(documentId: string, annotation: Annotation): Promise<void>;
  /**
   * Optional: adds or replaces several annotations in one step (one transaction, one write), all or nothing.
   * Importing 10,000 annotations through `save` alone costs 10,000 round trips; the reader uses this when a
   * store has it, and falls back to `save` one by one (which also isolates an item the store refuses).
   */
  saveMany?(documentId: string, annotations: Annotation[]): Promise<void>;
  /** Removes the annotation with this id (nothing if there is none). */
  remove(documentId: string, id: string): Promise<void>;
  /**
   * Optional: calls `listener` with the document's annotations whenever they change elsewhere (another tab, a
   * server push). Returns a function that unsubscribes. A store that knows which ids were deleted passes them
   * as `changes.removed`: the reader then drops only those, and keeps (and saves again) anything else it holds
   * that the list lacks, such as items set aside as unreadable. Without it, an id missing from the list counts
   * as deleted.
   */
  subscribe?(documentId: string, listener: (annotations: Annotation[], changes?: StoreChanges) => void): () => void;
  /**
   * Optional, for a store that syncs with a server: calls `listener` with where the document stands now and
   * whenever that changes. The reader shows it (part `store-status`) and fires `essay-store-status`. Returns a
   * function that stops it.
   */
  watchStatus?(documentId: string, listener: (status: StoreStatus) => void): () => void;
  /**
   * Optional: whether this reader may edit, recolour or delete the annotation (not another reader's, in a shared
   * layer). Without it, every annotation may be changed. Anyone may reply.
   */
  mayChange?(annotation: Annotation): boolean;
  /**
   * Optional, for a store with a private and a shared layer: whether the annotation is shared (`null`: it cannot
   * be, such as another reader's or a reply, which follows its thread).
   */
  isShared?(documentId: string, annotation: Annotation): boolean | null;
  /** Optional, with `isShared`: shares the annotation with its replies, or makes it private again. */
  share?(documentId: string, id: string, shared: boolean): Promise<void>;
  /** Optional: whether this reader may hide the annotation from every reader (a moderator, in a shared layer). */
  mayHide?(annotation: Annotation): boolean;
  /** Optional, with `mayHide`: hides the annotation from every reader; it stays in the store, marked. */
  hide?(documentId: string, id: string): Promise<void>;
}

/** Where a store that syncs with a server stands. */
export interface StoreStatus {
  /**
   * `offline` (kept on this device, synced when the server is back), `connecting`, `syncing` (changes on their
   * way), `synced`, or `refused` (the server refused the reader's token or a change; `reason` says why).
   */
  state: 'offline' | 'connecting' | 'syncing' | 'synced' | 'refused';
  reason?: string;
}

/** Unreadable items a built-in store keeps per document: beyond this, the oldest goes (each is reported). */
export const QUARANTINE_LIMIT = 10;
/** Deleted ids a built-in store remembers per document, so that other tabs can tell a deletion from a missing item. */
export const REMOVED_LIMIT = 200;

/** What a store can say about a change made elsewhere. */
export interface StoreChanges {
  /** Ids deleted on purpose (not merely missing from the list). */
  removed: string[];
}

/** Why a store could not do what it was asked. */
/** `forbidden`: the store (or its server) does not let this reader make the change, such as deleting another reader's annotation. */
export type StoreErrorKind = 'quota' | 'unavailable' | 'corrupt' | 'failed' | 'forbidden';

/** An error from a store, with a kind a page can act on. */
export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    readonly details: { quarantineKey?: string; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
