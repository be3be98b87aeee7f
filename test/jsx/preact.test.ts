import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { MemoryStore } from '../../src/core/index.js';
import type { Annotation, EssayReader } from '../../src/index.js';
import { mountReader } from '../../demo/examples/preact-reader.js';
import { paintedTexts } from '../highlights.js';
import { toolbarControl } from '../harness.js';
import { select, toolbar } from '../helpers.js';

/* The elements in Preact, with the props essay-reader/jsx.js types: attributes, the store as a property, and
   an event through `onessay-annotation-create`, as Preact passes it to addEventListener. */

describe('essay-reader in Preact', () => {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('renders a reader, passes its store and attributes, and calls onessay-annotation-create for a highlight', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const store = new MemoryStore();
    const created: Annotation[] = [];
    let unmount = () => {};
    try {
      // The docs' Preact example (demo/examples/preact-reader.ts), mounted as it is shown.
      unmount = mountReader(host, { id: 'preact-doc', store, onCreate: (annotation) => created.push(annotation) });
      const r = host.querySelector('essay-reader') as EssayReader;
      await r.updateComplete;
      expect(r.store, 'the store prop is the element’s store property').to.equal(store);
      expect(r.documentId, 'document-id reached the attribute').to.equal('preact-doc');
      expect(r.querySelector('[data-essay-section-number]'), 'numbering="none" took effect').to.equal(null);
      select(r, '#p2', 'embodied cognition');
      await waitUntil(() => !toolbar(r).hidden, 'the toolbar is shown for the selection');
      toolbarControl(r, 'highlight').click();
      await waitUntil(() => created.length === 1, 'onessay-annotation-create was called');
      await waitUntil(() => paintedTexts().includes('embodied cognition'), 'the highlight is painted');
      expect((await store.load('preact-doc')).length, 'saved in the store passed as a prop').to.equal(1);
    } finally {
      unmount();
      host.remove();
      getSelection()?.removeAllRanges();
    }
  });
});
