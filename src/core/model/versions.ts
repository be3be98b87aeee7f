import type { Annotation } from './annotation.js';

/** When an annotation was last changed, in milliseconds since the epoch (`modified`, else `created`), or -Infinity. */
export function editedAt(annotation: Annotation): number {
  const time = Date.parse(annotation.modified ?? annotation.created ?? '');
  return Number.isNaN(time) ? -Infinity : time;
}

/**
 * Whether `incoming` should replace `current` (two versions of one annotation): the later `modified` wins, compared
 * as instants (`2026-01-01T10:00+05:00` is before `2026-01-01T06:00Z`, although its string sorts after). Two
 * different versions stamped with the same instant are ordered by their JSON text, so that every tab and every
 * import picks the same one. An identical copy is not newer.
 */
export function isNewer(incoming: Annotation, current: Annotation): boolean {
  const a = editedAt(incoming);
  const b = editedAt(current);
  if (a !== b) return a > b;
  return JSON.stringify(incoming) > JSON.stringify(current);
}
