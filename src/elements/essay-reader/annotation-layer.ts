import { stringsOf } from '../../i18n/locale.js';
import type { ReactiveController } from 'lit';
import { annotationsToMarkdown } from '../../core/export/markdown.js';
import { textOf, type Annotation, type AnnotationCollection } from '../../core/model/annotation.js';
import { quoteOf } from '../../core/model/helpers.js';
import { DEFAULT_LIMITS, exceedsLimits, type AnnotationLimits } from '../../core/model/limits.js';
import { parseAnnotation } from '../../core/model/parse.js';
import { StoreError, type AnnotationStore, type StoreStatus } from '../../core/store/store.js';
import type { EssayElement } from '../shared/essay-element.js';
import { AnnotationCards } from './annotation-cards.js';
import { importAnnotations, type ImportReport } from './annotation-import.js';
import { asStoreError, ReaderAnnotations } from './reader-annotations.js';
import type { EssayText } from './essay-text.js';

/** Where a reader's annotations belong (see document-id.ts). */
export interface AnnotationDocument {
  /** What the store keeps them under. */
  id(): string;
  /** The document they target (`target.source`). */
  source(): string;
  /** Whether an annotation about `source` is about this essay. */
  isThis(source: string): boolean;
  /** Where an earlier version kept them, if elsewhere. */
  legacyId(): string | null;
}

/**
 * The reader's own annotations as the element offers them: the store's lifecycle (load on connect, follow other
 * tabs, move on when the store or the document changes), add, update, remove, import and export with their events,
 * the cards (a margin source), and the orphans, reported once each. Every change is rendered, then the margin is
 * updated and the page's annotation link followed (`hostUpdated`).
 */
export class AnnotationLayer implements ReactiveController {
  readonly annotations: ReaderAnnotations;
  readonly cards: AnnotationCards;
  /** What one annotation and one document may hold. */
  limits: AnnotationLimits = { ...DEFAULT_LIMITS };
  private version = 0;
  private renderedVersion = 0;
  private readonly knownOrphans = new Set<string>();

  constructor(
    private readonly host: EssayElement,
    private readonly text: EssayText,
    private readonly document: AnnotationDocument,
    private readonly options: {
      readonly(): boolean;
      /** After the annotations changed and were rendered (the margin updates, links are followed). */
      rendered(): void;
    },
  ) {
    host.addController(this);
    this.annotations = new ReaderAnnotations({
      document,
      text,
      emitStoreError: (error, annotationId) => this.emitStoreError(error, annotationId),
      annotationsChanged: (remote) => {
        this.changed();
        // Changes another tab or reader made, as the store reported them: the same events, said to be remote.
        for (const annotation of remote?.created ?? []) this.host.emit('essay-annotation-create', { annotation, origin: 'remote' });
        for (const annotation of remote?.updated ?? []) this.host.emit('essay-annotation-update', { annotation, origin: 'remote' });
        for (const annotation of remote?.deleted ?? []) this.host.emit('essay-annotation-delete', { annotation, origin: 'remote' });
      },
    });
    this.cards = new AnnotationCards(host, this.annotations, {
      readonly: options.readonly,
      changed: () => this.changed(),
      standing: (annotation) => {
        const store = this.annotations.store;
        return {
          foreign: store.mayChange ? !store.mayChange(annotation) : false,
          shared: store.isShared?.(this.document.id(), annotation) ?? null,
          hideable: !!store.hide && (store.mayHide?.(annotation) ?? false),
        };
      },
    });
  }

  /** Where the store stands with its server, when it says (a shared layer); shown, and fired as `essay-store-status`. */
  storeStatus: StoreStatus | null = null;
  private unwatch?: () => void;

  hostConnected() {
    void this.annotations.load();
    this.watchStatus();
  }

  hostDisconnected() {
    this.annotations.stop();
    this.unwatch?.();
    this.unwatch = undefined;
  }

  private watchStatus() {
    this.unwatch?.();
    this.unwatch = undefined;
    this.storeStatus = null;
    const store = this.annotations.store;
    if (!store.watchStatus || !this.host.isConnected) return;
    const documentId = this.document.id();
    this.unwatch = store.watchStatus(documentId, (status) => {
      this.storeStatus = { ...status };
      this.host.emit('essay-store-status', { documentId, ...status });
      this.host.requestUpdate();
    });
  }

  /** Hides another reader's annotation from every reader (a moderator, in a shared layer); the store keeps it. */
  async hide(id: string) {
    const store = this.annotations.store;
    const annotation = this.annotations.get(id);
    if (!store.hide || !annotation || !store.mayHide?.(annotation)) throw new TypeError(`hide: the annotation "${id}" is not one this reader may hide`);
    try {
      await store.hide(this.document.id(), id);
      this.annotations.forget(id);
      this.host.emit('essay-annotation-delete', { annotation, origin: 'local' });
    } catch (error) {
      this.emitStoreError(asStoreError(error, 'hide'), id);
    }
  }

  /** Shares an annotation with its replies, or makes it private again (a store with a shared layer). */
  async share(id: string, shared: boolean) {
    const store = this.annotations.store;
    if (!store.share) throw new TypeError('share: this reader’s store has no shared layer');
    try {
      await store.share(this.document.id(), id, shared);
    } catch (error) {
      this.emitStoreError(asStoreError(error, 'share'), id);
    }
    this.changed();
  }

