import { expect } from '@open-wc/testing';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes } from 'mdast';
import { reader } from '../../helpers.js';
import type { Annotation } from '../../../src/index.js';

/* The Markdown export holds its structure whatever the annotations say. */

const hostile = [
  '\r# A heading from a quote\r\n\r\n<script>alert(1)</script>',
  'line one\n\n# not a heading\n<img src=x onerror=alert(1)>',
  '](javascript:alert(1)) [x](javascript:alert(2))',
  '> not a nested quote\n---\n* not a list',
  'a lone surrogate \uD800 and \uDFFF',
  '<!-- a comment --> <div>html</div>\n\n    indented code?',
];

function* walk(node: Nodes): Generator<Nodes> {
  yield node;
  if ('children' in node) for (const child of node.children) yield* walk(child as Nodes);
}

describe('Markdown export', () => {
  it('keeps every quote in its > block and emits no heading, HTML or foreign link, whatever the text', async () => {
    const r = await reader();
    const annotations: Annotation[] = hostile.map((text, i) => ({
      id: `urn:uuid:00000000-0000-4000-8000-00000000000${i})](javascript:alert(${i}))`,
      type: 'Annotation',
      motivation: 'commenting',
      body: [{ type: 'TextualBody', value: text, purpose: 'commenting' }],
      target: { source: 'test-doc', selector: [{ type: 'TextQuoteSelector', exact: text }] },
    }));
    await r.importAnnotations(annotations);
    await r.addAnnotation({
      id: 'urn:uuid:reply-1',
      type: 'Annotation',
      motivation: 'replying',
      body: [{ type: 'TextualBody', value: hostile[1], purpose: 'replying' }],
      target: annotations[0].id,
    });
    const markdown = await r.exportMarkdown();
    const tree = fromMarkdown(markdown);
    const top = tree.children.map((n) => n.type);
    expect(top[0]).to.equal('heading');
    expect(top.filter((t) => t === 'heading').length, `one heading only:\n${markdown}`).to.equal(1);
    expect(top.filter((t) => t === 'blockquote').length, 'one quote block per annotation').to.equal(hostile.length);
    const all = [...walk(tree)];
    expect(
      all.filter((n) => n.type === 'html').map((n) => (n as { value: string }).value),
      'no raw HTML',
    ).to.deep.equal([]);
    expect(all.filter((n) => n.type === 'code').length, 'no code block made of text').to.equal(0);
    const links = all.filter((n): n is Nodes & { url: string } => n.type === 'link');
    expect(links.length, 'one link per annotation').to.equal(hostile.length);
    for (const link of links) expect(link.url.startsWith(`${location.origin}${location.pathname}`), link.url).to.equal(true);
    expect(markdown).to.include('\uFFFD');
    for (const [i, text] of hostile.entries()) {
      const quote = tree.children.filter((n) => n.type === 'blockquote')[i];
      const words = text
        .replace(/[^A-Za-z ]+/g, ' ')
        .split(/\s+/)
        .filter((w) => w.length > 3);
      const quoted = [...walk(quote)]
        .filter((n) => n.type === 'text' || n.type === 'inlineCode')
        .map((n) => (n as { value: string }).value)
        .join(' ');
      for (const word of words) expect(quoted, `"${word}" of quote ${i} stays inside its > block`).to.include(word);
    }
  });
});
