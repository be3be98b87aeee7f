import type { TextIndex } from '../../../core/text/text-index.js';
import { SKIP_ATTRIBUTE } from '../../../core/text/text-index.js';
import { truncate } from '../../../core/text/truncate.js';
import { formatNumber, stringsOf } from '../../../i18n/locale.js';
import type { EssayStrings } from '../../../i18n/strings.js';
import type { MarginEntry } from './margin-entry.js';

export const MARKER_ATTRIBUTE = 'data-essay-note-marker';

/** A marker in the text, with where it stands (the end offset of its passage) and what it says, and from what. */
interface Placed {
  marker: HTMLButtonElement;
  end: number;
  text: string;
  label: string;
  /** The entry's label, its number, whether numbers were shown and in which strings, when last labelled. */
  said: string | null;
  number: number | null;
  showNumbers: boolean | null;
  strings: EssayStrings | null;
}

/**
 * The buttons after annotated passages: a superscript number after an author's note (with `note-numbers`), a small
 * mark after a reader's. Kept in step with the entries by difference: only markers whose entry came, went or moved
 * are put in or taken out, so the browser lays out again only the paragraphs touched.
 */
export class PassageMarkers {
  /** The marker of each entry, with where it stands (the end offset of its passage) and what it says. */
  private readonly placed = new Map<string, Placed>();

  constructor(
    private readonly root: HTMLElement,
    private readonly showNumbers: () => boolean,
  ) {}

  get size(): number {
    return this.placed.size;
  }

  /**
   * Makes the markers match `entries`: those whose entry is gone or moved come out, new ones go in (last first,
   * so that the offsets `index` gives stay valid as text nodes split), and the rest stay where they are.
   * @returns the marker of each entry, and the index after the text nodes that new markers split (the same
   * index when none was split; null when it must be built again).
   */
  place(index: TextIndex, entries: MarginEntry[], numbers: (number | null)[]): { list: HTMLButtonElement[]; index: TextIndex | null } {
    const wanted = new Map(entries.map((entry, i) => [entry.id, { entry, number: numbers[i] }]));
    for (const [id, placed] of this.placed) {
      const want = wanted.get(id);
      if (want && want.entry.end === placed.end && placed.marker.isConnected) continue;
      placed.marker.remove();
      this.placed.delete(id);
    }
    const missing = entries.map((entry, i) => ({ entry, number: numbers[i] })).filter(({ entry }) => !this.placed.has(entry.id));
    missing.sort((a, b) => b.entry.end - a.entry.end);
    // Offsets are read from the index as it was (splits further on leave earlier nodes' starts in place); the
    // index after them is patched for all the splits at once, not built again.
    const strings = stringsOf(this.root);
    const splits: { head: Text; tail: Text }[] = [];
    for (const { entry, number } of missing) {
      const { marker, split } = this.insert(index, entry, number, strings);
      if (split) splits.push(split);
      this.placed.set(entry.id, {
        marker,
        end: entry.end,
        text: marker.textContent ?? '',
        label: marker.getAttribute('aria-label') ?? '',
        said: null,
        number,
        showNumbers: null,
        strings: null,
      });
    }
    // Kept markers say what their entry says now (a new number, an edited comment): worked out again only when
    // those changed, since labelling 1,000 markers took as long as the rest of an update.
    const showNumbers = this.showNumbers();
    for (const [id, { entry, number }] of wanted) {
      const placed = this.placed.get(id)!;
      if (placed.said === entry.label && placed.number === number && placed.showNumbers === showNumbers && placed.strings === strings) continue;
      const text = this.text(number, strings);
      const label = this.label(entry, number, strings);
      if (placed.text !== text) placed.marker.textContent = placed.text = text;
      if (placed.label !== label) placed.marker.setAttribute('aria-label', (placed.label = label));
      Object.assign(placed, { said: entry.label, number, showNumbers, strings });
    }
    // The text nodes that removed markers had split stay split (they are joined when the reader lets the essay
    // go): taking a marker out then leaves every indexed text node as it was, and the index valid. Scrolling past
    // 10,000 annotations took a marker out and put one in on every screen, and indexed the 200k-word essay again.
    return { list: entries.map((entry) => this.placed.get(entry.id)!.marker), index: index.withSplits(splits) };
  }

  /**
   * Takes every marker out and joins the text nodes they had split.
   * @returns whether there were markers to remove.
   */
  removeAll(): boolean {
    const parents = new Set<Node>();
    for (const marker of this.root.querySelectorAll(`[${MARKER_ATTRIBUTE}]`)) {
      if (marker.parentNode) parents.add(marker.parentNode);
      marker.remove();
    }
    this.placed.clear();
    for (const parent of parents) parent.normalize();
    return parents.size > 0;
  }

  private text(number: number | null, strings: EssayStrings): string {
    return this.showNumbers() && number !== null ? formatNumber(strings, number) : '';
  }

  private label(entry: MarginEntry, number: number | null, strings: EssayStrings): string {
    const said = truncate(entry.label, 80);
    if (number !== null) return strings.noteMarker(formatNumber(strings, number), said);
    return entry.by ? strings.annotationMarkerBy(entry.by, said) : strings.annotationMarker(said);
  }

  /** Puts a marker at the end of the entry's passage; `split` is the text node it cut in two, if any. */
  private insert(
    index: TextIndex,
    entry: MarginEntry,
    number: number | null,
    strings: EssayStrings,
  ): { marker: HTMLButtonElement; split?: { head: Text; tail: Text } } {
    const marker = this.root.ownerDocument.createElement('button');
    marker.type = 'button';
    marker.setAttribute(SKIP_ATTRIBUTE, '');
    marker.setAttribute(MARKER_ATTRIBUTE, '');
    marker.textContent = this.text(number, strings);
    marker.setAttribute('aria-label', this.label(entry, number, strings));
    const { node, offset } = index.positionAt(entry.end, 'end');
    const tail = offset < node.length ? node.splitText(offset) : null;
    node.parentNode!.insertBefore(marker, tail ?? node.nextSibling);
    return { marker, split: tail ? { head: node, tail } : undefined };
  }
}
