/**
 * Section numbering and heading ids, as plain values in and out: the element reads the headings, this decides
 * what they are called.
 */

export type Numbering = 'decimal' | 'none';

/** What the outline needs to know of one heading. */
export interface HeadingSource {
  /** 2 for a section, 3 for a subsection. */
  level: 2 | 3;
  /** The heading's text as a reader reads it. */
  text: string;
  /** The id the author gave, if any. */
  id?: string;
  /** `data-unnumbered`: the heading takes no number and does not advance the count. */
  unnumbered?: boolean;
}

/** One entry of the outline: a heading with its number and id decided. */
export interface OutlineEntry {
  level: 2 | 3;
  text: string;
  id: string;
  /** `"2"`, `"2.1"`, or `null` when unnumbered. */
  number: string | null;
}

export interface OutlineOptions {
  numbering?: Numbering;
  /** The number of the first numbered section (default 1). */
  start?: number;
  /** Ids already used elsewhere in the document, which generated ids must avoid. */
  takenIds?: Iterable<string>;
}

/**
 * Numbers the headings (`1`, `2`, and `2.1` for a subsection) and gives each an id: the author's if it has one,
 * otherwise a slug of its text made unique in the document.
 *
 * @example
 * buildOutline([{ level: 2, text: 'The book' }, { level: 3, text: 'Limbic revision' }])
 * // [{ number: '1', id: 'the-book', … }, { number: '1.1', id: 'limbic-revision', … }]
 */
export function buildOutline(headings: readonly HeadingSource[], options: OutlineOptions = {}): OutlineEntry[] {
  const numbering = options.numbering ?? 'decimal';
  const start = options.start ?? 1;
  if (!Number.isInteger(start)) throw new TypeError(`buildOutline: start: expected an integer, got ${start}`);
  const taken = new Set(options.takenIds ?? []);
  for (const heading of headings) if (heading.id) taken.add(heading.id);

  let section = start - 1;
  let subsection = 0;
  let seenSection = false;
  return headings.map((heading) => {
    let number: string | null = null;
    if (numbering !== 'none' && !heading.unnumbered) {
      if (heading.level === 2) {
        section += 1;
        subsection = 0;
        seenSection = true;
        number = String(section);
      } else {
        subsection += 1;
        // A subsection before any numbered section is numbered on its own.
        number = seenSection ? `${section}.${subsection}` : String(subsection);
      }
    } else if (heading.level === 2) {
      // An unnumbered section closes the numbered one: its subsections are not counted under it.
      seenSection = false;
      subsection = 0;
    }
    const id = heading.id || uniqueId(slugify(heading.text) || 'section', taken);
    taken.add(id);
    return { level: heading.level, text: heading.text, id, number };
  });
}

/**
 * A URL- and CSS-friendly slug: lower case, letters and digits of any script kept, everything else a single dash.
 *
 * @example slugify('What the hell happened at the end?') // 'what-the-hell-happened-at-the-end'
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining accents, after NFKD split them off
    .toLowerCase()
    .replace(/[’'"“”‘]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Words in a text, for reading time: runs of letters or digits (an apostrophe inside a word keeps it whole); in
 * scripts written without spaces, the words `Intl.Segmenter` finds.
 */
export function countWords(text: string): number {
  const spaced = text.match(WORD)?.length ?? 0;
  if (!UNSPACED.test(text) || typeof Intl === 'undefined' || !('Segmenter' in Intl)) return spaced;
  // Chinese, Japanese, Thai and their neighbours do not put spaces between words: there each run of such
  // letters is counted as a word segmenter divides it (the regular expression above saw one word in it).
  let count = spaced;
  for (const run of text.match(UNSPACED_RUNS) ?? []) {
    const wordLike = [...words().segment(run)].filter((s) => s.isWordLike).length;
    count += wordLike - 1;
  }
  return count;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const SCRIPTS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\u30FC';
const UNSPACED = new RegExp(`[${SCRIPTS}]`, 'u');
/** A run of letters that holds one of those scripts, as the WORD expression matches it (one "word" each). */
const UNSPACED_RUNS = new RegExp(`[\\p{L}\\p{N}]*[${SCRIPTS}][\\p{L}\\p{N}]*(?:['’][\\p{L}\\p{N}]+)*`, 'gu');
let segmenter: Intl.Segmenter | undefined;
const words = () => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' }));

/** Minutes to read `words` at `wordsPerMinute` (230 by default), at least 1 for any text. */
export function readingMinutes(words: number, wordsPerMinute = 230): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / wordsPerMinute));
}
