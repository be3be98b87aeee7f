/**
 * essay-reader/shared.js: annotations kept in Yjs documents, so that several readers (tabs, devices, a class) see
 * one set and merge their edits without conflicts. One Y.Doc per essay document id, from a factory the page gives
 * (with a Hocuspocus provider for a server, y-indexeddb for offline): this entry knows Yjs only, so pages that do
 * not use it do not load it.
 *
 * In each Y.Doc: a Y.Map `annotations` from id to the annotation as JSON text (JSON text, not Yjs values, so that
 * what a store hands out is always a copy and every string survives the sync, lone surrogates included), a
 * Y.Array `order` of ids in the order first saved, and a Y.Array `hidden` of moderators' acts ({ id, by, at, hidden }),
 * the last one for an id deciding: hidden annotations stay in the document, and `load` leaves them out. (A log, not
 * a map: a refused write by a reader, taken back, must not shadow a moderator's concurrent one, which a map's
 * last-writer-wins can.)
 */
import * as Y from 'yjs';
import { creatorIdOf, StoreError, type Annotation, type AnnotationStore, type StoreChanges, type StoreStatus } from '../core/index.js';
import type { SharedReader, SharedStatus } from './documents.js';

/** The most JSON one shared annotation may hold (the shared server's limit, scripts/shared-rules.mjs). */
const MAX_SHARED_CHARS = 262_144;

/** Where the store finds the Y.Doc of an essay document. */
export type DocFor = (documentId: string) => Y.Doc;

export interface YjsStoreOptions {
  /**
   * Who saves: an annotation saved without a creator is saved with this one. A shared server lets a reader create
   * annotations only as themselves, and edit or delete only their own.
   */
  reader?: SharedReader;
  /** Where the documents stand with their server (what `sharedDocuments` returns): the reader shows it. */
  connection?: {
    status(documentId: string): SharedStatus;
    reason(documentId: string): string | undefined;
    onStatus(listener: (documentId: string, status: SharedStatus, reason?: string) => void): () => void;
    /** Told when a document's Y.Doc is replaced (after a refused change): `subscribe` follows the new one. */
    onReplaced?(listener: (documentId: string) => void): () => void;
  };
}

export class YjsStore implements AnnotationStore {
  /** The transaction origin of this store's own writes, so that `subscribe` reports only others'. */
  private readonly origin = Symbol('YjsStore');
  private readonly reader?: SharedReader;
  private readonly connection?: YjsStoreOptions['connection'];

  constructor(
    private readonly docFor: DocFor,
    options: YjsStoreOptions = {},
  ) {
    if (typeof docFor !== 'function') throw new TypeError(`YjsStore: docFor: expected a function from a document id to a Y.Doc, got ${typeof docFor}`);
    if (options.reader !== undefined && typeof options.reader?.id !== 'string') {
      throw new TypeError(`YjsStore: reader: expected { id: string, name?: string }, got ${JSON.stringify(options.reader)}`);
    }
    this.reader = options.reader;
    this.connection = options.connection;
  }

  /** Where the document stands with the server, now and on each change (with a `connection`). */
  watchStatus(documentId: string, listener: (status: StoreStatus) => void): () => void {
    const connection = this.connection;
    if (!connection) return () => {};
    const say = () => {
      const reason = connection.reason(documentId);
      listener({ state: connection.status(documentId), ...(reason ? { reason } : {}) });
    };
    say();
    return connection.onStatus((id) => id === documentId && say());
  }

  /**
   * Refuses here what the server would refuse (with a reader: another's annotation edited or deleted, or one saved
   * in another's name), so that an honest client never sends a change the server takes back.
   */
  private mayWrite(documentId: string, id: string, annotation: Annotation | undefined, what: 'edit' | 'delete') {
    if (!this.reader) return;
    const stored = this.parts(documentId).annotations.get(id);
    const owner = stored === undefined ? undefined : creatorIdOf(JSON.parse(stored) as Annotation);
    const named = annotation && creatorIdOf(annotation);
    if ((stored !== undefined && owner !== this.reader.id) || (named !== undefined && named !== this.reader.id)) {
      const whose = stored !== undefined ? (owner ?? 'no one') : named;
      throw new StoreError(
        'forbidden',
        `YjsStore: ${documentId}: ${this.reader.id} may not ${stored === undefined ? 'create' : what} ${id}, which is ${whose}’s`,
      );
    }
  }

  /** Whether this store's reader may hide the annotation: a moderator, any other reader's. */
  mayHide(annotation: Annotation): boolean {
    return this.reader?.role === 'moderator' && !this.mayChange(annotation);
  }

  /** Whether this store's reader may edit or delete the annotation: their own, or one not saved as anyone's. */
  mayChange(annotation: Annotation): boolean {
    if (!this.reader) return true;
    const id = creatorIdOf(annotation);
    return id === undefined || id === this.reader.id;
  }

  async load(documentId: string): Promise<Annotation[]> {
    const { annotations, order, hidden } = this.parts(documentId);
    const list: Annotation[] = [];
    // Hidden by a moderator: kept in the document, not shown.
    const seen = new Set<string>(hiddenOf(hidden).keys());
    for (const id of order.toArray()) {
      const json = annotations.get(id);
      if (json === undefined || seen.has(id)) continue; // removed, or saved first on two replicas at once
      seen.add(id);
      list.push(parse(json, documentId, id));
    }
    // Kept in the map but not in the order (one replica removed it while another edited it, and the edit won):
    // kept, at the end, rather than lost.
    for (const [id, json] of annotations.entries()) if (!seen.has(id)) list.push(parse(json, documentId, id));
    return list;
  }

