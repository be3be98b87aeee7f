import { expect } from '@open-wc/testing';
import type { Annotation, AnnotationStore } from '../../../src/core/index.js';

/*
 * What every store must do, as the reader relies on it. A new store (a server, a shared document) runs this
 * suite: `describeStoreContract('MyStore', () => ({ open: () => new MyStore(), close: async () => {} }))`.
 */

export interface StoreUnderTest {
  /** A store over the same data each time it is called (a second tab, a reload). */
  open(): AnnotationStore;
  /** Frees what the run used. */
  close(): Promise<void>;
}

const note = (id: string, value = 'text'): Annotation => ({
  id,
  type: 'Annotation',
  motivation: 'commenting',
  body: [{ type: 'TextualBody', value, purpose: 'commenting' }],
  target: { source: 'doc', selector: [{ type: 'TextQuoteSelector', exact: 'words', prefix: 'some ', suffix: ' here' }] },
  created: '2026-11-26T00:00:00Z',
  modified: '2026-11-26T00:00:00Z',
});
const values = (list: Annotation[]) => list.map((a) => [a.id, (a.body as { value: string }[])[0].value]);

export function describeStoreContract(name: string, make: () => StoreUnderTest) {
  describe(`${name}: the store contract`, () => {
    let run: StoreUnderTest;
    beforeEach(() => (run = make()));
    afterEach(() => run.close());

    it('loads nothing for a document it has never seen', async () => {
      expect(await run.open().load('doc')).to.deep.equal([]);
    });

    it('gives back what was saved, exactly, and to another instance over the same data', async () => {
      const a = note('a');
      await run.open().save('doc', a);
      expect(await run.open().load('doc')).to.deep.equal([a]);
    });

    it('replaces by id, keeping the order in which annotations were first saved', async () => {
      const store = run.open();
      await store.save('doc', note('b'));
      await store.save('doc', note('a'));
      await store.save('doc', note('b', 'changed'));
      expect(values(await store.load('doc'))).to.deep.equal([
        ['b', 'changed'],
        ['a', 'text'],
      ]);
    });

    it('saves a batch (saveMany, when it has one) as one would save each', async () => {
      const store = run.open();
      await store.save('doc', note('a'));
      if (store.saveMany) await store.saveMany('doc', [note('a', 'again'), note('b'), note('c')]);
      else for (const a of [note('a', 'again'), note('b'), note('c')]) await store.save('doc', a);
      expect(values(await run.open().load('doc'))).to.deep.equal([
        ['a', 'again'],
        ['b', 'text'],
        ['c', 'text'],
      ]);
    });

    it('removes by id, and removing what is not there changes nothing', async () => {
      const store = run.open();
      await store.saveMany?.('doc', [note('a'), note('b')]);
      if (!store.saveMany) for (const a of [note('a'), note('b')]) await store.save('doc', a);
      await store.remove('doc', 'a');
      await store.remove('doc', 'no-such-id');
      expect(values(await run.open().load('doc'))).to.deep.equal([['b', 'text']]);
    });

    it('keeps documents apart', async () => {
      const store = run.open();
      await store.save('one', note('a', 'in one'));
      await store.save('two', note('a', 'in two'));
      await store.remove('one', 'a');
      expect(await store.load('one')).to.deep.equal([]);
      expect(values(await store.load('two'))).to.deep.equal([['a', 'in two']]);
    });

    it('hands out copies: changing what was saved or loaded does not change what is stored', async () => {
      const store = run.open();
      const a = note('a');
      await store.save('doc', a);
      (a.body as { value: string }[])[0].value = 'changed after saving';
      const [loaded] = await store.load('doc');
      (loaded.body as { value: string }[])[0].value = 'changed after loading';
      expect(values(await store.load('doc'))).to.deep.equal([['a', 'text']]);
    });

    it('keeps text as it came: every Unicode plane, a lone surrogate, markup, 100,000 characters', async () => {
      const texts = ['Ǆ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩🏽‍🔬 ‮rtl‬ \u0000 \uFEFF', 'a lone \uD800 surrogate', '<script>alert(1)</script>', 'x'.repeat(100_000)];
      const store = run.open();
      for (const [i, text] of texts.entries()) await store.save('doc', note(`t${i}`, text));
      expect((await run.open().load('doc')).map((a) => (a.body as { value: string }[])[0].value)).to.deep.equal(texts);
    });
  });
}
