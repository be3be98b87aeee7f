import { replyTarget, threadOf, type Annotation, type AnnotationStore, type StoreChanges, type StoreStatus } from '../core/index.js';
import type { YjsStore } from './index.js';

/** Each layer's annotations by id, in the order the layer gave them. */
interface Lists {
  mine: Map<string, Annotation>;
  ours: Map<string, Annotation>;
}

const byId = (list: Annotation[]) => new Map(list.map((a) => [a.id, a]));

/**
 * A private layer and a shared one, as one store for `<essay-reader>`: what a reader writes is private (kept in
 * `privateStore`, on this device) until they share it; sharing moves it, with its replies, into the shared
 * document, and making it private moves the reader's own part of the thread back. A reply goes where its thread
 * is, so replies in a shared thread are shared. Other readers' annotations are in the shared layer only.
 *
 * @example
 * const shared = sharedDocuments({ url, token: () => session.token, reader: session.reader });
 * reader.store = new SharedLayers(new IndexedDBStore(), new YjsStore(shared.docFor, { reader: session.reader, connection: shared }));
 */
export class SharedLayers implements AnnotationStore {
  /** The last lists each layer gave per document: where each id lives. */
  private readonly lists = new Map<string, Lists>();
  /** Each document's writes, one after another: a share asked for after a save acts on what that save wrote. */
  private readonly queues = new Map<string, Promise<unknown>>();

  private inTurn<T>(documentId: string, work: () => Promise<T>): Promise<T> {
    const turn = (this.queues.get(documentId) ?? Promise.resolve()).then(work, work);
    this.queues.set(
      documentId,
      turn.catch(() => {}),
    );
    return turn;
  }

  constructor(
    readonly privateStore: AnnotationStore,
    readonly sharedStore: YjsStore,
  ) {
    for (const [name, store] of [
      ['privateStore', privateStore],
      ['sharedStore', sharedStore],
    ] as const) {
      if (!store || typeof store.load !== 'function' || typeof store.save !== 'function' || typeof store.remove !== 'function') {
        throw new TypeError(`SharedLayers: ${name}: expected a store (load, save and remove), got ${store === null ? 'null' : typeof store}`);
      }
    }
  }

  async load(documentId: string): Promise<Annotation[]> {
    const [mine, ours] = await Promise.all([this.privateStore.load(documentId), this.sharedStore.load(documentId)]);
    return this.merged(documentId, { mine: byId(mine), ours: byId(ours) });
  }

  save(documentId: string, annotation: Annotation): Promise<void> {
    return this.inTurn(documentId, async () => {
      await (this.inShared(documentId, annotation) ? this.sharedStore : this.privateStore).save(documentId, annotation);
      this.remember(documentId, annotation);
    });
  }

  saveMany(documentId: string, annotations: Annotation[]): Promise<void> {
    return this.inTurn(documentId, () => this.saveAll(documentId, annotations));
  }

  private async saveAll(documentId: string, annotations: Annotation[]): Promise<void> {
    const ours = annotations.filter((a) => this.inShared(documentId, a));
    const mine = annotations.filter((a) => !ours.includes(a));
    if (ours.length) await this.sharedStore.saveMany(documentId, ours);
    if (mine.length)
      await (this.privateStore.saveMany ? this.privateStore.saveMany(documentId, mine) : Promise.all(mine.map((a) => this.privateStore.save(documentId, a))));
    for (const annotation of annotations) this.remember(documentId, annotation);
  }

  remove(documentId: string, id: string): Promise<void> {
    return this.inTurn(documentId, () => this.removeNow(documentId, id));
  }

  private async removeNow(documentId: string, id: string): Promise<void> {
    const lists = this.listsOf(documentId);
    if (lists.ours.has(id)) await this.sharedStore.remove(documentId, id);
    else await this.privateStore.remove(documentId, id);
    lists.ours.delete(id);
    lists.mine.delete(id);
  }

