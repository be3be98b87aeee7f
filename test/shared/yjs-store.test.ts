import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EssayReader } from '../../src/index.js';
import { paintedTexts } from '../highlights.js';
import { toolbarControl } from '../harness.js';
import { essay, frames, select, toolbar } from '../helpers.js';
import * as Y from 'yjs';
import { StoreError, type Annotation, type StoreChanges } from '../../src/core/index.js';
import { YjsStore } from '../../src/shared/index.js';
import { describeStoreContract } from '../core/store/store-contract.js';
import { note } from './notes.js';

/* essay-reader/shared.js: the store over Yjs documents keeps the store contract, and two replicas that exchange
   Yjs updates (as a Hocuspocus server relays them) converge and tell each other what changed. */

describeStoreContract('YjsStore', () => {
  const docs = new Map<string, Y.Doc>();
  const docFor = (id: string) => docs.get(id) ?? docs.set(id, new Y.Doc()).get(id)!;
  return { open: () => new YjsStore(docFor), close: async () => docs.forEach((doc) => doc.destroy()) };
});

/** Two replicas of every document, each update applied to the other (what a sync server does, minus the network). */
function linkedReplicas() {
  const sides = [new Map<string, Y.Doc>(), new Map<string, Y.Doc>()];
  const docFor = (side: 0 | 1) => (id: string) => {
    let doc = sides[side].get(id);
    if (doc) return doc;
    doc = new Y.Doc();
    sides[side].set(id, doc);
    const other = sides[1 - side].get(id);
    if (other) Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), 'sync');
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'sync') return;
      const peer = sides[1 - side].get(id);
      if (peer) Y.applyUpdate(peer, update, 'sync');
    });
    return doc;
  };
  return [new YjsStore(docFor(0)), new YjsStore(docFor(1))] as const;
}

const values = (list: Annotation[]) => list.map((a) => `${a.id}:${(a.body as { value: string }[])[0].value}`);

describe('YjsStore replicas', () => {
  it('see each other’s annotations, and are told of the others’ changes only', async () => {
    const [a, b] = linkedReplicas();
    await a.load('essay');
    await b.load('essay');
    const heardByB: { list: string[]; changes?: StoreChanges }[] = [];
    const heardByA: string[][] = [];
    const stopB = b.subscribe('essay', (list, changes) => heardByB.push({ list: values(list), changes }));
    const stopA = a.subscribe('essay', (list) => heardByA.push(values(list)));
    await a.save('essay', note('n1', 'Lewis, Amini and Lannon'));
    await waitUntil(() => heardByB.length === 1, 'b hears a’s save');
    expect(heardByB[0].list).to.deep.equal(['n1:Lewis, Amini and Lannon']);
    expect(heardByA, 'a is not told of its own save').to.deep.equal([]);
    await b.remove('essay', 'n1');
    await waitUntil(() => heardByA.length === 1, 'a hears b’s removal');
    expect(heardByA[0]).to.deep.equal([]);
    stopA();
    stopB();
  });

  it('converge when both change the same document at once: every annotation kept, one text for each', async () => {
    // Unlinked while they edit (offline), then their states exchanged (reconnected).
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = new YjsStore(() => docA);
    const b = new YjsStore(() => docB);
    await a.save('essay', note('shared', 'from a'));
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    await a.save('essay', note('only-a', 'a offline'));
    await b.save('essay', note('only-b', 'b offline'));
    await a.save('essay', note('shared', 'edited on a'));
    await b.save('essay', note('shared', 'edited on b'));
    await b.remove('essay', 'only-a'); // b never saw it: removing it there removes nothing
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB));
    const [listA, listB] = [values(await a.load('essay')), values(await b.load('essay'))];
    expect(listA, 'the same list on both').to.deep.equal(listB);
    expect(listA.map((v) => v.split(':')[0]).sort()).to.deep.equal(['only-a', 'only-b', 'shared']);
    expect(['shared:edited on a', 'shared:edited on b']).to.include(listA.find((v) => v.startsWith('shared:')));
  });

  it('keeps an annotation one replica edited while the other removed it, rather than losing it', async () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = new YjsStore(() => docA);
    const b = new YjsStore(() => docB);
    await a.save('essay', note('n', 'first'));
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    await a.remove('essay', 'n');
    await b.save('essay', note('n', 'edited meanwhile'));
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB));
    const [listA, listB] = [values(await a.load('essay')), values(await b.load('essay'))];
    expect(listA).to.deep.equal(listB);
    // The delete removed the value it saw; the concurrent edit is a new value, which stays in the map while its
    // place in the order is gone: it is listed, not lost.
    expect(listA).to.deep.equal(['n:edited meanwhile']);
  });

  it('refuses here what a shared server would refuse: another’s annotation, one in another’s name, one over the size limit', async () => {
    const doc = new Y.Doc();
    const a = new YjsStore(() => doc, { reader: { id: 'reader-a' } });
    const b = new YjsStore(() => doc, { reader: { id: 'reader-b' } });
    const note = (id: string, value: string): Annotation => ({ id, type: 'Annotation', body: { type: 'TextualBody', value }, target: 'essay' });
    await a.save('essay', note('a1', 'mine'));
    const refusal = async (attempt: Promise<unknown>) => {
      try {
        await attempt;
      } catch (error) {
        return error instanceof StoreError ? `${error.kind}: ${error.message}` : String(error);
      }
      return 'accepted';
    };
    expect(await refusal(b.remove('essay', 'a1'))).to.include('forbidden: YjsStore: essay: reader-b may not delete a1');
    expect(await refusal(b.save('essay', note('a1', 'theirs now')))).to.include('reader-b may not edit a1');
    expect(await refusal(b.save('essay', { ...note('b9', 'forged'), creator: { id: 'reader-a', type: 'Person' } }))).to.include('reader-b may not create b9');
    // The server's limit for one annotation (256 kB of JSON): refused here, so it is never sent to be refused there.
    expect(await refusal(a.save('essay', note('big', 'x'.repeat(300_000))))).to.include('over the shared layer’s limit');
    expect((await a.load('essay')).map((x) => x.id)).to.deep.equal(['a1']);
  });

  it('refuses a factory that is not one, saying what it needs', () => {
    expect(() => new YjsStore(undefined as unknown as (id: string) => Y.Doc)).to.throw(TypeError, 'YjsStore: docFor: expected a function');
  });
});

