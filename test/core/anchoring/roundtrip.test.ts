import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { anchor, describe as describeRange, TextIndex } from '../../../src/core/index.js';

/** Fixed, so CI is repeatable; fast-check prints it (and the path) with any counterexample. */
const SEED = 20261125;

const fragments = [
  'plain words',
  '  runs   of\n\tspace ',
  'entities &amp; &lt;tags&gt; &nbsp;here',
  'עברית ומילים',
  'مرحبا بالعالم',
  '東京の夜は静か',
  'emoji 🧠❤️ pairs 👩‍🚀',
  'Samantha',
  'the',
  '',
];
const inline = ['span', 'em', 'b', 'a', 'i'];
const block = ['p', 'div', 'blockquote'];

type Tree = string | { tag: string; children: Tree[] };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...fragments),
    fc.record({ tag: fc.constantFrom(...inline, ...block, 'br'), children: fc.array(tie('node'), { maxLength: 4 }) }),
  ),
})).node;

function render(node: Tree): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return '<br>';
  return `<${node.tag}>${node.children.map(render).join('')}</${node.tag}>`;
}

/** All boundary points inside text nodes of root. */
function textPoints(root: Node): [Node, number][] {
  const points: [Node, number][] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i <= (node as Text).length; i++) points.push([node, i]);
  }
  return points;
}

describe('describe → anchor round trip (property-based)', () => {
  it('gives back the same text and positions for random trees and ranges', () => {
    const container = document.createElement('div');
    document.body.append(container);
    try {
      fc.assert(
        fc.property(fc.array(tree, { minLength: 1, maxLength: 6 }), fc.nat(), fc.nat(), (nodes, a, b) => {
          container.innerHTML = `<article>${nodes.map(render).join('')}</article>`;
          const root = container.firstElementChild!;
          const points = textPoints(root);
          fc.pre(points.length > 0);
          const [p1, p2] = [points[a % points.length], points[b % points.length]];
          const range = document.createRange();
          range.setStart(...p1);
          range.setEnd(...p2);
          if (range.collapsed && (p1[0] !== p2[0] || p1[1] !== p2[1])) {
            range.setStart(...p2);
            range.setEnd(...p1);
          }
          const index = TextIndex.build(root);
          const [quote, position] = describeRange(range, index);
          fc.pre(quote.exact.length > 0);
          const anchored = anchor([quote, position], index);
          expect(anchored, 'anchored').to.not.equal(null);
          const offsets = index.offsetsOf(anchored!);
          // Positions count raw text; they map back to the passage's offsets in the index.
          expect({ start: index.rawOffsetAt(offsets.start), end: index.rawOffsetAt(offsets.end, 'end') }).to.deep.equal({
            start: position.start,
            end: position.end,
          });
          expect(offsets).to.deep.equal(index.offsetsOf(range));
          expect(index.text.slice(offsets.start, offsets.end)).to.equal(quote.exact);
          // Without the position hint, a quote whose context makes it unique finds the same place on its own.
          const withContext = `${quote.prefix}${quote.exact}${quote.suffix}`;
          const first = index.text.indexOf(withContext);
          if (first !== -1 && index.text.indexOf(withContext, first + 1) === -1) {
            expect(index.offsetsOf(anchor([quote], index)!)).to.deep.equal(offsets);
          }
        }),
        { seed: SEED, numRuns: 300 },
      );
    } finally {
      container.remove();
    }
  });
});
