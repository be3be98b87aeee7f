import { HIGHLIGHT_COLORS } from '../highlight/painter.js';
import { bodiesOf, selectorsOf, targetsOf, type Annotation, type Body, type TextualBody } from './annotation.js';
import { findQuote } from '../anchoring/selectors.js';

const isTextual = (body: Body): body is TextualBody => typeof body === 'object' && body !== null && body.type === 'TextualBody';

/** The highlight colour, kept as a W3C `tagging` body whose value is a colour name. */
export function colorOf(annotation: Annotation): string | undefined {
  return bodiesOf(annotation).find((b): b is TextualBody => isTextual(b) && b.purpose === 'tagging' && (HIGHLIGHT_COLORS as readonly string[]).includes(b.value))?.value;
}

/**
 * A copy with the comment set: the body the reader sees as the comment (the first textual body that is not a
 * tag, as {@link textOf} reads it) is replaced, or removed when `text` is empty. Every other body survives:
 * tags, links, the same comment in another language.
 */
export function withComment(annotation: Annotation, text: string, now = new Date()): Annotation {
  const bodies = bodiesOf(annotation);
  const at = bodies.findIndex((b) => isTextual(b) && b.purpose !== 'tagging');
  const comment: TextualBody = { type: 'TextualBody', value: text, format: 'text/plain', purpose: 'commenting' };
  let body: Body[];
  if (at === -1) body = text.trim() ? [comment, ...bodies] : bodies;
  else if (text.trim()) body = bodies.map((b, i) => (i === at ? { ...(b as TextualBody), value: text, format: 'text/plain' } : b));
  else body = bodies.filter((_, i) => i !== at);
  const stillCommenting = body.some((b) => isTextual(b) && b.purpose !== 'tagging');
  return { ...annotation, motivation: stillCommenting ? 'commenting' : annotation.motivation === 'commenting' ? 'highlighting' : annotation.motivation, body, modified: now.toISOString() };
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
  const target = targetsOf(annotation)[0];
  return typeof target === 'string' ? target : (target?.source ?? null);
}

/** The quoted passage of an annotation, if it has a quote selector. */
export function quoteOf(annotation: Annotation): string {
  return findQuote(selectorsOf(annotation))?.exact ?? '';
}

