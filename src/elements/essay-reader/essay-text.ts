import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TextMatch } from '../../core/anchoring/anchor.js';
import { SKIP_ATTRIBUTE, TextIndex } from '../../core/text/text-index.js';

/**
 * The essay's text, as the reader reads it: the one place that knows when it changed. It owns the
 * MutationObserver on the essay, the {@link TextIndex} (built when first asked for after a change), the
 * {@link withoutObserving} door through which the reader's own DOM changes pass unheard, and the one cache of where
 * passages were found ({@link anchors}), valid while the text stays the same.
 *
 * `onChange` runs in the animation frame after the essay changed (at most once a frame): the reader numbers its
 * sections and anchors its notes again then. The index itself is out of date at once.
 */
export class EssayText implements ReactiveController {
  private current?: TextIndex;
  private observer?: MutationObserver;
  private frame = 0;
  /** The text of the last index built or adopted, and its version (see {@link versionOf}). */
  private lastText: string | null = null;
  private version = 0;
  private readonly versions = new WeakMap<TextIndex, number>();
  /** Where passages were found: by note element or by annotation object, valid for one version of the text. */
  readonly anchors = new AnchorCache(this);

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onChange: () => void,
  ) {
    host.addController(this);
  }

  hostConnected() {
    // The library's elements in the essay mark themselves skipped as they upgrade, which comes after the reader's
    // own upgrade when a page or a framework puts the reader in with its content: read as the essay's text until
    // then, a sidenote inside its passage made the passage unanchored, and the note was reported an orphan.
    for (const element of this.host.querySelectorAll(`:is(${SELF_SKIPPING}):not([${SKIP_ATTRIBUTE}])`)) {
      element.setAttribute(SKIP_ATTRIBUTE, '');
      this.current = undefined;
    }
    this.observer ??= new MutationObserver((records) => this.heard(records));
    this.observer.observe(this.host, OBSERVED);
  }

  hostDisconnected() {
    this.observer?.disconnect();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** The essay's text index, built afresh after any change to the essay. */
  get index(): TextIndex {
    return (this.current ??= this.adopt(TextIndex.build(this.host)));
  }

  /** Drops the index: the next reader of {@link index} builds it again. */
  invalidate() {
    this.current = undefined;
  }

  /**
   * Indexes the text again after the caller's own DOM changes, or adopts `updated`, an index the caller kept in
   * step with them (see `TextIndex.withSplit`).
   */
  reindex(updated?: TextIndex): TextIndex {
    this.current = this.adopt(updated ?? TextIndex.build(this.host));
    return this.current;
  }

  /**
   * The version of the text `index` holds: the same number for every index of the same text (markers and marks
   * split text nodes but leave the text as it was), a new one when the words changed.
   */
  versionOf(index: TextIndex): number {
    return this.versions.get(index) ?? this.adoptVersion(index);
  }

  /** Runs DOM changes that the essay's MutationObserver must not react to (markers, marks, numbering). */
  withoutObserving<T>(mutate: () => T): T {
    // Changes already made by others are not the reader's own: heard before the observer is set aside.
    if (this.observer) this.heard(this.observer.takeRecords());
    this.observer?.disconnect();
    try {
      return mutate();
    } finally {
      if (this.host.isConnected) this.observer?.observe(this.host, OBSERVED);
    }
  }

  private adopt(index: TextIndex): TextIndex {
    this.adoptVersion(index);
    return index;
  }

  private adoptVersion(index: TextIndex): number {
    // One comparison per index built: equal strings of the same essay are most often one string (withSplit).
    if (index.text !== this.lastText) {
      this.lastText = index.text;
      this.version++;
    }
    this.versions.set(index, this.version);
    return this.version;
  }

  /**
   * The essay changed (its text, or what is read of it: an element marked itself skipped as it upgraded): the
   * index is out of date at once, and `onChange` runs in the next frame.
   */
  private heard(records: MutationRecord[]) {
    if (!records.some((record) => !isOwnMutation(record))) return;
    this.current = undefined;
    this.schedule();
  }

  /** Runs `onChange` in the next frame (once, however often it is asked): something read from the essay changed. */
  schedule() {
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.onChange();
    });
  }
}

/**
 * Where each passage was found last time, by its owner (an `<essay-note>`, or an annotation, which is an immutable
 * object) and a key of what it was anchored by. An entry holds for the version of the text it was found in:
 * re-anchoring every note and annotation whenever one annotation is added would repeat that work for nothing.
 */
export class AnchorCache {
  private readonly found = new WeakMap<object, { version: number; key: string; match: TextMatch | null }>();

  constructor(private readonly text: { versionOf(index: TextIndex): number }) {}

  /** The version of the text `index` holds (see EssayText.versionOf). */
  versionOf(index: TextIndex): number {
    return this.text.versionOf(index);
  }

  /** Where `owner` was found in `index` (anchored by `key`), or undefined when that is not known. */
  get(owner: object, key: string, index: TextIndex): TextMatch | null | undefined {
    return this.at(owner, key, this.text.versionOf(index));
  }

  /** {@link get} for a version already known (asked of 10,000 annotations, the version is looked up once). */
  at(owner: object, key: string, version: number): TextMatch | null | undefined {
    const cached = this.found.get(owner);
    return cached && cached.key === key && cached.version === version ? cached.match : undefined;
  }

  set(owner: object, key: string, index: TextIndex, match: TextMatch | null) {
    this.found.set(owner, { version: this.text.versionOf(index), key, match });
  }
}

/** The library's elements that an essay holds and that are not part of its text (they mark themselves so). */
const SELF_SKIPPING = 'essay-note, essay-pullquote';

/** Changes to the essay that can change its headings or its text. */
const OBSERVED: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['hidden', 'aria-hidden', 'data-unnumbered', 'id', SKIP_ATTRIBUTE],
};

function isOwnMutation(record: MutationRecord): boolean {
  // An element of the essay that marks itself skipped (a note or a pull-quote upgrading) changes what is read.
  if (record.type === 'attributes' && record.attributeName === SKIP_ATTRIBUTE) return false;
  const target = record.target instanceof Element ? record.target : record.target.parentElement;
  return !!target?.closest(`[${SKIP_ATTRIBUTE}]`);
}
