import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
// Default imports: React is CommonJS, which the test runner serves as modules with a default export only.
import React from 'react';
import ReactDOM from 'react-dom';
import ReactDOMClient from 'react-dom/client';
import { MemoryStore } from '../../src/core/index.js';
import type { Annotation, EssayReader as EssayReaderElement } from '../../src/index.js';
import { ReaderWithNote } from '../../demo/examples/react-reader.js';
import { paintedTexts } from '../highlights.js';
import { toolbarControl } from '../harness.js';
import { select, toolbar } from '../helpers.js';

/* The React wrapper, rendered by React 19 itself: properties pass through, events reach their on… props. */

const h = React.createElement;

describe('essay-reader/react', () => {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('renders a reader with React 19, passes its store through, and calls onEssayAnnotationCreate for a highlight', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = ReactDOMClient.createRoot(host);
    const store = new MemoryStore();
    const created: Annotation[] = [];
    try {
      // The docs' React example (demo/examples/react-reader.ts), rendered as it is shown.
      ReactDOM.flushSync(() => root.render(h(ReaderWithNote, { id: 'react-doc', store, onCreate: (annotation) => created.push(annotation) })));
      const r = host.querySelector('essay-reader') as EssayReaderElement;
      await r.updateComplete;
      expect(r.store, 'the store prop is the element’s store property').to.equal(store);
      expect(r.documentId).to.equal('react-doc');
      await waitUntil(() => r.notes.length === 1, 'the note, rendered by React, is anchored');
      expect(r.rangeFor(r.notes[0].id)!.toString()).to.equal('limbic revision');

      select(r, '#p2', 'embodied cognition');
      await waitUntil(() => !toolbar(r).hidden, 'the toolbar is shown for the selection');
      toolbarControl(r, 'highlight').click();
      await waitUntil(() => created.length === 1, 'onEssayAnnotationCreate was called');
      const target = created[0].target as { selector: { type: string; exact?: string }[] };
      expect(target.selector.find((s) => s.type === 'TextQuoteSelector')!.exact).to.equal('embodied cognition');
      await waitUntil(() => paintedTexts().includes('embodied cognition'), 'the highlight is painted');
      expect((await store.load('react-doc')).length, 'saved in the store passed as a prop').to.equal(1);
    } finally {
      root.unmount();
      host.remove();
      getSelection()?.removeAllRanges();
    }
  });
});
