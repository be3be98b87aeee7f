import { locateAll, type TextMatch } from '../../core/anchoring/anchor.js';
import { findPosition, findQuote } from '../../core/anchoring/selectors.js';
import { anchoringSelectorsOf, hasTextSelector, type Annotation } from '../../core/model/annotation.js';
import { replyTarget } from '../../core/model/helpers.js';
import type { TextIndex } from '../../core/text/text-index.js';
import { insertSorted, type AnnotationLookup, type Step } from './annotation-lookup.js';
import type { AnchorCache } from './essay-text.js';

/** An annotation found in the text, and where. */
export interface Located {
  annotation: Annotation;
  start: number;
  end: number;
}

/** The annotations whose places are found, as ReaderAnnotations holds them. */
export interface PlacedAnnotations {
  /** Every annotation, replies included, now. */
  current(): readonly Annotation[];
  /** The lookups over `all`. */
  lookup(): AnnotationLookup;
  /** The changes recorded from the list `base` to `all`, or null when they are not all known. */
  changesSince(base: readonly Annotation[]): readonly Step[] | null;
}

/**
 * Where the reader's annotations are in the essay's text: each top-level one anchored (once per annotation and
 * version of the text, kept in the essay's anchor cache), in text order, with those that did not anchor (orphans)
 * and those with no passage to anchor to (page notes). After changes to a few, what was found is carried over
 * them rather than found again for all.
 */
export class AnnotationPlaces {
  /** Ids of top-level annotations that did not anchor at the last look, and replies whose parent is gone. */
  orphanIds = new Set<string>();
  /** Ids of page notes: top-level annotations on the whole document, with no passage to anchor to. */
  pageNoteIds = new Set<string>();

  constructor(
    private readonly annotations: PlacedAnnotations,
    private readonly text: { readonly anchors: AnchorCache },
  ) {}

  /** Anchors `list`'s top-level annotations in `index` in slices, yielding between them; the results are cached. */
  async prelocate(list: Annotation[], index: TextIndex) {
    const fresh = list.filter((a) => replyTarget(a) === null && this.text.anchors.get(a, '', index) === undefined);
    for (let from = 0; from < fresh.length; from += LOCATE_SLICE) {
      // The first slice too: parsing the file came just before. (Should the essay change meanwhile, what is
      // found here is kept for a text that is gone, and locate() anchors them again.)
      if (fresh.length > LOCATE_SLICE) await new Promise((resolve) => setTimeout(resolve, 0));
      this.anchor(fresh.slice(from, from + LOCATE_SLICE), index);
    }
  }

  /** Anchors annotations in `index` and keeps where each was found (null: nowhere) in the essay's anchor cache. */
  private anchor(list: Annotation[], index: TextIndex) {
    const anchorable = list.filter(isAnchorable);
    const found = locateAll(
      anchorable.map((a) => anchoringSelectorsOf(a)),
      index,
    );
    for (const a of list) this.text.anchors.set(a, '', index, null);
    anchorable.forEach((a, i) => this.text.anchors.set(a, '', index, found[i]));
  }

  /** Locates the top-level annotations in `index`; records which are orphans. */
  locate(index: TextIndex): Located[] {
    // While the annotations and the text are what they were (the reader scrolled, and other cards are shown), so
    // is what was found: the same list, which the cards keep their entries in step with.
    const version = this.text.anchors.versionOf(index);
    const before = this.found;
    if (before?.all === this.annotations.current() && before.version === version) return before.list;
    // After changes made here to a few (an add, an edit, a delete) in the same text, what was found is carried
    // over them: beside 10,000, finding and sorting them all again was a good part of each save.
    const steps = before?.version === version ? this.annotations.changesSince(before.all) : null;
    const found = steps ? this.carried(before!, steps, index, version) : this.located(index, version);
    // A reply whose parent is gone (deleted elsewhere, or never imported) has no thread to be shown in: it is
    // listed with the unanchored notes, where it can be re-attached to a passage or deleted (with its replies).
    const orphanIds = new Set(found.orphans);
    const { byId, replies } = this.annotations.lookup();
    for (const [parent, thread] of replies) if (!byId.has(parent)) for (const a of thread) orphanIds.add(a.id);
    this.orphanIds = orphanIds;
    this.pageNoteIds = found.pageNotes;
    this.found = found;
    return found.list;
  }

