import type { Annotation } from '../../core/model/annotation.js';
import { replyTarget } from '../../core/model/helpers.js';

/**
 * One change to the reader's list of annotations that says what it did: annotations appended, taken out, or
 * replaced where they stood (an edit). From it, the lookups below and the list of where each annotation is found
 * (ReaderAnnotations.locate) are brought up to date by the few it names: beside 10,000 annotations, rebuilding
 * them on every save (five maps of 10,000 and a sort) was a good part of the save.
 */
export interface ListChange {
  readonly added: readonly Annotation[];
  readonly removed: readonly Annotation[];
  readonly replaced: readonly (readonly [before: Annotation, after: Annotation])[];
}

/** A recorded change, from one list to the next. */
export interface Step extends ListChange {
  readonly from: readonly Annotation[];
  readonly to: readonly Annotation[];
}

/** How many changes are kept: an update follows every change, so one or two are ever asked for. */
const KEPT = 8;

/** The last few changes to the list, each from one version of it (an array: every change makes a new one) to the next. */
export class ChangeLog {
  private steps: Step[] = [];

  record(step: Step) {
    this.steps.push(step);
    if (this.steps.length > KEPT) this.steps.shift();
  }

  /**
   * The changes from list `base` to list `now`, in order, when each was recorded; null when not (the list was
   * replaced wholesale, by a merge from the store or an import): then whoever asks starts afresh.
   */
  since(base: readonly Annotation[], now: readonly Annotation[]): Step[] | null {
    if (base === now) return [];
    const first = this.steps.findIndex((step) => step.from === base);
    if (first === -1) return null;
    const path = this.steps.slice(first);
    for (let i = 0; i < path.length; i++) if ((i + 1 < path.length ? path[i + 1].from : now) !== path[i].to) return null;
    return path;
  }
}

/** Where a top-level annotation stands among the others (its rank: later ones rank higher), and which it is. */
export interface Place {
  readonly rank: number;
  readonly annotation: Annotation;
}

/**
 * Lookups over one version of the list of annotations, by id and by parent, and the top-level ones in order:
 * built once per version (asked once per card, a scan of the list each time made rendering 10,000 cards
 * quadratic), and carried to the next version by its recorded changes.
 */
export class AnnotationLookup {
  /** By id (ids are unique in the list: every way in replaces by id). */
  readonly byId = new Map<string, Annotation>();
  /** The replies to each annotation, in the list's order, by the id they reply to. */
  readonly replies = new Map<string, Annotation[]>();
  /** The top-level annotations, in the list's order (a new array for each version: it is handed out). */
  top: Annotation[] = [];
  /** Where each top-level annotation stands, by id: ranks keep the list's order, with gaps where some left. */
  private readonly places = new Map<string, Place>();
  private nextRank = 0;

  constructor(public all: readonly Annotation[]) {
    for (const a of all) if (this.add(a)) this.top.push(a);
  }

  /** The places of the top-level annotations, by id. */
  get placeOf(): ReadonlyMap<string, Place> {
    return this.places;
  }

  /**
   * Carries the lookups over `steps` to the list they lead to. False when a step is not one this can follow (an
   * edit that turned a reply into a note, an id that is taken, one removed that is not here): then the caller
   * builds afresh, and these lookups are not to be used.
   */
  advance(steps: readonly Step[]): boolean {
    for (const step of steps) {
      const follows =
        step.replaced.every(([before, after]) => before.id === after.id && replyTarget(before) === replyTarget(after) && this.byId.get(before.id) === before) &&
        step.removed.every((a) => this.byId.get(a.id) === a) &&
        step.added.every((a) => !this.byId.has(a.id));
      if (!follows) return false;
      const gone = new Set<Annotation>(step.removed);
      const swapped = new Map<Annotation, Annotation>(step.replaced);
      for (const a of step.removed) this.remove(a);
      for (const [before, after] of step.replaced) this.replace(before, after);
      const added = step.added.filter((a) => this.add(a));
      if (gone.size || swapped.size || added.length) {
        const top: Annotation[] = [];
        for (const a of this.top) if (!gone.has(a)) top.push(swapped.get(a) ?? a);
        this.top = added.length ? top.concat(added) : top;
      }
      this.all = step.to;
    }
    return true;
  }

  /** Takes in an annotation; true when it is a top-level one, new here. */
  private add(a: Annotation): boolean {
    if (this.byId.has(a.id)) return false;
    this.byId.set(a.id, a);
    const parent = replyTarget(a);
    if (parent !== null) {
      const list = this.replies.get(parent);
      if (list) list.push(a);
      else this.replies.set(parent, [a]);
      return false;
    }
    this.places.set(a.id, { rank: this.nextRank++, annotation: a });
    return true;
  }

  private remove(a: Annotation) {
    this.byId.delete(a.id);
    const parent = replyTarget(a);
    if (parent === null) this.places.delete(a.id);
    else {
      const list = this.replies.get(parent)?.filter((r) => r !== a) ?? [];
      if (list.length) this.replies.set(parent, list);
      else this.replies.delete(parent);
    }
  }

  private replace(before: Annotation, after: Annotation) {
    this.byId.set(after.id, after);
    const parent = replyTarget(after);
    if (parent === null) this.places.set(after.id, { rank: this.places.get(before.id)!.rank, annotation: after });
    else {
      const list = this.replies.get(parent);
      if (list)
        this.replies.set(
          parent,
          list.map((r) => (r === before ? after : r)),
        );
    }
  }
}

/**
 * Puts `item` into `list` (sorted by `before`, ties in rank order) where it belongs: after every item that does
 * not come after it.
 */
export function insertSorted<T>(list: T[], item: T, before: (a: T, b: T) => number) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(item, list[mid]) < 0) hi = mid;
    else lo = mid + 1;
  }
  list.splice(lo, 0, item);
}
