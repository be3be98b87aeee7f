// Who may do what in a shared annotations document, judged on the server before an update is applied.
//
// A document holds a Y.Map `annotations` (id → the annotation as JSON text), a Y.Array `order` of ids, and a
// Y.Array `hidden` of moderators' acts ({ id, by, at, hidden }) that hide annotations without deleting them. An update is applied
// to a scratch copy of the document and the two are compared, so what is judged is what the update would change,
// however it is encoded:
// - a reader creates annotations only as themselves (`creator.id` is their id), and edits or deletes only their
//   own; they cannot take another's annotation out of the order either;
// - only a moderator writes to `hidden` (a reader's refused act, taken back by the reader, is no change);
// - no other part of the document may be written, and one annotation is at most `maxAnnotationBytes` of JSON.
import * as Y from 'yjs';

const PARTS = new Set(['annotations', 'order', 'hidden']);

/** The id of the annotation's creator (the first one given), or undefined. */
export function creatorOf(json) {
  try {
    const creator = JSON.parse(json)?.creator;
    const first = Array.isArray(creator) ? creator[0] : creator;
    return typeof first === 'string' ? first : typeof first?.id === 'string' ? first.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why `reader` may not apply `update` to `document`, or `null` when they may.
 * @param {Y.Doc} document the server's copy, left unchanged
 * @param {Uint8Array} update a Yjs update (a sync step 2 or an update message)
 * @param {{ id: string, role?: 'reader' | 'moderator' }} reader
 */
export function judgeUpdate(document, update, reader, { maxAnnotationBytes = 262144 } = {}) {
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(document));
  const before = read(scratch);
  try {
    Y.applyUpdate(scratch, update);
  } catch (error) {
    return `the update could not be read (${error.message})`;
  }
  for (const name of scratch.share.keys()) if (!PARTS.has(name)) return `it writes "${name}", which is not part of an annotations document`;
  const after = read(scratch);
  scratch.destroy();
  for (const id of new Set([...before.annotations.keys(), ...after.annotations.keys()])) {
    const was = before.annotations.get(id);
    const is = after.annotations.get(id);
    if (was === is) continue;
    if (was !== undefined) {
      const owner = creatorOf(was);
      if (owner !== reader.id) return `${reader.id} may not ${is === undefined ? 'delete' : 'edit'} ${id}, which is ${owner ?? 'no one'}’s`;
    }
    if (is !== undefined) {
      if (typeof is !== 'string') return `${id} is not an annotation as JSON text`;
      if (creatorOf(is) !== reader.id) return `${id} must name ${reader.id} as its creator`;
      if (is.length > maxAnnotationBytes) return `${id} is ${is.length} characters, over the limit of ${maxAnnotationBytes}`;
    }
  }
  if (!sameEntries(before.hidden, after.hidden) && reader.role !== 'moderator') return `${reader.id} is not a moderator: only moderators hide annotations`;
  // Another's annotation taken out of the order altogether (extra entries, from two replicas saving at once or a
  // repair, may go).
  const left = new Set(after.order);
  for (const id of new Set(before.order)) {
    if (left.has(id)) continue;
    const json = after.annotations.get(id);
    if (json !== undefined && creatorOf(json) !== reader.id) return `${reader.id} may not move ${id}, which is ${creatorOf(json) ?? 'no one'}’s`;
  }
  return null;
}

function read(doc) {
  return {
    annotations: new Map(doc.getMap('annotations').entries()),
    hidden: new Map(
      doc
        .getArray('hidden')
        .toArray()
        .map((act, i) => [i, JSON.stringify(act)]),
    ),
    order: doc.getArray('order').toArray(),
  };
}

function sameEntries(a, b) {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

/** The ids a document's moderators' acts hide now (the last act for an id decides). */
export function hiddenIds(doc) {
  const last = new Map();
  for (const act of doc.getArray('hidden').toArray()) if (typeof act?.id === 'string') last.set(act.id, act.hidden);
  return [...last]
    .filter(([, hidden]) => hidden)
    .map(([id]) => id)
    .sort();
}
