import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { MemoryStore, TextIndex, type Annotation } from '../../src/core/index.js';
import { AnchorCache } from '../../src/elements/essay-reader/essay-text.js';
import { AnnotationPlaces } from '../../src/elements/essay-reader/annotation-places.js';
import { ReaderAnnotations } from '../../src/elements/essay-reader/reader-annotations.js';

/*
 * The reader's annotations carry their lookups and where each is found over the changes made to a few (an add,
 * an edit, a delete), instead of walking all of them again. Random sequences of such changes, with looks in
 * between, must leave the same as a reader that finds everything afresh: the same passages in the same order,
 * the same orphans and page notes, the same lookups.
 */

const SOURCE = 'https://example.org/what-sucks-about-her';

/**
 * Passages of the demo essay (one twice: two readers may mark the same words), one with a word changed (found all
 * the same), and the first sentence of the Brown corpus, which the essay does not hold (an orphan).
 */
const QUOTES = [
  'A General Theory of Love by Thomas Lewis, Fari Amini, and Richard Lannon',
  'a process that the authors call “limbic revision,”',
  'the model of the triune brain',
  'the model of the triune brain',
  'Proponents of embodied cognition hold',
  'Sofia Coppola’s Lost in Translation',
  'at least for 641 others',
  'Proponents of disembodied cognition hold',
  'The Fulton County Grand Jury said Friday an investigation of Atlanta’s recent primary election produced no evidence that any irregularities took place.',
];

async function demoText(): Promise<TextIndex> {
  const source = await (await fetch('/demo/index.html')).text();
  const parsed = new DOMParser().parseFromString(source, 'text/html');
  const container = document.createElement('div');
  container.innerHTML = parsed.querySelector('essay-reader')!.innerHTML;
  return TextIndex.build(container);
}

function model(index: TextIndex): ReaderAnnotations {
  const annotations = new ReaderAnnotations({
    document: { id: () => SOURCE, source: () => SOURCE, isThis: (s) => s === SOURCE, legacyId: () => null },
    text: { index, anchors: new AnchorCache({ versionOf: () => 1 }) },
    emitStoreError: () => {},
    annotationsChanged: () => {},
  });
  annotations.store = new MemoryStore();
  return annotations;
}

let made = 0;
const note = (quote: string | null, comment = 'A note'): Annotation => ({
  id: `urn:test:${++made}`,
  type: 'Annotation',
  motivation: 'commenting',
  body: [{ type: 'TextualBody', value: comment, purpose: 'commenting' }],
  // No quote: a note on the whole page.
  target: quote === null ? SOURCE : { source: SOURCE, selector: [{ type: 'TextQuoteSelector', exact: quote }] },
});
const reply = (to: string): Annotation => ({
  id: `urn:test:${++made}`,
  type: 'Annotation',
  motivation: 'replying',
  body: [{ type: 'TextualBody', value: 'A reply', purpose: 'replying' }],
  target: to,
});

/** What a reader shows of its annotations: the passages in order, orphans, page notes, and the lookups. */
function seen(annotations: ReaderAnnotations, index: TextIndex) {
  const located = annotations.locate(index).map(({ annotation, start, end }) => `${annotation.id}@${start}-${end}`);
  const places = [...annotations.topLevelPlaces().values()].sort((a, b) => a.rank - b.rank);
  return {
    located,
    orphans: [...annotations.orphanIds].sort(),
    pageNotes: [...annotations.pageNoteIds].sort(),
    topLevel: annotations.topLevel.map((a) => a.id),
    places: places.map((p) => p.annotation.id),
    placeIsTheAnnotation: places.every((p) => p.annotation === annotations.get(p.annotation.id)),
    threads: annotations.all.map((a) => [a.id, annotations.get(a.id) === a, annotations.repliesTo(a.id).map((r) => r.id)]),
  };
}

