import { expect, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import { type Annotation, type AnnotationStore, type EssayReader, type StoreChanges } from '../../src/index.js';
import { IndexedDBStore, StoreError, textOf, replyTarget } from '../../src/core/index.js';
import { deleteDatabase } from '../core/store/idb.js';
import { annotation, reader } from '../helpers.js';

/*
 * A model-based test (fast-check `commands`, fixed seed): random sequences of add, edit, reply, delete, undo,
 * import, reload and injected store faults against a plain in-memory model. After each sequence and a reload,
 * what the real store (IndexedDB) holds equals the model.
 */

const QUOTES = ['human heart', 'limbic system', 'emotional attachment', 'limbic revision', 'embodied cognition', 'artificial intelligence'];

interface Entry {
  comment: string;
  parent: string | null;
}

interface Model {
  notes: Map<string, Entry>;
  /** The store refuses saves (a full quota), as injected. */
  faulty: boolean;
  /** Changes made while faulty that no save has taken yet: a reload now would lose them (the page asks first). */
  dirty: boolean;
  /** What the last delete removed, for Undo. */
  undo: { run: () => Promise<void>; removed: Map<string, Entry> } | null;
}

/** The store of the run, with a switch for the injected fault. */
class Faulty implements AnnotationStore {
  faulty = false;
  constructor(readonly inner: IndexedDBStore) {}
  load(doc: string) {
    return this.inner.load(doc);
  }
  async save(doc: string, a: Annotation) {
    if (this.faulty) throw new StoreError('quota', 'full (injected)');
    return this.inner.save(doc, a);
  }
  async saveMany(doc: string, list: Annotation[]) {
    if (this.faulty) throw new StoreError('quota', 'full (injected)');
    return this.inner.saveMany(doc, list);
  }
  remove(doc: string, id: string) {
    return this.inner.remove(doc, id);
  }
  subscribe(doc: string, listener: (annotations: Annotation[], changes?: StoreChanges) => void) {
    return this.inner.subscribe(doc, listener);
  }
}

interface Real {
  store: Faulty;
  reader: EssayReader;
}

/** A change went through: with the store healthy, it also saved whatever was waiting. */
const changed = (m: Model) => {
  m.dirty = m.faulty;
};

const pick = (m: Model, n: number, top = false) => {
  const ids = [...m.notes.keys()].filter((id) => !top || m.notes.get(id)!.parent === null);
  return ids.length ? ids[n % ids.length] : null;
};

const thread = (m: Model, id: string): string[] => [id, ...[...m.notes].filter(([, e]) => e.parent === id).flatMap(([child]) => thread(m, child))];

const comment = fc.constantFrom('Remodelled together', 'A second thought', 'ok', 'Über-edited, “quoted”', 'Rewritten since');

class Add implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly quote: number,
    readonly text: string,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const a = (await r.reader.addAnnotation(
      annotation(QUOTES[this.quote % QUOTES.length], { body: [{ type: 'TextualBody', value: this.text, purpose: 'commenting' }] }),
    ))!;
    m.notes.set(a.id, { comment: this.text, parent: null });
    changed(m);
  }
  toString = () => `add(${this.quote}, ${this.text})`;
}

class Edit implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly n: number,
    readonly text: string,
  ) {}
  check = (m: Readonly<Model>) => m.notes.size > 0;
  async run(m: Model, r: Real) {
    const id = pick(m, this.n)!;
    await r.reader.updateAnnotation(id, { body: [{ type: 'TextualBody', value: this.text, purpose: m.notes.get(id)!.parent ? 'replying' : 'commenting' }] });
    m.notes.get(id)!.comment = this.text;
    changed(m);
  }
  toString = () => `edit(${this.n}, ${this.text})`;
}

class Reply implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly n: number,
    readonly text: string,
  ) {}
  check = (m: Readonly<Model>) => m.notes.size > 0;
  async run(m: Model, r: Real) {
    const parent = pick(m, this.n)!;
    const a = (await r.reader.addAnnotation({
      ...annotation('x'),
      motivation: 'replying',
      body: [{ type: 'TextualBody', value: this.text, purpose: 'replying' }],
      target: parent,
    }))!;
    m.notes.set(a.id, { comment: this.text, parent });
    changed(m);
  }
  toString = () => `reply(${this.n}, ${this.text})`;
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly n: number) {}
  check = (m: Readonly<Model>) => m.notes.size > 0;
  async run(m: Model, r: Real) {
    const id = pick(m, this.n)!;
    const removed = new Map(thread(m, id).map((x) => [x, { ...m.notes.get(x)! }]));
    const run = await r.reader.removeAnnotation(id);
    for (const x of removed.keys()) m.notes.delete(x);
    m.undo = { run, removed };
  }
  toString = () => `delete(${this.n})`;
}

