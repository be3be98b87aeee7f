// Who may do what in a shared annotations document, judged on the server before an update is applied.
//
// A document holds a Y.Map `annotations` (id → the annotation as JSON text), a Y.Array `order` of ids, and a
// Y.Array `hidden` of moderators' acts ({ id, by, at, hidden }) that hide annotations without deleting them. An update is applied
// to a scratch copy of the document and what it changes there is judged, however it is encoded:
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
  const scratch = scratchOf(document);
  const annotations = scratch.getMap('annotations');
  const order = scratch.getArray('order');
  const hidden = scratch.getArray('hidden');
  const roots = new Set(scratch.share.keys());
  const hiddenBefore = JSON.stringify(hidden.toArray());
  // What the update changes, heard as it is applied: each annotation's value before, the ids taken out of the order.
  const was = new Map();
  const unordered = [];
  const heardAnnotations = (event) => {
    for (const [id, change] of event.changes.keys) if (!was.has(id)) was.set(id, change.oldValue);
  };
  const heardOrder = (event) => {
    for (const item of event.changes.deleted) unordered.push(...item.content.getContent());
  };
  annotations.observe(heardAnnotations);
  order.observe(heardOrder);
  let why = null;
  try {
    Y.applyUpdate(scratch, update);
  } catch (error) {
    why = `the update could not be read (${error.message})`;
  } finally {
    annotations.unobserve(heardAnnotations);
    order.unobserve(heardOrder);
  }
  why ??= verdict();
  // The scratch copy now holds the update: kept when the server applies it too, rebuilt after a refusal.
  if (why) scratches.delete(document);
  return why;

  function verdict() {
    for (const name of scratch.share.keys())
      if (!roots.has(name) && !PARTS.has(name)) return `it writes "${name}", which is not part of an annotations document`;
    for (const [id, before] of was) {
      const is = annotations.get(id);
      if (before === is) continue;
      if (before !== undefined) {
        const owner = creatorOf(before);
        if (owner !== reader.id) return `${reader.id} may not ${is === undefined ? 'delete' : 'edit'} ${id}, which is ${owner ?? 'no one'}’s`;
      }
      if (is !== undefined) {
        if (typeof is !== 'string') return `${id} is not an annotation as JSON text`;
        if (creatorOf(is) !== reader.id) return `${id} must name ${reader.id} as its creator`;
        if (is.length > maxAnnotationBytes) return `${id} is ${is.length} characters, over the limit of ${maxAnnotationBytes}`;
      }
    }
    if (JSON.stringify(hidden.toArray()) !== hiddenBefore && reader.role !== 'moderator')
      return `${reader.id} is not a moderator: only moderators hide annotations`;
    // Another's annotation taken out of the order altogether (extra entries, from two replicas saving at once, may go).
    if (unordered.length) {
      const left = new Set(order.toArray());
      for (const id of new Set(unordered)) {
        if (left.has(id)) continue;
        const json = annotations.get(id);
        if (json !== undefined && creatorOf(json) !== reader.id) return `${reader.id} may not move ${id}, which is ${creatorOf(json) ?? 'no one'}’s`;
      }
    }
    return null;
  }
}

/**
 * A copy of each open document that the judge applies updates to. Copying a document of 10,000 annotations for every
 * update cost 80 ms (median, 145 ms at worst) per update; the copy is kept and brought up to date with what the
 * document got meanwhile (other connections, other servers through Redis), and made again only after a refusal, or
 * if it holds something the document does not.
 */
const scratches = new WeakMap();

function scratchOf(document) {
  let scratch = scratches.get(document);
  if (scratch && ahead(scratch, document)) scratch = undefined;
  if (!scratch) {
    scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(document));
    scratches.set(document, scratch);
  } else {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(document, Y.encodeStateVector(scratch)));
  }
  return scratch;
}

/** Whether `copy` holds changes `document` does not (an update judged and then not applied). */
function ahead(copy, document) {
  const has = Y.decodeStateVector(Y.encodeStateVector(document));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(copy))) if (clock > (has.get(client) ?? 0)) return true;
  return false;
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
