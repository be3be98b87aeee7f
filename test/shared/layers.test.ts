import { expect } from '@open-wc/testing';
import * as Y from 'yjs';
import { MemoryStore, type AnnotationStore } from '../../src/core/index.js';
import { SharedLayers, YjsStore } from '../../src/shared/index.js';
import { note, valueOf } from './notes.js';

/* SharedLayers on its own: what a reader asks for happens in the order asked, whatever each layer's speed. */

/** A private store whose writes take a while, as IndexedDB's do. */
function slow(store: AnnotationStore): AnnotationStore {
  const later = () => new Promise((resolve) => setTimeout(resolve, 60));
  return {
    load: (doc) => store.load(doc),
    save: async (doc, a) => (await later(), store.save(doc, a)),
    remove: async (doc, id) => (await later(), store.remove(doc, id)),
  };
}

describe('SharedLayers', () => {
  it('shares what was saved just before: Save then Share at once shares the saved comment, not the one before', async () => {
    const doc = new Y.Doc();
    const shared = new YjsStore(() => doc, { reader: { id: 'reader-a' } });
    const layers = new SharedLayers(slow(new MemoryStore()), shared);
    await layers.load('essay');
    await layers.save('essay', note('a1', ''));
    // The card's Save, then its Share, without waiting (the reader does not wait for the store between clicks).
    const saved = layers.save('essay', note('a1', 'The book’s central idea'));
    const moved = layers.share('essay', 'a1', true);
    await Promise.all([saved, moved]);
    expect((await shared.load('essay')).map(valueOf)).to.deep.equal(['The book’s central idea']);
    expect((await layers.load('essay')).map(valueOf)).to.deep.equal(['The book’s central idea']);
    expect(layers.isShared('essay', note('a1', ''))).to.equal(true);
  });
});
