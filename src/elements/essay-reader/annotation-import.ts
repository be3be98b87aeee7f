import { sourcesOf, type Annotation } from '../../core/model/annotation.js';
import { replyTarget } from '../../core/model/helpers.js';
import { exceedsLimits, type AnnotationLimits } from '../../core/model/limits.js';
import { parseAnnotation, parseCollection } from '../../core/model/parse.js';
import { isNewer } from '../../core/model/versions.js';
import type { TextIndex } from '../../core/text/text-index.js';
import type { AnnotationDocument } from './annotation-layer.js';
import type { ReaderAnnotations } from './reader-annotations.js';

/** What `importAnnotations` did with a file. */
export interface ImportReport {
  added: number;
  /** Replaced by a newer version from the file. */
  updated: number;
  /** Already here as they are in the file, or newer here: left as they were. */
  unchanged: number;
  /** Ids of the annotations the file had an older version of (a re-imported old export): not reverted. */
  older: string[];
  /** The page cancelled the import (essay-annotations-import): nothing changed. */
  cancelled?: boolean;
  /** Imported annotations whose passage is not in this essay: kept, listed as unanchored. */
  orphaned: number;
  rejected: { index: number; reason: string }[];
}

/** What an import is handed besides the annotations it imports into. */
export interface ImportOptions {
  /** What one annotation and one document may hold. */
  limits: AnnotationLimits;
  /** This essay's document: annotations about another are refused. */
  document: AnnotationDocument;
  /**
   * Shows the page what the import is about to add, before anything changes: returns the annotations to import
   * (the page may have filtered them), or null when the page cancelled.
   */
  screen(annotations: Annotation[]): Annotation[] | null;
}

/**
 * Imports a collection (or array) into `model`: idempotent by id, and newer wins: an item the reader has a newer
 * (or the same) version of is left as it is and reported, so re-importing last week's export reverts nothing. Bad
 * items are reported and cost the rest nothing. All or nothing: if anything throws, the reader is as it was.
 */
export async function importAnnotations(model: ReaderAnnotations, json: unknown, index: TextIndex, options: ImportOptions): Promise<ImportReport> {
  const data = typeof json === 'string' ? parseJson(json) : json;
  const limits = options.limits;
  const parsed = await parseItems(data, limits);
  const rejected = parsed.rejected;
  // An annotation about another document does not belong in this essay's collection: refused, with its source.
  const annotations = parsed.annotations.filter((annotation, i) => {
    if (replyTarget(annotation) !== null) return true;
    const sources = sourcesOf(annotation);
    if (sources.length === 0 || sources.some((source) => options.document.isThis(source))) return true;
    rejected.push({ index: parsed.indices[i], reason: `target: about another document (${sources[0]}), not ${options.document.source()}` });
    return false;
  });
  rejected.sort((a, b) => a.index - b.index);
  const screened = options.screen(annotations);
  if (screened === null) return { added: 0, updated: 0, unchanged: 0, older: [], orphaned: 0, rejected, cancelled: true };
  annotations.splice(0, annotations.length, ...screened);
  const room = limits.maxPerDocument - model.all.length;
  const fresh = annotations.filter((a) => !model.get(a.id));
  if (fresh.length > room) {
    for (const annotation of fresh.slice(Math.max(0, room))) {
      rejected.push({
        index: parsed.indices[parsed.annotations.indexOf(annotation)] ?? -1,
        reason: `the document already holds ${limits.maxPerDocument.toLocaleString('en')} annotations, the most allowed`,
      });
      annotations.splice(annotations.indexOf(annotation), 1);
    }
  }
  // Anchoring thousands of passages is the import's biggest piece of work: done first, in slices that yield to
  // the page, before anything changes (what it finds is kept for when they are shown).
  await model.prelocate(annotations, index);
  // What follows changes the reader at once (and renders it): a task of its own, not the last slice's.
  if (annotations.length > LOCATE_SLICE) await yieldToPage();
  const before = { all: model.all, unsaved: new Set(model.unsaved) };
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  const older: string[] = [];
  const importedIds = new Set<string>();
  let orphaned = 0;
  try {
    const byId = new Map(model.all.map((a) => [a.id, a]));
    for (const annotation of annotations) {
      const current = byId.get(annotation.id);
      if (!current) added++;
      else if (isNewer(annotation, current)) updated++;
      else {
        unchanged++;
        if (JSON.stringify(annotation) !== JSON.stringify(current)) older.push(annotation.id);
        continue;
      }
      byId.set(annotation.id, annotation);
      importedIds.add(annotation.id);
      model.unsaved.add(annotation.id);
    }
    model.all = [...byId.values()];
    model.locate(index);
    orphaned = [...model.orphanIds].filter((id) => importedIds.has(id)).length;
  } catch (error) {
    model.all = before.all;
    model.unsaved.clear();
    for (const id of before.unsaved) model.unsaved.add(id);
    throw error;
  }
  model.changed();
  await model.flush();
  return { added, updated, unchanged, older, orphaned, rejected };
}

/** The items of a collection, a page or an array, as `parseCollection` reads them (null when it is none of those). */
function collectionItems(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  const c = data as { type?: unknown; first?: { items?: unknown }; items?: unknown } | null;
  if (c?.type === 'AnnotationCollection' && Array.isArray(c.first?.items)) return c.first.items;
  if (c?.type === 'AnnotationPage' && Array.isArray(c.items)) return c.items;
  return null;
}

/**
 * `parseCollection` for an import: items too big or too deep to ever be saved are refused first, before they are
 * parsed; and a long file is read in slices that yield to the page.
 */
async function parseItems(data: unknown, limits: AnnotationLimits): Promise<ReturnType<typeof parseCollection>> {
  const items = collectionItems(data);
  if (!items) return parseCollection(data); // one annotation, or not a collection: its error says why
  const annotations: Annotation[] = [];
  const indices: number[] = [];
  const rejected: { index: number; reason: string }[] = [];
  for (let from = 0; from < items.length; from += PARSE_SLICE) {
    if (from > 0) await yieldToPage();
    for (let i = from; i < Math.min(items.length, from + PARSE_SLICE); i++) {
      const tooBig = exceedsLimits(items[i], limits);
      if (tooBig) {
        rejected.push({ index: i, reason: `items[${i}]: ${tooBig}` });
        continue;
      }
      try {
        annotations.push(parseAnnotation(items[i], `items[${i}]`));
        indices.push(i);
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        rejected.push({ index: i, reason: error.message });
      }
    }
  }
  return { annotations, indices, rejected };
}

/** Lets the page run (input, rendering) before the next slice of a long job. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TypeError(`importAnnotations: the file is not JSON (${(error as Error).message})`);
  }
}

/** How many annotations are anchored, or items parsed, before the page is let run. */
const LOCATE_SLICE = 500;
const PARSE_SLICE = 1000;
