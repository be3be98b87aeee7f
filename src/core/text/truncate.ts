/**
 * `text` with white space folded, cut to at most `max` UTF-16 code units with an ellipsis: for labels and
 * previews. The cut falls between graphemes (what a reader sees as one character: an emoji sequence, a flag, a
 * letter and its combining accent), never inside one.
 */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  let end = max - 1;
  // Only text with surrogates, joiners, combining marks or variation selectors near the cut needs segmenting.
  const near = clean.slice(Math.max(0, end - 16), end + 16);
  if ((SURROGATES.test(near) || JOINERS_AND_MARKS.test(near)) && typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    let boundary = 0;
    for (const { index } of graphemes().segment(clean.slice(0, end + 16))) {
      if (index > end) break;
      boundary = index;
    }
    end = boundary;
  }
  return `${clean.slice(0, end)}…`;
}

// Without the u flag, so that a surrogate pair is two code units to it (with the flag it is one code point).
const SURROGATES = /[\uD800-\uDFFF]/;
const JOINERS_AND_MARKS = /[\u200D\uFE00-\uFE0F\p{M}]/u;
let segmenter: Intl.Segmenter | undefined;
const graphemes = () => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));