  /** Finds every top-level annotation in `index`, at text version `version`. */
  private located(index: TextIndex, version: number): Found {
    const top = this.annotations.lookup().top;
    // Annotations are immutable objects (a change makes a new one): while the text is the same, where one was
    // found last time is where it is now, and only new or changed ones need anchoring.
    // An annotation with no quote or position to anchor by (a note on the whole page, a target given only by an
    // IRI or by selectors the engine does not use) is kept and listed, never passed to the engine to throw.
    const anchors = this.text.anchors;
    const pageNotes = new Set<string>();
    const matches: (TextMatch | null | undefined)[] = new Array(top.length);
    const fresh: number[] = [];
    for (let i = 0; i < top.length; i++) {
      if (!this.anchorable(top[i])) {
        pageNotes.add(top[i].id);
        matches[i] = null;
      } else if ((matches[i] = anchors.at(top[i], '', version)) === undefined) fresh.push(i);
    }
    this.anchor(
      fresh.map((i) => top[i]),
      index,
    );
    for (const i of fresh) matches[i] = anchors.at(top[i], '', version) ?? null;
    // One pass over the 10,000 (saving one annotation beside them walked them five times).
    const orphans = new Set<string>();
    const list: Located[] = [];
    top.forEach((annotation, i) => {
      const match = matches[i];
      if (match) list.push({ annotation, start: match.start, end: match.end });
      else if (!pageNotes.has(annotation.id)) orphans.add(annotation.id);
    });
    // In text order, ties in the annotations' order (the sort is stable): the margin orders its entries so.
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    return { all: this.annotations.current(), version, list, orphans, pageNotes };
  }

  /**
   * What `before` found, carried over the changes `steps` made since (in the same text): the annotations they took
   * out or replaced leave the list, those they brought in and that are still here join it where they belong. The
   * same as {@link located} would find, without walking the others.
   */
  private carried(before: Found, steps: readonly Step[], index: TextIndex, version: number): Found {
    const out = new Set<Annotation>();
    const incoming: Annotation[] = [];
    for (const step of steps) {
      for (const a of step.removed) out.add(a);
      for (const [was, now] of step.replaced) {
        out.add(was);
        incoming.push(now);
      }
      incoming.push(...step.added);
    }
    const { placeOf } = this.annotations.lookup();
    // Still here, and top-level (a reply is never located): only those have a place.
    const joining = incoming.filter((a) => placeOf.get(a.id)?.annotation === a);
    const orphans = new Set(before.orphans);
    const pageNotes = new Set(before.pageNotes);
    for (const a of out) {
      orphans.delete(a.id);
      pageNotes.delete(a.id);
    }
    let list = before.list.filter((located) => !out.has(located.annotation));
    if (joining.length === 0 && list.length === before.list.length) list = before.list;
    const anchors = this.text.anchors;
    this.anchor(
      joining.filter((a) => this.anchorable(a) && anchors.at(a, '', version) === undefined),
      index,
    );
    const rank = (located: Located) => placeOf.get(located.annotation.id)!.rank;
    for (const annotation of joining) {
      const match = this.anchorable(annotation) ? anchors.at(annotation, '', version) : null;
      if (match) insertSorted(list, { annotation, start: match.start, end: match.end }, (a, b) => a.start - b.start || a.end - b.end || rank(a) - rank(b));
      else if (this.anchorable(annotation)) orphans.add(annotation.id);
      else pageNotes.add(annotation.id);
    }
    return { all: this.annotations.current(), version, list, orphans, pageNotes };
  }

  /** What {@link locate} found last. */
  private found: Found | null = null;
  /** Whether an annotation has a passage to anchor to (see hasTextSelector), by annotation. */
  private readonly withText = new WeakMap<Annotation, boolean>();

  private anchorable(annotation: Annotation): boolean {
    let known = this.withText.get(annotation);
    if (known === undefined) this.withText.set(annotation, (known = hasTextSelector(annotation)));
    return known;
  }

  /** Where one annotation is found in `index` (null: nowhere, or it is a reply). */
  offsetsOf(annotation: Annotation, index: TextIndex): { start: number; end: number } | null {
    if (replyTarget(annotation) !== null) return null;
    if (this.text.anchors.get(annotation, '', index) === undefined) this.anchor([annotation], index);
    return this.text.anchors.get(annotation, '', index) ?? null;
  }
}

/**
 * Whether the engine has something to anchor an annotation by: a quote or a position. One without is about the
 * whole page, or about a passage only a selector the engine does not use can find (then it is unanchored).
 */
export function isAnchorable(annotation: Annotation): boolean {
  const selectors = anchoringSelectorsOf(annotation);
  return !!findQuote(selectors)?.exact || !!findPosition(selectors);
}

/** What AnnotationPlaces.locate found for the list of annotations `all`, in the text of version `version`. */
interface Found {
  all: readonly Annotation[];
  version: number;
  /** Where each top-level annotation that anchored is, in text order (ties in the annotations' order). */
  list: Located[];
  /** The ids of the top-level annotations that did not anchor. */
  orphans: ReadonlySet<string>;
  /** The ids of the page notes (with no passage to anchor to). */
  pageNotes: Set<string>;
}

/** How many annotations are anchored before the page is let run (see prelocate). */
const LOCATE_SLICE = 500;
