import { expect, fixture, html } from '@open-wc/testing';
import { TextIndex } from '../../src/core/text/text-index.js';
import { NearViewport } from '../../src/elements/essay-reader/margin/near-viewport.js';

/* NearViewport watches the blocks that tracked passages start in. A block that no passage starts in any more (its
   annotations deleted, the paragraph rewritten or removed) must stop being watched: scrolling past 10,000
   annotations, deleting and re-importing, would otherwise leave the observer holding every paragraph it ever saw. */

function spyOnObservers() {
  const observed = new Set<Element>();
  const { observe, unobserve } = IntersectionObserver.prototype;
  IntersectionObserver.prototype.observe = function (target: Element) {
    observed.add(target);
    return observe.call(this, target);
  };
  IntersectionObserver.prototype.unobserve = function (target: Element) {
    observed.delete(target);
    return unobserve.call(this, target);
  };
  return {
    observed,
    restore() {
      Object.assign(IntersectionObserver.prototype, { observe, unobserve });
    },
  };
}

describe('NearViewport', () => {
  it('stops watching a block once no tracked passage starts in it', async () => {
    const root = await fixture<HTMLElement>(html`<article>
      <p id="a">When we speak of the human heart.</p>
      <p id="b">The emotional attachment that we require.</p>
      <p id="c">Proponents of embodied cognition hold a view.</p>
    </article>`);
    const index = TextIndex.build(root);
    const startOf = (id: string) => index.text.indexOf(root.querySelector(`#${id}`)!.textContent!);
    const spy = spyOnObservers();
    try {
      const near = new NearViewport(root, () => {});
      near.track(index, 1, [
        { id: 'one', start: startOf('a') },
        { id: 'two', start: startOf('b') },
        { id: 'three', start: startOf('b') + 4 },
        { id: 'four', start: startOf('c') },
      ]);
      expect([...spy.observed].map((e) => e.id).sort()).to.deep.equal(['a', 'b', 'c']);
      near.track(index, 1, [{ id: 'three', start: startOf('b') + 4 }]);
      expect(
        [...spy.observed].map((e) => e.id),
        'only the block a passage still starts in',
      ).to.deep.equal(['b']);
      near.track(index, 1, [
        { id: 'three', start: startOf('b') + 4 },
        { id: 'five', start: startOf('a') },
      ]);
      expect([...spy.observed].map((e) => e.id).sort(), 'and a block watched again when a passage comes back').to.deep.equal(['a', 'b']);
      near.stop();
    } finally {
      spy.restore();
    }
  });
});
