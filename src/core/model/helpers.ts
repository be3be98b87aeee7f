import { HIGHLIGHT_COLORS } from '../highlight/painter.js';
import { anchoringSelectorsOf, bodiesOf, commentPlace, sourcesOf, type Annotation, type Body, type TextualBody } from './annotation.js';
import { findQuote } from '../anchoring/selectors.js';

const isTextual = (body: Body): body is TextualBody => typeof body === 'object' && body !== null && body.type === 'TextualBody';

/** The highlight colour, kept as a W3C `tagging` body whose value is a colour name. */
export function colorOf(annotation: Annotation): string | undefined {
  return bodiesOf(annotation).find(
    (b): b is TextualBody => isTextual(b) && b.purpose === 'tagging' && (HIGHLIGHT_COLORS as readonly string[]).includes(b.value),
  )?.value;
}

/**
 * A copy with the comment set: the body the reader sees as the comment (the first textual body that is not a
 * tag, as {@link textOf} reads it) is replaced, or removed when `text` is empty. Every other body survives:
 * tags, links, the same comment in another language.
 */
export function withComment(annotation: Annotation, text: string, now = new Date()): Annotation {
  const place = commentPlace(annotation);
  const { bodyValue: _string, ...rest } = annotation;
  // A String Body becomes a Textual Body: the recommendation allows the rewrite, and `body` and `bodyValue` never
  // stand together.
  const bodies: Body[] = place !== null && 'bodyValue' in place ? [] : bodiesOf(annotation);
  const comment: TextualBody = { type: 'TextualBody', value: text, format: 'text/plain', purpose: 'commenting' };
  const edited = (b: TextualBody): TextualBody => ({ ...b, value: text, format: 'text/plain' });
  let body: Body[];
  if (place === null || 'bodyValue' in place) body = text.trim() ? [comment, ...bodies] : bodies;
  else if (place.item !== undefined) {
    // The comment is the preferred option of a Choice: that option is edited (or removed), the others stay.
    const choice = bodies[place.body] as { items: Body[] };
    const options = text.trim()
      ? choice.items.map((b, i) => (i === place.item ? edited(b as TextualBody) : b))
      : choice.items.filter((_, i) => i !== place.item);
    body = bodies
      .map((b, i) => (i === place.body ? { ...(b as object), items: options } : b))
      .filter((b) => !(typeof b === 'object' && (b as { items?: Body[] }).items?.length === 0));
  } else if (text.trim()) body = bodies.map((b, i) => (i === place.body ? edited(b as TextualBody) : b));
  else body = bodies.filter((_, i) => i !== place.body);
  const stillCommenting = commentPlace({ ...rest, body }) !== null;
  const motivation = stillCommenting ? 'commenting' : annotation.motivation === 'commenting' ? 'highlighting' : annotation.motivation;
  return { ...rest, motivation, body, modified: now.toISOString() };
}

/** A copy with the colour tag set. */
export function withColor(annotation: Annotation, color: string, now = new Date()): Annotation {
  const others = bodiesOf(annotation).filter((b) => !(isTextual(b) && b.purpose === 'tagging' && (HIGHLIGHT_COLORS as readonly string[]).includes(b.value)));
  const body: Body[] = color === 'yellow' ? others : [...others, { type: 'TextualBody', value: color, purpose: 'tagging' }];
  return { ...annotation, body, modified: now.toISOString() };
}

/** The id of the annotation this one replies to, if it is a reply. */
export function replyTarget(annotation: Annotation): string | null {
  const motivations = Array.isArray(annotation.motivation) ? annotation.motivation : [annotation.motivation];
  if (!motivations.includes('replying')) return null;
  return sourcesOf(annotation)[0] ?? null;
}

/** The quoted passage of an annotation, if it has a quote selector. */
export function quoteOf(annotation: Annotation): string {
  return findQuote(anchoringSelectorsOf(annotation))?.exact ?? '';
}

/** The id of an annotation's (first) creator, when it has one. */
export function creatorIdOf(annotation: Annotation | null | undefined): string | undefined {
  const creator = Array.isArray(annotation?.creator) ? annotation.creator[0] : annotation?.creator;
  return typeof creator === 'string' ? creator : typeof creator?.id === 'string' ? creator.id : undefined;
}

/** The name of an annotation's (first) creator, when it has one (a shared layer's reader, an imported file's author). */
export function creatorNameOf(annotation: Annotation | null | undefined): string | null {
  const creator = Array.isArray(annotation?.creator) ? annotation.creator[0] : annotation?.creator;
  if (!creator) return null;
  if (typeof creator === 'string') return creator;
  return typeof creator.name === 'string' && creator.name ? creator.name : typeof creator.id === 'string' ? creator.id : null;
}

/**
 * The annotation with `id` in `list` (or those with any of `ids`) and every reply under it (replies of replies too),
 * in the list's order.
 */
export function threadOf(list: Annotation[], id: string | readonly string[]): Annotation[] {
  const thread = new Set(typeof id === 'string' ? [id] : id);
  for (let grew = true; grew;) {
    grew = false;
    for (const a of list) {
      const parent = replyTarget(a);
      if (parent !== null && thread.has(parent) && !thread.has(a.id)) {
        thread.add(a.id);
        grew = true;
      }
    }
  }
  return list.filter((a) => thread.has(a.id));
}