class Undo implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.undo !== null;
  async run(m: Model) {
    await m.undo!.run();
    for (const [id, entry] of m.undo!.removed) m.notes.set(id, entry);
    m.undo = null;
    changed(m);
  }
  toString = () => 'undo';
}

class Import implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly count: number,
    readonly olderOf: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const fresh = Array.from({ length: this.count }, (_, i) =>
      annotation(QUOTES[(i + this.olderOf) % QUOTES.length], {
        body: [{ type: 'TextualBody', value: `imported ${i}`, purpose: 'commenting' }],
        modified: new Date().toISOString(),
      }),
    );
    // An old copy of an existing note (last year's export): it must not revert the note.
    const existing = pick(m, this.olderOf, true);
    const stale = existing
      ? [
          {
            ...r.reader.annotations.find((a) => a.id === existing)!,
            body: [{ type: 'TextualBody', value: 'last year', purpose: 'commenting' }],
            modified: '2025-01-01T00:00:00Z',
          },
        ]
      : [];
    await r.reader.importAnnotations(JSON.stringify([...fresh, ...stale]));
    for (const a of fresh) m.notes.set(a.id, { comment: textOf(a), parent: null });
    changed(m);
  }
  toString = () => `import(${this.count}, older of ${this.olderOf})`;
}

class Reload implements fc.AsyncCommand<Model, Real> {
  // With changes the store has not taken, the page asks before a reload (tested elsewhere); here the reader stays.
  check = (m: Readonly<Model>) => !m.dirty;
  async run(m: Model, r: Real) {
    r.reader.parentElement!.remove();
    r.reader = await loaded(r.store, m.notes.size);
    m.undo = null;
  }
  toString = () => 'reload';
}

class Fault implements fc.AsyncCommand<Model, Real> {
  constructor(readonly on: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.store.faulty = this.on;
    m.faulty = this.on;
  }
  toString = () => (this.on ? 'inject-fault' : 'clear-fault');
}

async function loaded(store: AnnotationStore, expected: number): Promise<EssayReader> {
  const r = await reader(store);
  await waitUntil(() => r.annotations.length === expected, `the reloaded reader holds ${expected}`, { timeout: 4000 });
  return r;
}

const contents = (list: Annotation[]) => new Map(list.map((a) => [a.id, { comment: textOf(a), parent: replyTarget(a) }]));

describe('the reader against a model (fast-check, fixed seed)', function () {
  this.timeout(120_000);

  it('keeps the store equal to the model through add, edit, reply, delete, undo, import, reload and faults', async () => {
    const commands = [
      fc.tuple(fc.nat(5), comment).map(([q, t]) => new Add(q, t)),
      fc.tuple(fc.nat(20), comment).map(([n, t]) => new Edit(n, t)),
      fc.tuple(fc.nat(20), comment).map(([n, t]) => new Reply(n, t)),
      fc.nat(20).map((n) => new Delete(n)),
      fc.constant(new Undo()),
      fc.tuple(fc.integer({ min: 1, max: 4 }), fc.nat(20)).map(([c, o]) => new Import(c, o)),
      fc.constant(new Reload()),
      fc.boolean().map((on) => new Fault(on)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 14 }), async (cmds) => {
        const name = `essay-reader-model-${crypto.randomUUID()}`;
        const inner = new IndexedDBStore({ name, migrateFrom: null });
        const store = new Faulty(inner);
        const real: Real = { store, reader: await loaded(store, 0) };
        try {
          const model: Model = { notes: new Map(), faulty: false, dirty: false, undo: null };
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          // The fault clears; the next change saves whatever waited.
          real.store.faulty = false;
          const sentinel = (await real.reader.addAnnotation(annotation('limbic system')))!;
          await real.reader.removeAnnotation(sentinel.id);
          expect(real.reader.unsavedIds, 'nothing left unsaved').to.deep.equal([]);
          real.reader.parentElement!.remove();
          real.reader = await loaded(real.store, model.notes.size);
          const expected = new Map([...model.notes].map(([id, e]) => [id, { comment: e.comment, parent: e.parent }]));
          expect(contents(await inner.load('test-doc')), 'the store equals the model').to.deep.equal(expected);
          expect(contents(real.reader.annotations), 'and so does the reloaded reader').to.deep.equal(expected);
        } finally {
          real.reader.parentElement?.remove();
          await inner.close();
          await deleteDatabase(name);
        }
      }),
      { seed: 20261126, numRuns: 15, endOnFailure: true },
    );
  });
});