type Op =
  | { kind: 'add'; quote: number }
  | { kind: 'page-note' }
  | { kind: 'edit'; which: number; quote: number | null }
  | { kind: 'reply'; which: number }
  | { kind: 'reply-to-none' }
  | { kind: 'delete'; which: number }
  | { kind: 'forget'; which: number }
  | { kind: 'reversed' }
  | { kind: 'look' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), quote: fc.nat(QUOTES.length - 1) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'page-note' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('edit' as const), which: fc.nat({ max: 60 }), quote: fc.option(fc.nat(QUOTES.length - 1), { nil: null }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reply' as const), which: fc.nat({ max: 60 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reply-to-none' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), which: fc.nat({ max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('forget' as const), which: fc.nat({ max: 60 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reversed' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'look' as const }) },
);

async function apply(annotations: ReaderAnnotations, o: Op) {
  const pick = (n: number) => annotations.all[n % annotations.all.length];
  switch (o.kind) {
    case 'add':
      return annotations.put(note(QUOTES[o.quote]));
    case 'page-note':
      return annotations.put(note(null));
    case 'edit': {
      const a = annotations.all.length && pick(o.which);
      if (!a) return;
      // A new comment on the same passage, or the annotation moved to another passage.
      const target =
        o.quote === null || typeof a.target === 'string' ? a.target : { source: SOURCE, selector: [{ type: 'TextQuoteSelector', exact: QUOTES[o.quote] }] };
      return annotations.put({ ...a, target, body: [{ type: 'TextualBody', value: `Edited ${++made}`, purpose: 'commenting' }] } as Annotation);
    }
    case 'reply':
      return annotations.all.length ? annotations.put(reply(pick(o.which).id)) : undefined;
    case 'reply-to-none':
      return annotations.put(reply('urn:test:gone'));
    case 'delete':
      return annotations.all.length ? annotations.delete(pick(o.which).id) : undefined;
    case 'forget':
      return annotations.all.length ? annotations.forget(pick(o.which).id) : undefined;
    case 'reversed':
      // Replaced wholesale, as a merge from the store or an import does: nothing recorded to carry over.
      annotations.all = [...annotations.all].reverse();
      return;
    case 'look':
      return;
  }
}

let index: TextIndex | null = null;

describe('a reader’s annotations after changes to a few', () => {
  before(async () => {
    index = await demoText();
  });

  it('finds, orders and looks up exactly what finding everything afresh does', async () => {
    // Counts the looks that carried what was found over recorded changes (the path under test), not afresh.
    const proto = AnnotationPlaces.prototype as unknown as { carried: (...args: unknown[]) => unknown };
    const carry = proto.carried;
    let carried = 0;
    proto.carried = function (this: unknown, ...args: unknown[]) {
      carried++;
      return carry.apply(this, args);
    };
    let compared = 0;
    const same = (live: ReaderAnnotations, ops: Op[]) => {
      const fresh = model(index!);
      fresh.all = [...live.all];
      const expected = seen(fresh, index!);
      expect(seen(live, index!), `after ${JSON.stringify(ops)}`).to.deep.equal(expected);
      compared++;
    };
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
          const live = model(index!);
          live.locate(index!);
          // Changes come one or several between looks, as several can between two renders.
          for (const [i, o] of ops.entries()) {
            await apply(live, o);
            if (o.kind === 'look') same(live, ops.slice(0, i + 1));
          }
          same(live, ops);
        }),
        { seed: 20261126, numRuns: 120 },
      );
    } finally {
      proto.carried = carry;
    }
    expect(compared, 'looks compared').to.be.greaterThan(200);
    expect(carried, 'looks that carried changes over').to.be.greaterThan(100);
  });

  it('keeps two notes on the same words in the order they were made when the first is edited', async () => {
    const live = model(index!);
    const first = note(QUOTES[2], 'First');
    const second = note(QUOTES[2], 'Second');
    await live.put(first);
    await live.put(second);
    expect(live.locate(index!).map((l) => l.annotation.id)).to.deep.equal([first.id, second.id]);
    await live.put({ ...first, body: [{ type: 'TextualBody', value: 'First, edited', purpose: 'commenting' }] });
    const located = live.locate(index!);
    expect(
      located.map((l) => l.annotation.id),
      'the order of the cards (and of Tab) does not change with an edit',
    ).to.deep.equal([first.id, second.id]);
    expect(located[0].annotation.body).to.deep.equal([{ type: 'TextualBody', value: 'First, edited', purpose: 'commenting' }]);
  });
});
