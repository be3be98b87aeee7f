import * as Y from 'yjs';
import { judgeUpdate } from '/work/main/scripts/shared-rules.mjs';
import { repairFrom } from './docs.mjs';
const S = new Y.Doc(); const B = new Y.Doc();
const ann = (id, creator, v) => JSON.stringify({ id, creator: { id: creator }, body: v });
const sync = (from, to) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
// a creates a1 on server
S.transact(() => { S.getMap('annotations').set('a1', ann('a1', 'reader-a', 'x')); S.getArray('order').push(['a1']); });
sync(S, B);
// b deletes
B.transact(() => { B.getMap('annotations').delete('a1'); B.getArray('order').delete(0, 1); });
let u = Y.encodeStateAsUpdate(B, Y.encodeStateVector(S));
console.log('1', judgeUpdate(S, u, { id: 'reader-b' }));
repairFrom(B, S, { id: 'reader-b' });
u = Y.encodeStateAsUpdate(B, Y.encodeStateVector(S));
console.log('2', judgeUpdate(S, u, { id: 'reader-b' }), B.getArray('order').toArray());
Y.applyUpdate(S, u);
console.log('server order', S.getArray('order').toArray());
const sv = Y.encodeStateVector(S);
B.transact(() => B.getMap('annotations').set('a1', ann('a1', 'reader-a', 'rewritten')));
u = Y.encodeStateAsUpdate(B, sv);
console.log('3', judgeUpdate(S, u, { id: 'reader-b' }));
