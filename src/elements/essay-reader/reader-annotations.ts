import { locateAll } from '../../core/anchoring/anchor.js';
import { describe } from '../../core/anchoring/describe.js';
import { anchoringSelectorsOf, type Annotation } from '../../core/model/annotation.js';
import { replyTarget, threadOf } from '../../core/model/helpers.js';
import { parseAnnotation } from '../../core/model/parse.js';
import { toCollection } from '../../core/model/jsonld.js';
import { isNewer } from '../../core/model/versions.js';
import { IndexedDBStore } from '../../core/store/indexed-db-store.js';
import { StoreError, type AnnotationStore, type StoreChanges } from '../../core/store/store.js';
import type { TextIndex } from '../../core/text/text-index.js';
import type { AnchorCache } from './essay-text.js';
import type { AnnotationDocument } from './annotation-layer.js';
import { AnnotationLookup, ChangeLog, type ListChange, type Place } from './annotation-lookup.js';
import { AnnotationPlaces, isAnchorable, type Located } from './annotation-places.js';

export type { Located };

/** What another tab or reader changed, as a store's `subscribe` reported it. */
export interface RemoteChanges {
  created: Annotation[];
  updated: Annotation[];
  deleted: Annotation[];
}

/** What the reader's annotations are handed: where they belong, the essay's text, and whom to tell. */
export interface AnnotationsHost {
  /** Where the annotations belong (the store's key, the target's source, an earlier key). */
  readonly document: AnnotationDocument;
  /** The essay's text (to anchor in) and the one cache of where passages were found. */
  readonly text: { readonly index: TextIndex; readonly anchors: AnchorCache };
  emitStoreError(error: StoreError, annotationId?: string): void;
  /** The annotations changed: render and anchor again; `remote`, what the store reported from elsewhere. */
  annotationsChanged(remote?: RemoteChanges): void;
}

/**
 * The reader's own annotations: kept in memory, saved through a pluggable store, never lost silently. A save
 * that fails leaves the annotation in memory marked unsaved and is tried again on the next change.
 *
 * About 400 lines, on purpose: memory and store are one job here. Every change to memory is a save, every change
 * the store reports (another tab) merges into memory, and moving to another store or document settles what is
 * unsaved first; split apart, each half would need the other's private state. Importing is in
 * annotation-import.ts, the lookups and the record of changes in annotation-lookup.ts, and where each annotation
 * is in the text in annotation-places.ts.
 */
export class ReaderAnnotations {
  /** Every annotation, replies included, in creation order. */
  all: Annotation[] = [];
  /** Ids whose last change the store has not taken yet. */
  readonly unsaved = new Set<string>();
  /** Ids whose last save the store refused: shown on their cards as not saved, with Retry. */
  readonly failed = new Set<string>();
  /** Where the annotations are in the text (see AnnotationPlaces). */
  private readonly places: AnnotationPlaces;
  private storeValue?: AnnotationStore;
  private unsubscribe?: () => void;
  private loadedFor?: string;
  /** After the first load, an id missing from the store was removed elsewhere. */
  private loadedOnce = false;

  constructor(private readonly host: AnnotationsHost) {
    this.places = new AnnotationPlaces(
      { current: () => this.all, lookup: () => this.indexed(), changesSince: (base) => this.log.since(base, this.all) },
      host.text,
    );
  }

  /** Ids of top-level annotations that did not anchor at the last look, and replies whose parent is gone. */
  get orphanIds(): ReadonlySet<string> {
    return this.places.orphanIds;
  }

  /** Ids of page notes: top-level annotations on the whole document, with no passage to anchor to. */
  get pageNoteIds(): ReadonlySet<string> {
    return this.places.pageNoteIds;
  }

  get store(): AnnotationStore {
    this.storeValue ??= new IndexedDBStore({ onQuarantine: (error) => this.host.emitStoreError(error) });
    return this.storeValue;
  }

  set store(store: AnnotationStore) {
    if (!store || typeof store.load !== 'function' || typeof store.save !== 'function' || typeof store.remove !== 'function') {
      throw new TypeError('essay-reader: store: expected an object with load, save and remove methods');
    }
    const pending = this.takePending();
    this.storeValue = store;
    this.loadedFor = undefined;
    if (pending) void this.settle(pending);
  }

