import { stringsOf } from '../../../i18n/locale.js';
import { html } from 'lit';
import { locate, type TextMatch } from '../../../core/anchoring/anchor.js';
import { collapseWhitespace, type TextIndex } from '../../../core/text/text-index.js';
import { anchoringAttributes, type EssayNote } from '../../essay-note/essay-note.js';
import { EssayElement } from '../../shared/essay-element.js';
import type { AnchorCache } from '../essay-text.js';
import type { MarginElement, MarginEntry, MarginSource } from './margin-entry.js';

/**
 * The author's `<essay-note>`s as margin entries: each anchored to its quote (cached while the text stays the
 * same), numbered in text order by the margin. A note whose quote matches no passage is an orphan: it says so once
 * (`essay-note-orphan`, from the note), is shown as unanchored, and `onOrphans` hears the new list. A note that
 * changes (`essay-note-change`) or an essay that does makes the source read the notes again, and `changed` is told.
 */
export class NoteSource implements MarginSource {
  readonly virtual = false;
  /** Notes whose quote matched no passage at the last look, in document order. */
  orphans: EssayNote[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly anchors: AnchorCache,
    private readonly onOrphans: (orphans: EssayNote[]) => void,
    changed: () => void,
  ) {
    // A note whose quote, context or colour changed is anchored again (the others come from the anchor cache).
    root.addEventListener('essay-note-change', () => {
      this.invalidate();
      changed();
    });
  }

  /**
   * Where the notes were found last, and in which version of the text: while the text, the list of notes and
   * every note's options stay as they were, that is where they are. (Reading the options and the words of 1,000
   * notes took a third of an update that added one reader annotation.)
   */
  private found: { version: number; entries: MarginEntry[] } | null = null;

  /** The notes may have changed (some were added or removed): the next {@link locate} reads them all again. */
  invalidate() {
    this.found = null;
  }

  locate(index: TextIndex): MarginEntry[] {
    const version = this.anchors.versionOf(index);
    if (this.found?.version === version) return this.found.entries;
    const entries = this.locateAll(index);
    this.found = { version, entries };
    return entries;
  }

  private locateAll(index: TextIndex): MarginEntry[] {
    const entries: MarginEntry[] = [];
    const orphans: EssayNote[] = [];
    for (const [position, note] of [...this.root.querySelectorAll('essay-note')].entries()) {
      const id = idOf(note, position + 1);
      const options = noteOptions(note);
      const match = options.quote ? this.anchor(note, options, index) : null;
      if (match) {
        entries.push({
          element: note as MarginElement,
          id,
          start: match.start,
          end: match.end,
          color: options.color,
          label: collapseWhitespace(note.textContent ?? '').trim(),
          authored: true,
        });
        continue;
      }
      orphans.push(note);
      if (note.layout !== 'orphan') {
        const { quote } = options;
        const message = quote
          ? `essay-note: quote "${quote.length > 60 ? `${quote.slice(0, 59)}…` : quote}" matches no passage of the essay`
          : 'essay-note: the quote attribute is missing';
        // Through emit, on the note, which may not be upgraded yet (its own emit not there): emit only dispatches.
        EssayElement.prototype.emit.call(note, 'essay-note-orphan', { quote, message });
      }
      note.layout = 'orphan';
      note.number = null;
      note.removeAttribute('popover');
    }
    if (orphans.length !== this.orphans.length || orphans.some((note, i) => note !== this.orphans[i])) {
      this.orphans = orphans;
      this.onOrphans(orphans);
    }
    return entries;
  }

  near() {}

  /** The unanchored notes, as items of the "Unanchored notes" list. */
  renderOrphans() {
    return this.orphans.map(
      (note) => html`<li>
        <q>${note.quote || note.getAttribute('quote') || stringsOf(this.root).noQuote}</q>
        <span>${collapseWhitespace(note.textContent ?? '').trim()}</span>
      </li>`,
    );
  }

  reveal() {}

  private anchor(note: EssayNote, options: NoteOptions, index: TextIndex): TextMatch | null {
    const key = `${options.quote}\u0000${options.prefix}\u0000${options.suffix}\u0000${options.occurrence}`;
    const cached = this.anchors.get(note, key, index);
    if (cached !== undefined) return cached;
    const match = locateNote(options, index);
    this.anchors.set(note, key, index, match);
    return match;
  }
}

type NoteOptions = ReturnType<typeof noteOptions>;

/**
 * A note's id: its own, or one given at first sight (`essay-note-` and its place among the notes, or the next
 * number not taken), kept from then on. Counting only the notes that anchored gave a note that anchored later (after
 * a revision) the id of another, and its marker opened that other note.
 */
function idOf(note: EssayNote, position: number): string {
  if (note.id) return note.id;
  const scope = note.getRootNode() as Document | DocumentFragment;
  let n = position;
  while (scope.getElementById(`essay-note-${n}`)) n++;
  note.id = `essay-note-${n}`;
  return note.id;
}

function locateNote({ quote, prefix, suffix, occurrence }: NoteOptions, index: TextIndex): TextMatch | null {
  if (occurrence !== null && Number.isInteger(occurrence) && occurrence >= 1) {
    const exact = collapseWhitespace(quote);
    let at = -1;
    for (let n = 0; n < occurrence; n++) {
      at = index.text.indexOf(exact, at + 1);
      if (at === -1) return null;
    }
    return { start: at, end: at + exact.length, kind: 'exact', errors: 0 };
  }
  return locate([{ type: 'TextQuoteSelector', exact: quote, prefix: prefix || undefined, suffix: suffix || undefined }], index);
}

/**
 * A note's options. The reader may anchor notes before they are upgraded (a reader and its notes inserted with
 * innerHTML upgrade in tree order, reader first), so an attribute stands in for a property not there yet.
 */
function noteOptions(note: EssayNote) {
  const from = typeof note.requestUpdate === 'function' ? note : anchoringAttributes(note);
  return {
    quote: from.quote,
    prefix: from.quotePrefix,
    suffix: from.quoteSuffix,
    occurrence: from.occurrence,
    color: from.color ?? undefined,
  };
}
