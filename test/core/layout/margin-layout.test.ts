import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { layoutMargin, type MarginItem } from '../../../src/core/layout/margin-layout.js';

const SEED = 20261125;

const items = fc
  .array(fc.record({ anchor: fc.integer({ min: 0, max: 5000 }), height: fc.integer({ min: 0, max: 300 }) }), { maxLength: 60 })
  .map((list) => list.sort((a, b) => a.anchor - b.anchor));

function assertNoOverlapInOrder(list: MarginItem[], tops: number[], gap: number) {
  for (let i = 1; i < list.length; i++) {
    expect(tops[i], `note ${i} starts after note ${i - 1} ends`).to.be.at.least(tops[i - 1] + list[i - 1].height + gap - 1e-6);
  }
}

describe('layoutMargin', () => {
  it('leaves notes at their anchors when there is room', () => {
    expect(
      layoutMargin([
        { anchor: 0, height: 20 },
        { anchor: 100, height: 20 },
      ]),
    ).to.deep.equal([0, 100]);
  });

  it('pushes apart colliding notes, sharing the displacement', () => {
    const tops = layoutMargin(
      [
        { anchor: 100, height: 50 },
        { anchor: 110, height: 50 },
      ],
      { gap: 10 },
    );
    // Packed, the pair is 110 tall; centred on the anchors' mean it starts at 105 - 60 / 2 = 75.
    expect(tops).to.deep.equal([75, 135]);
  });

  it('never overlaps, keeps the order and stays within the top bound (property-based)', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 0, max: 40 }), (list, gap) => {
        const tops = layoutMargin(list, { gap, top: 0 });
        expect(tops.length).to.equal(list.length);
        assertNoOverlapInOrder(list, tops, gap);
        for (const top of tops) expect(top).to.be.at.least(0);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('is no worse than stacking the notes greedily (sum of displacements)', () => {
    fc.assert(
      fc.property(items, (list) => {
        const tops = layoutMargin(list, { gap: 8 });
        // Greedy stacking: each note at its anchor or just below the previous one.
        let bottom = -Infinity;
        const greedyTops = list.map((item) => {
          const top = Math.max(item.anchor, bottom);
          bottom = top + item.height + 8;
          return top;
        });
        const cost = (t: number[]) => t.reduce((sum, top, i) => sum + (top - list[i].anchor) ** 2, 0);
        expect(cost(tops)).to.be.at.most(cost(greedyTops) + 1e-6);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('puts the active note exactly level with its passage and makes room around it', () => {
    fc.assert(
      fc.property(
        items.filter((l) => l.length > 0),
        fc.nat(),
        (list, pick) => {
          const active = pick % list.length;
          const tops = layoutMargin(list, { gap: 8, active });
          expect(tops[active]).to.equal(list[active].anchor);
          assertNoOverlapInOrder(list, tops, 8);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('keeps notes above the bottom bound while they fit', () => {
    const tops = layoutMargin(
      [
        { anchor: 900, height: 50 },
        { anchor: 950, height: 50 },
      ],
      { gap: 0, top: 0, bottom: 1000 },
    );
    expect(tops[1] + 50).to.be.at.most(1000);
    assertNoOverlapInOrder(
      [
        { anchor: 900, height: 50 },
        { anchor: 950, height: 50 },
      ],
      tops,
      0,
    );
  });

  it('rejects bad input with a TypeError naming the item', () => {
    expect(() => layoutMargin([{ anchor: NaN, height: 1 }])).to.throw(TypeError, 'items[0].anchor: expected a finite number, got NaN');
    expect(() => layoutMargin([{ anchor: 0, height: -1 }])).to.throw(TypeError, 'items[0].height');
  });
});
