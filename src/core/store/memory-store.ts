import type { Annotation } from '../model/annotation.js';
import type { AnnotationStore } from './store.js';

/** Keeps annotations in memory for as long as the page lives: for tests, previews, and pages that save elsewhere. */
export class MemoryStore implements AnnotationStore {
  private readonly documents = new Map<string, Map<string, Annotation>>();
  private readonly listeners = new Map<string, Set<(annotations: Annotation[]) => void>>();

  async load(documentId: string): Promise<Annotation[]> {
    return [...(this.documents.get(documentId)?.values() ?? [])].map((a) => structuredClone(a));
  }

  async save(documentId: string, annotation: Annotation): Promise<void> {
    let annotations = this.documents.get(documentId);
    if (!annotations) this.documents.set(documentId, (annotations = new Map()));
    annotations.set(annotation.id, structuredClone(annotation));
    this.notify(documentId);
  }

  async saveMany(documentId: string, list: Annotation[]): Promise<void> {
    let annotations = this.documents.get(documentId);
    if (!annotations) this.documents.set(documentId, (annotations = new Map()));
    for (const annotation of list) annotations.set(annotation.id, structuredClone(annotation));
    this.notify(documentId);
  }

  async remove(documentId: string, id: string): Promise<void> {
    if (this.documents.get(documentId)?.delete(id)) this.notify(documentId);
  }

  subscribe(documentId: string, listener: (annotations: Annotation[]) => void): () => void {
    let set = this.listeners.get(documentId);
    if (!set) this.listeners.set(documentId, (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }

  private notify(documentId: string) {
    const set = this.listeners.get(documentId);
    if (!set?.size) return;
    void this.load(documentId).then((annotations) => set.forEach((listener) => listener(annotations)));
  }
}