  /**
   * Before the reader moves to another store or document: what the old one has not taken yet, with where it
   * belongs. Those annotations leave this reader's memory, but not silently: {@link settle} takes them there.
   */
  takePending(): { store: AnnotationStore; documentId: string; annotations: Annotation[] } | null {
    if (!this.storeValue || this.unsaved.size === 0) return null;
    const annotations = [...this.unsaved].map((id) => this.get(id)).filter((a): a is Annotation => !!a);
    this.unsaved.clear();
    this.failed.clear();
    return annotations.length ? { store: this.storeValue, documentId: this.loadedFor ?? this.host.document.id(), annotations } : null;
  }

  /**
   * Saves annotations left unsaved in the store and document they were made for. What that store still refuses
   * is carried over to this reader's current store, kept in memory as unsaved, and reported.
   */
  async settle(pending: { store: AnnotationStore; documentId: string; annotations: Annotation[] }): Promise<void> {
    const refused: Annotation[] = [];
    for (const annotation of pending.annotations) {
      try {
        await pending.store.save(pending.documentId, annotation);
      } catch {
        refused.push(annotation);
      }
    }
    if (refused.length === 0) return;
    for (const annotation of refused) {
      if (!this.get(annotation.id)) this.change([...this.all, annotation], { added: [annotation] });
      this.unsaved.add(annotation.id);
    }
    this.host.emitStoreError(
      new StoreError(
        'failed',
        `${refused.length} annotation(s) the previous store did not take were carried over to this one: ${refused.map((a) => a.id).join(', ')}`,
      ),
      refused[0].id,
    );
    this.host.annotationsChanged();
    await this.flush();
  }

  /** Loads the document's annotations from the store (once per store and document) and follows its changes. */
  async load(): Promise<void> {
    const documentId = this.host.document.id();
    if (this.loadedFor === documentId) return;
    this.loadedFor = documentId;
    this.unsubscribe?.();
    const store = this.store;
    // A load that a newer one replaced (another store was set, or the document changed, while this one was in
    // flight) is dropped: merged late, it would add the old store's annotations and delete what was made since.
    const replaced = () => this.storeValue !== store || this.loadedFor !== documentId;
    try {
      const loaded = await store.load(documentId);
      if (replaced()) return;
      this.merge(this.validated(loaded));
      const legacy = this.host.document.legacyId();
      if (this.all.length === 0 && legacy) await this.adopt(legacy);
    } catch (error) {
      if (replaced()) return;
      this.host.emitStoreError(asStoreError(error));
    }
    if (replaced()) return;
    this.unsubscribe = store.subscribe?.(documentId, (annotations, changes) => this.merge(this.validated(annotations), changes, true));
  }

  /**
   * Brings over, once, the annotations an earlier version kept under `legacyId` that anchor in this essay (with
   * their replies), re-targeted at this document. Those that do not anchor belonged to another page that shared
   * the old collection: they stay where they were, not listed here as unanchored.
   */
  private async adopt(legacyId: string) {
    const old = this.validated(await this.store.load(legacyId));
    const top = old.filter((a) => replyTarget(a) === null && isAnchorable(a));
    const found = locateAll(
      top.map((a) => anchoringSelectorsOf(a)),
      this.host.text.index,
    );
    const adopted = threadOf(
      old,
      top.filter((_, i) => found[i]).map((a) => a.id),
    );
    if (adopted.length === 0) return;
    const source = this.host.document.source();
    const moved = adopted.map((a) => (replyTarget(a) === null ? { ...a, target: retarget(a.target, source) } : a));
    for (const annotation of moved) {
      if (this.get(annotation.id)) continue;
      this.change([...this.all, annotation], { added: [annotation] });
      this.unsaved.add(annotation.id);
    }
    this.host.annotationsChanged();
    await this.flush();
  }

  /**
   * What a store's `load` returned, with anything that is not a valid annotation (a server bug, a hand-edited
   * file) left out and reported, so that it never reaches the engine.
   */
  private validated(stored: unknown): Annotation[] {
    if (!Array.isArray(stored))
      throw new StoreError('corrupt', `store.load: expected an array of annotations, got ${stored === null ? 'null' : typeof stored}`);
    const good: Annotation[] = [];
    const bad: string[] = [];
    stored.forEach((item, i) => {
      try {
        good.push(parseAnnotation(item, `store.load()[${i}]`));
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        bad.push(error.message);
      }
    });
    if (bad.length)
      this.host.emitStoreError(new StoreError('corrupt', `${bad.length} stored item(s) are not annotations and were left out: ${bad.join('; ')}`));
    return good;
  }