  subscribe(documentId: string, listener: (annotations: Annotation[], changes?: StoreChanges) => void): () => void {
    const heard = (layer: keyof Lists) => (list: Annotation[], changes?: StoreChanges) => {
      const lists = { ...this.listsOf(documentId), [layer]: byId(list) };
      const all = this.merged(documentId, lists);
      // An id that moved between layers (shared or made private in another tab) is not deleted.
      const present = new Set(all.map((a) => a.id));
      listener(all, changes && { removed: changes.removed.filter((id) => !present.has(id)) });
    };
    const stops = [this.privateStore.subscribe?.(documentId, heard('mine')), this.sharedStore.subscribe(documentId, heard('ours'))];
    return () => stops.forEach((stop) => stop?.());
  }

  watchStatus(documentId: string, listener: (status: StoreStatus) => void): () => void {
    return this.sharedStore.watchStatus(documentId, listener);
  }

  mayChange(annotation: Annotation): boolean {
    return this.sharedStore.mayChange(annotation);
  }

  mayHide(annotation: Annotation): boolean {
    return this.sharedStore.mayHide(annotation);
  }

  /** Hides a shared annotation from every reader (a moderator's act): it stays in the shared document, marked. */
  hide(documentId: string, id: string): Promise<void> {
    return this.inTurn(documentId, async () => {
      await this.sharedStore.hide(documentId, id);
      this.listsOf(documentId).ours.delete(id);
    });
  }

  /** Shared, private, or `null` for what cannot be moved alone (another reader's annotation, a reply). */
  isShared(documentId: string, annotation: Annotation): boolean | null {
    if (!this.mayChange(annotation) || replyTarget(annotation) !== null) return null;
    return this.listsOf(documentId).ours.has(annotation.id);
  }

  /** Moves an annotation and its thread (the reader's own part of it, when made private) between the layers. */
  share(documentId: string, id: string, shared: boolean): Promise<void> {
    return this.inTurn(documentId, () => this.move(documentId, id, shared));
  }

  private async move(documentId: string, id: string, shared: boolean): Promise<void> {
    const lists = this.listsOf(documentId);
    const from = shared ? lists.mine : lists.ours;
    const thread = from.has(id) ? threadOf([...from.values()], id).filter((a) => this.mayChange(a)) : [];
    if (!thread.length) throw new TypeError(`SharedLayers.share: ${documentId}: no ${shared ? 'private' : 'shared'} annotation of yours with id "${id}"`);
    // Written to the new layer first, then taken from the old: a failure between leaves a copy, never nothing. The
    // lists say where it lives before the old layer is told (which may report the removal at once).
    const move = () => {
      // The lists as they are now (a change heard meanwhile replaces them).
      const now = this.listsOf(documentId);
      for (const a of thread) {
        (shared ? now.mine : now.ours).delete(a.id);
        (shared ? now.ours : now.mine).set(a.id, a);
      }
    };
    if (shared) {
      await this.sharedStore.saveMany(documentId, thread);
      move();
      for (const a of thread) await this.privateStore.remove(documentId, a.id);
    } else {
      if (this.privateStore.saveMany) await this.privateStore.saveMany(documentId, thread);
      else for (const a of thread) await this.privateStore.save(documentId, a);
      move();
      for (const a of thread) await this.sharedStore.remove(documentId, a.id);
    }
  }

  private listsOf(documentId: string): Lists {
    let lists = this.lists.get(documentId);
    if (!lists) this.lists.set(documentId, (lists = { mine: new Map(), ours: new Map() }));
    return lists;
  }

  /** Whether an annotation belongs in the shared layer: it is there already, or it replies in a shared thread. */
  private inShared(documentId: string, annotation: Annotation): boolean {
    const { ours } = this.listsOf(documentId);
    const parent = replyTarget(annotation);
    return ours.has(annotation.id) || (parent !== null && ours.has(parent));
  }

  private remember(documentId: string, annotation: Annotation) {
    const lists = this.listsOf(documentId);
    (this.inShared(documentId, annotation) ? lists.ours : lists.mine).set(annotation.id, annotation);
  }

  private merged(documentId: string, lists: Lists): Annotation[] {
    // An id in both (shared in another tab, not yet taken from this one's private layer) is shown once, shared.
    const mine = new Map([...lists.mine].filter(([id]) => !lists.ours.has(id)));
    this.lists.set(documentId, { mine, ours: lists.ours });
    return [...mine.values(), ...lists.ours.values()];
  }
}