describe('two readers on linked YjsStore replicas', () => {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('show a highlight made in one in the other, and its deletion', async () => {
    const [storeA, storeB] = linkedReplicas();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = `<essay-reader id="ra" document-id="shared-doc">${essay}</essay-reader><essay-reader id="rb" document-id="shared-doc" no-toc>${essay.replace(/id="(p\d)"/g, 'id="b-$1"')}</essay-reader>`;
    const [ra, rb] = [host.querySelector<EssayReader>('#ra')!, host.querySelector<EssayReader>('#rb')!];
    ra.store = storeA;
    rb.store = storeB;
    await Promise.all([ra.updateComplete, rb.updateComplete]);
    await frames();
    const events: string[] = [];
    for (const [name, reader] of [
      ['a', ra],
      ['b', rb],
    ] as const) {
      for (const type of ['essay-annotation-create', 'essay-annotation-delete'] as const) {
        reader.addEventListener(type, (event) => events.push(`${name} ${type.slice('essay-annotation-'.length)} ${event.detail.origin}`));
      }
    }
    select(ra, '#p2', 'limbic revision');
    await waitUntil(() => !toolbar(ra).hidden, 'the toolbar shows in the first reader');
    toolbarControl(ra, 'highlight').click();
    await waitUntil(() => rb.annotations.length === 1, 'the second reader has it');
    expect(rb.rangeFor(rb.annotations[0].id)!.toString()).to.equal('limbic revision');
    await waitUntil(() => paintedTexts('essay-hl-yellow').filter((t) => t === 'limbic revision').length === 2, 'painted in both');
    await ra.removeAnnotation(ra.annotations[0].id);
    await waitUntil(() => rb.annotations.length === 0, 'and gone from the second when deleted in the first');
    expect(events.sort(), 'each reader says whose change it was').to.deep.equal(['a create local', 'a delete local', 'b create remote', 'b delete remote']);
    getSelection()?.removeAllRanges();
  });
});