  stop() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.loadedFor = undefined;
  }

  /**
   * Takes in annotations from the store (another tab's changes): newer versions win, unsaved ones stay. What
   * the list lacks was deleted elsewhere, when the store does not say which ids it deleted; when it does, only
   * those go, and the rest of what is held here (set aside elsewhere as unreadable, say) is saved again.
   */
  private merge(incoming: Annotation[], changes?: StoreChanges, reported = false) {
    const before = new Map(this.all.map((a) => [a.id, a]));
    const byId = new Map(before);
    for (const annotation of incoming) {
      const mine = byId.get(annotation.id);
      if (mine && this.unsaved.has(mine.id)) continue;
      if (!mine || isNewer(annotation, mine)) byId.set(annotation.id, annotation);
    }
    const incomingIds = new Set(incoming.map((a) => a.id));
    const removed = changes ? new Set(changes.removed) : null;
    let resave = false;
    for (const [id] of byId) {
      if (incomingIds.has(id) || this.unsaved.has(id) || !this.loadedOnce) continue;
      if (!removed || removed.has(id)) byId.delete(id);
      else {
        this.unsaved.add(id);
        resave = true;
      }
    }
    const tell = reported && this.loadedOnce;
    this.loadedOnce = true;
    this.all = [...byId.values()];
    if (!tell) this.host.annotationsChanged();
    else {
      const remote: RemoteChanges = { created: [], updated: [], deleted: [] };
      for (const [id, annotation] of byId) {
        const was = before.get(id);
        if (!was) remote.created.push(annotation);
        else if (was !== annotation) remote.updated.push(annotation);
      }
      for (const [id, annotation] of before) if (!byId.has(id)) remote.deleted.push(annotation);
      this.host.annotationsChanged(remote);
    }
    if (resave) void this.flush();
  }

  /** The changes made here that name what they changed (see ListChange), for bringing what is built on `all` up to date. */
  private readonly log = new ChangeLog();

  /** Makes `next` the list of annotations, recording what changed from the one before. */
  private change(next: Annotation[], change: Partial<ListChange>) {
    this.log.record({ from: this.all, to: next, added: change.added ?? [], removed: change.removed ?? [], replaced: change.replaced ?? [] });
    this.all = next;
  }

  /** Lookups by id and by parent for the current `all` (see AnnotationLookup). */
  private lookup: AnnotationLookup | null = null;

  private indexed(): AnnotationLookup {
    const lookup = this.lookup;
    if (lookup?.all === this.all) return lookup;
    const steps = lookup && this.log.since(lookup.all, this.all);
    if (!steps || !lookup!.advance(steps)) this.lookup = new AnnotationLookup(this.all);
    return this.lookup!;
  }

  /** The annotations that reply to none, in the order they were added (not a copy: 10,000 were copied per render). */
  get topLevel(): readonly Annotation[] {
    return this.indexed().top;
  }

  repliesTo(id: string): Annotation[] {
    return [...(this.indexed().replies.get(id) ?? [])];
  }

  get(id: string): Annotation | undefined {
    return this.indexed().byId.get(id);
  }

  /**
   * Where each top-level annotation stands among the others, with the annotation, by id: for putting a few of
   * 10,000 in the order of {@link topLevel} without walking them all.
   */
  topLevelPlaces(): ReadonlyMap<string, Place> {
    return this.indexed().placeOf;
  }

  /** Adds or replaces, then saves. */
  async put(annotation: Annotation): Promise<void> {
    const at = this.all.findIndex((a) => a.id === annotation.id);
    if (at === -1) this.change([...this.all, annotation], { added: [annotation] });
    else
      this.change(
        this.all.map((a, i) => (i === at ? annotation : a)),
        { replaced: [[this.all[at], annotation]] },
      );
    this.unsaved.add(annotation.id);
    this.host.annotationsChanged();
    await this.flush();
  }

  /** Drops an annotation from memory only (the store keeps it: hidden by a moderator, say). */
  forget(id: string) {
    this.change(
      this.all.filter((a) => a.id !== id),
      { removed: this.all.filter((a) => a.id === id) },
    );
    this.unsaved.delete(id);
    this.host.annotationsChanged();
  }

  /** Removes an annotation and its whole thread (replies of replies too); returns them, so that an undo can put them back. */
  async delete(id: string): Promise<Annotation[]> {
    const removed = threadOf(this.all, id);
    const gone = new Set(removed);
    this.change(
      this.all.filter((a) => !gone.has(a)),
      { removed },
    );
    this.host.annotationsChanged();
    for (const annotation of removed) {
      this.unsaved.delete(annotation.id);
      try {
        await this.store.remove(this.host.document.id(), annotation.id);
      } catch (error) {
        const refused = asStoreError(error);
        this.host.emitStoreError(refused, annotation.id);
        // Not this reader's to delete (another's, in a shared layer): it stays, in the store and on the page.
        if (refused.kind === 'forbidden' && !this.get(annotation.id)) {
          this.change([...this.all, annotation], { added: [annotation] });
          this.host.annotationsChanged();
        }
      }
    }
    return removed;
  }

  /**
   * Saves everything not saved yet, oldest first. Each annotation is saved on its own: one the store refuses
   * (too big for the quota, say) is reported and stays unsaved, and never keeps the others out of the store.
   */
  async flush(): Promise<void> {
    const batch = [...this.unsaved].map((id) => this.get(id)).filter((a): a is Annotation => !!a);
    if (batch.length > 1 && this.store.saveMany) {
      try {
        await this.store.saveMany(this.host.document.id(), batch);
        let changed = false;
        for (const annotation of batch) {
          if (this.get(annotation.id) !== annotation) continue; // changed again while saving: stays unsaved
          this.unsaved.delete(annotation.id);
          changed = this.failed.delete(annotation.id) || changed;
        }
        if (changed) this.host.annotationsChanged();
        if (this.unsaved.size === 0) return;
      } catch {
        // One of them is refused (the quota, say): one by one below finds which, and saves the rest.
      }
    }
    for (const id of [...this.unsaved]) {
      const annotation = this.get(id);
      if (!annotation) {
        this.unsaved.delete(id);
        continue;
      }
      try {
        await this.store.save(this.host.document.id(), annotation);
        this.unsaved.delete(id);
        if (this.failed.delete(id)) this.host.annotationsChanged();
      } catch (error) {
        this.host.emitStoreError(asStoreError(error), id);
        if (!this.failed.has(id)) {
          this.failed.add(id);
          this.host.annotationsChanged();
        }
      }
    }
  }

  /** Anchors `list`'s top-level annotations in `index` in slices, yielding between them (see AnnotationPlaces). */
  prelocate(list: Annotation[], index: TextIndex) {
    return this.places.prelocate(list, index);
  }

  /** Locates the top-level annotations in `index`; records which are orphans (see AnnotationPlaces). */
  locate(index: TextIndex): Located[] {
    return this.places.locate(index);
  }

  /** The version of the text `index` holds (see EssayText.versionOf): the same while the words are. */
  textVersion(index: TextIndex): number {
    return this.host.text.anchors.versionOf(index);
  }

  /** Where one annotation is found in `index` (null: nowhere, or it is a reply). */
  offsetsOf(annotation: Annotation, index: TextIndex): { start: number; end: number } | null {
    return this.places.offsetsOf(annotation, index);
  }

  /** A new annotation on a range of the essay. */
  create(range: Range, index: TextIndex, motivation: 'highlighting' | 'commenting', now = new Date()): Annotation {
    const selectors = describe(range, index);
    return {
      id: `urn:uuid:${crypto.randomUUID()}`,
      type: 'Annotation',
      motivation,
      created: now.toISOString(),
      modified: now.toISOString(),
      target: { source: this.host.document.source(), selector: selectors },
    };
  }

  /** A reply to annotation `id`. */
  reply(id: string, text: string, now = new Date()): Annotation {
    return {
      id: `urn:uuid:${crypto.randomUUID()}`,
      type: 'Annotation',
      motivation: 'replying',
      created: now.toISOString(),
      modified: now.toISOString(),
      body: [{ type: 'TextualBody', value: text, format: 'text/plain', purpose: 'replying' }],
      target: id,
    };
  }

  /** The annotations changed (an import replaced them): render and anchor again. */
  changed() {
    this.host.annotationsChanged();
  }

  /** Every annotation as a collection named `label`. */
  export(label: string) {
    return toCollection(this.all, { label });
  }
}

/** The same target (or targets) about `source`: a bare IRI, or the source of each target with selectors, replaced. */
function retarget(target: Annotation['target'], source: string): Annotation['target'] {
  const one = (t: unknown) => (typeof t === 'string' ? source : typeof t === 'object' && t !== null && 'selector' in t ? { ...t, source } : t);
  return Array.isArray(target) ? (target.map(one) as Annotation['target']) : (one(target) as Annotation['target']);
}

export function asStoreError(error: unknown, where?: string): StoreError {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError('failed', where ? `${where}: ${message}` : message, { cause: error });
}