  async save(documentId: string, annotation: Annotation): Promise<void> {
    await this.saveMany(documentId, [annotation]);
  }

  async saveMany(documentId: string, list: Annotation[]): Promise<void> {
    const doc = this.docFor(documentId);
    const { annotations, order } = this.parts(documentId);
    const texts = list.map((annotation) => {
      if (typeof annotation?.id !== 'string') throw new TypeError(`YjsStore.save: ${documentId}: an annotation has no id`);
      this.mayWrite(documentId, annotation.id, annotation, 'edit');
      const creator = annotation.creator ?? (this.reader && { id: this.reader.id, type: 'Person', ...(this.reader.name ? { name: this.reader.name } : {}) });
      const json = JSON.stringify(creator ? { ...annotation, creator } : annotation);
      if (json.length > MAX_SHARED_CHARS) {
        throw new StoreError(
          'forbidden',
          `YjsStore: ${documentId}: ${annotation.id} is ${json.length.toLocaleString('en')} characters of JSON, over the shared layer’s limit of ${MAX_SHARED_CHARS.toLocaleString('en')}`,
        );
      }
      return [annotation.id, json] as const;
    });
    doc.transact(() => {
      for (const [id, json] of texts) {
        if (!annotations.has(id)) order.push([id]);
        annotations.set(id, json);
      }
    }, this.origin);
  }

  async remove(documentId: string, id: string): Promise<void> {
    const doc = this.docFor(documentId);
    const { annotations, order } = this.parts(documentId);
    this.mayWrite(documentId, id, undefined, 'delete');
    doc.transact(() => {
      annotations.delete(id);
      const ids = order.toArray();
      for (let i = ids.length - 1; i >= 0; i--) if (ids[i] === id) order.delete(i, 1);
    }, this.origin);
  }

  /**
   * Hides an annotation (a moderator's act; the server refuses it from anyone else): it stays in the document,
   * marked with who hid it and when, and `load` leaves it out. `hidden = false` shows it again.
   */
  async hide(documentId: string, id: string, hidden = true): Promise<void> {
    const doc = this.docFor(documentId);
    const acts = this.parts(documentId).hidden;
    doc.transact(() => acts.push([{ id, by: this.reader?.id ?? null, at: new Date().toISOString(), hidden }]), this.origin);
  }

  /** The ids a moderator hid, with who hid them and when. */
  hiddenIds(documentId: string): Map<string, { by: string | null; at: string }> {
    return hiddenOf(this.parts(documentId).hidden);
  }

  /** Calls `listener` with the document's annotations after every change made elsewhere (another replica). */
  subscribe(documentId: string, listener: (annotations: Annotation[], changes?: StoreChanges) => void): () => void {
    const follow = () => {
      const { annotations, hidden } = this.parts(documentId);
      const heard = (event: Y.YMapEvent<string>, transaction: Y.Transaction) => {
        if (transaction.origin === this.origin) return;
        const removed = [...event.changes.keys].filter(([, change]) => change.action === 'delete').map(([id]) => id);
        void this.load(documentId).then((list) => listener(list, { removed }));
      };
      // A moderator's hiding (or showing) elsewhere reads as a removal (or an addition) here.
      const marked = (_event: Y.YArrayEvent<HideAct>, transaction: Y.Transaction) => {
        if (transaction.origin === this.origin) return;
        const removed = [...hiddenOf(hidden).keys()];
        void this.load(documentId).then((list) => listener(list, { removed }));
      };
      annotations.observe(heard);
      hidden.observe(marked);
      return {
        ids: () => new Set(annotations.keys()),
        stop: () => {
          annotations.unobserve(heard);
          hidden.unobserve(marked);
        },
      };
    };
    let current = follow();
    // The document was replaced (a refused change dropped): what it held and the new one lacks was removed.
    const stopReplaced = this.connection?.onReplaced?.((id) => {
      if (id !== documentId) return;
      const before = current.ids();
      current.stop();
      current = follow();
      void this.load(documentId).then((list) => {
        const now = new Set(this.parts(documentId).annotations.keys());
        listener(list, { removed: [...before].filter((x) => !now.has(x)) });
      });
    });
    return () => {
      current.stop();
      stopReplaced?.();
    };
  }

  private parts(documentId: string) {
    const doc = this.docFor(documentId);
    return {
      annotations: doc.getMap<string>('annotations'),
      order: doc.getArray<string>('order'),
      hidden: doc.getArray<HideAct>('hidden'),
    };
  }
}

/** A moderator's act: hiding an annotation, or showing it again. */
interface HideAct {
  id: string;
  by: string | null;
  at: string;
  hidden: boolean;
}

/** The ids hidden now (the last act for each id decides), with who hid them and when. */
function hiddenOf(acts: Y.Array<HideAct>): Map<string, { by: string | null; at: string }> {
  const last = new Map<string, HideAct>();
  for (const act of acts.toArray()) if (act && typeof act.id === 'string') last.set(act.id, act);
  const hidden = new Map<string, { by: string | null; at: string }>();
  for (const [id, act] of last) if (act.hidden) hidden.set(id, { by: act.by, at: act.at });
  return hidden;
}

function parse(json: string, documentId: string, id: string): Annotation {
  try {
    return JSON.parse(json) as Annotation;
  } catch {
    throw new StoreError('corrupt', `YjsStore: ${documentId}: the annotation ${id} is not JSON`);
  }
}

export { rebuiltFrom, sharedDocuments, type SharedOptions, type SharedReader, type SharedStatus } from './documents.js';
export { SharedLayers } from './layers.js';