  hostUpdated() {
    if (this.renderedVersion === this.version || !this.host.isConnected) return;
    this.renderedVersion = this.version;
    this.options.rendered();
    this.reportOrphans();
  }

  /** Renders again, and then updates the margin. */
  changed() {
    this.version++;
    this.host.requestUpdate();
  }

  get store(): AnnotationStore {
    return this.annotations.store;
  }

  set store(store: AnnotationStore) {
    this.annotations.store = store;
    this.annotations.all = [];
    if (this.host.isConnected) void this.annotations.load();
    this.watchStatus();
  }

  /** The document changed: unsaved work goes to the document it was made for before the reader moves on. */
  documentChanged() {
    const pending = this.annotations.takePending();
    this.annotations.stop();
    this.annotations.all = [];
    void this.annotations.load();
    if (pending) void this.annotations.settle(pending);
    this.watchStatus();
  }

  /** Annotations whose passage is no longer in the essay. */
  get orphans(): Annotation[] {
    if (this.annotations.orphanIds.size === 0) return [];
    return this.annotations.all.filter((a) => this.annotations.orphanIds.has(a.id));
  }

  /** Notes on the whole page (a target with no passage). */
  get pageNotes(): Annotation[] {
    return this.annotations.pageNoteIds.size === 0 ? [] : this.annotations.topLevel.filter((a) => this.annotations.pageNoteIds.has(a.id));
  }

  async add(json: unknown): Promise<Annotation | null> {
    this.checkLimits(json, 'addAnnotation');
    const annotation = parseAnnotation(structuredClone(json));
    if (this.host.emit('essay-annotation-create', { annotation, origin: 'local' }, { cancelable: true }).defaultPrevented) return null;
    // A new card is shown at once, even where only the cards near the viewport are rendered.
    this.cards.reveal(annotation.id);
    await this.annotations.put(annotation);
    return annotation;
  }

  async update(id: string, changes: Partial<Annotation>): Promise<Annotation> {
    const current = this.annotations.get(id);
    if (!current) throw new TypeError(`updateAnnotation: no annotation with id "${id}"`);
    const annotation = parseAnnotation({ ...current, ...changes, id, modified: new Date().toISOString() });
    this.checkLimits(annotation, 'updateAnnotation');
    await this.annotations.put(annotation);
    this.host.emit('essay-annotation-update', { annotation, origin: 'local' });
    return annotation;
  }

  async remove(id: string): Promise<() => Promise<void>> {
    const annotation = this.annotations.get(id);
    if (!annotation) throw new TypeError(`removeAnnotation: no annotation with id "${id}"`);
    const removed = await this.annotations.delete(id);
    this.host.emit('essay-annotation-delete', { annotation, origin: 'local' });
    return async () => {
      for (const a of removed) await this.annotations.put(a);
    };
  }

  async import(json: unknown): Promise<ImportReport> {
    const report = await importAnnotations(this.annotations, json, this.text.index, {
      limits: this.limits,
      document: this.document,
      screen: (annotations) => {
        const detail = { annotations };
        return this.host.emit('essay-annotations-import', detail, { cancelable: true }).defaultPrevented ? null : detail.annotations;
      },
    });
    if (!report.cancelled) this.host.emit('essay-annotations-imported', { report });
    return report;
  }

  export(): AnnotationCollection {
    return this.annotations.export(this.title());
  }

  async exportMarkdown(linkFor: (annotation: Annotation) => string): Promise<string> {
    const entries = this.annotations.topLevel.map((annotation) => ({
      quote: quoteOf(annotation),
      comment: textOf(annotation),
      replies: this.annotations.repliesTo(annotation.id).map(textOf),
      link: linkFor(annotation),
    }));
    return annotationsToMarkdown(this.title(), entries);
  }

  /** The title of an export: "Annotations on …", in the reader's language. */
  private title(): string {
    return stringsOf(this.host).annotationsOn(this.document.source());
  }

  private checkLimits(json: unknown, where: string) {
    const reason = exceedsLimits(json, this.limits);
    if (reason) throw new TypeError(`${where}: the annotation is refused: ${reason}`);
    const { all } = this.annotations;
    if (where === 'addAnnotation' && all.length >= this.limits.maxPerDocument && !this.annotations.get((json as { id?: string })?.id ?? '')) {
      throw new TypeError(`${where}: the document already holds ${this.limits.maxPerDocument.toLocaleString('en')} annotations, the most allowed`);
    }
  }

  private emitStoreError(error: StoreError, annotationId?: string) {
    this.host.emit('essay-store-error', { kind: error.kind, message: error.message, annotationId, quarantineKey: error.details.quarantineKey });
  }

  private reportOrphans() {
    for (const annotation of this.orphans) {
      if (this.knownOrphans.has(annotation.id)) continue;
      this.knownOrphans.add(annotation.id);
      this.host.emit('essay-annotation-orphan', { annotation });
    }
    for (const id of this.knownOrphans) if (!this.annotations.orphanIds.has(id)) this.knownOrphans.delete(id);
  }
}
