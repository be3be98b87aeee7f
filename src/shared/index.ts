/**
 * essay-reader/shared.js: annotations kept in Yjs documents, so that several readers (tabs, devices, a class) see
 * one set and merge their edits without conflicts. One Y.Doc per essay document id, from a factory the page gives
 * (with a Hocuspocus provider for a server, y-indexeddb for offline): this entry knows Yjs only, so pages that do
 * not use it do not load it.
 *
 * In each Y.Doc: a Y.Map `annotations` from id to the annotation as JSON text (JSON text, not Yjs values, so that
 * what a store hands out is always a copy and every string survives the sync, lone surrogates included), and a
 * Y.Array `order` of ids in the order first saved.
 */
import * as Y from 'yjs';
import { StoreError, type Annotation, type AnnotationStore, type StoreChanges } from '../core/index.js';

/** Where the store finds the Y.Doc of an essay document. */
export type DocFor = (documentId: string) => Y.Doc;

export class YjsStore implements AnnotationStore {
  /** The transaction origin of this store's own writes, so that `subscribe` reports only others'. */
  private readonly origin = Symbol('YjsStore');

  constructor(private readonly docFor: DocFor) {
    if (typeof docFor !== 'function') throw new TypeError(`YjsStore: docFor: expected a function from a document id to a Y.Doc, got ${typeof docFor}`);
  }

  async load(documentId: string): Promise<Annotation[]> {
    const { annotations, order } = this.parts(documentId);
    const list: Annotation[] = [];
    const seen = new Set<string>();
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
      return [annotation.id, JSON.stringify(annotation)] as const;
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
    doc.transact(() => {
      annotations.delete(id);
      const ids = order.toArray();
      for (let i = ids.length - 1; i >= 0; i--) if (ids[i] === id) order.delete(i, 1);
    }, this.origin);
  }

  /** Calls `listener` with the document's annotations after every change made elsewhere (another replica). */
  subscribe(documentId: string, listener: (annotations: Annotation[], changes?: StoreChanges) => void): () => void {
    const { annotations } = this.parts(documentId);
    const heard = (event: Y.YMapEvent<string>, transaction: Y.Transaction) => {
      if (transaction.origin === this.origin) return;
      const removed = [...event.changes.keys].filter(([, change]) => change.action === 'delete').map(([id]) => id);
      void this.load(documentId).then((list) => listener(list, { removed }));
    };
    annotations.observe(heard);
    return () => annotations.unobserve(heard);
  }

  private parts(documentId: string) {
    const doc = this.docFor(documentId);
    return { annotations: doc.getMap<string>('annotations'), order: doc.getArray<string>('order') };
  }
}

function parse(json: string, documentId: string, id: string): Annotation {
  try {
    return JSON.parse(json) as Annotation;
  } catch {
    throw new StoreError('corrupt', `YjsStore: ${documentId}: the annotation ${id} is not JSON`);
  }
}

export { sharedDocuments, type SharedOptions, type SharedStatus } from './documents.js';
