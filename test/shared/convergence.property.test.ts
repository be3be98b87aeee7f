import { expect, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import { sharedDocuments, YjsStore } from '../../src/shared/index.js';
import { note, valueOf } from './notes.js';

/* A property test against the real server: three readers make random concurrent changes (create, edit and delete
   their own annotations, try to change another's, drop off the network and come back, each keeping their copy on
   the device). After every sequence, once all are back, every reader and the server's database hold the same
   annotations, and they are the ones a plain model says: what each reader created and did not delete, as they last
   edited it. Fixed seed, so a failure is repeatable. */

const port = async () => (await fetch('/__shared/port')).text();
const READERS = ['reader-a', 'reader-b', 'moderator'] as const;
type Who = 0 | 1 | 2;
type Command =
  | { kind: 'create'; who: Who; text: string }
  | { kind: 'edit'; who: Who; pick: number; text: string }
  | { kind: 'delete'; who: Who; pick: number }
  | { kind: 'tamper'; who: Who; pick: number }
  | { kind: 'offline'; who: Who }
  | { kind: 'online'; who: Who };

const who = fc.constantFrom<Who>(0, 1, 2);
const text = fc.string({ minLength: 1, maxLength: 12 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), who, text }),
  fc.record({ kind: fc.constant('edit' as const), who, pick: fc.nat(), text }),
  fc.record({ kind: fc.constant('delete' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('tamper' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('offline' as const), who }),
  fc.record({ kind: fc.constant('online' as const), who }),
);

describe('shared annotations converge (property)', () => {
  it('three readers with random changes and disconnects end with the same annotations as the model, and so does the database', async function () {
    this.timeout(120000);
    const url = `ws://localhost:${await port()}`;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 14 }), async (commands) => {
        const id = `property-${crypto.randomUUID()}`;
        run++;
        const clients = READERS.map((token) => {
          const reader = { id: token, name: token };
          const connect = (online: boolean) => {
            const shared = sharedDocuments({ url: online ? url : 'ws://localhost:9', token, reader, refusalShownFor: 100 });
            shared.docFor(id);
            return { shared, store: new YjsStore(shared.docFor, { reader }), online };
          };
          return { token, connect, ...connect(true) };
        });
        const model = new Map<string, { owner: Who; value: string }>();
        const owned = (w: Who) => [...model.entries()].filter(([, v]) => v.owner === w).map(([k]) => k);
        try {
          await Promise.all(clients.map((c) => c.shared.loaded(id)));
          let n = 0;
          for (const step of commands) {
            const c = clients[step.who];
            const mine = owned(step.who);
            if (step.kind === 'create') {
              const nid = `${c.token}-${run}-${n++}`;
              model.set(nid, { owner: step.who, value: step.text });
              await c.store.save(id, note(nid, step.text));
            } else if (step.kind === 'edit' && mine.length) {
              const target = mine[step.pick % mine.length];
              model.set(target, { owner: step.who, value: step.text });
              await c.store.save(id, note(target, step.text));
            } else if (step.kind === 'delete' && mine.length) {
              const target = mine[step.pick % mine.length];
              model.delete(target);
              await c.store.remove(id, target);
            } else if (step.kind === 'tamper') {
              // Another reader's annotation, deleted by a client that skips the store's own check: the server
              // refuses, and the model keeps it.
              const theirs = (await c.store.load(id)).filter((a) => !model.get(a.id) || model.get(a.id)!.owner !== step.who);
              if (theirs.length) await new YjsStore(c.shared.docFor).remove(id, theirs[step.pick % theirs.length].id);
            } else if ((step.kind === 'offline' && c.online) || (step.kind === 'online' && !c.online)) {
              // The copy on the device carries the work across (y-indexeddb), as after closing the laptop.
              await c.shared.loaded(id);
              await new Promise((resolve) => setTimeout(resolve, 50));
              c.shared.destroy();
              Object.assign(c, c.connect(step.kind === 'online'));
              await c.shared.loaded(id);
            }
          }
          for (const c of clients) {
            if (c.online) continue;
            await new Promise((resolve) => setTimeout(resolve, 50));
            c.shared.destroy();
            Object.assign(c, c.connect(true));
            await c.shared.loaded(id);
          }
          const expected = JSON.stringify([...model.entries()].map(([k, v]) => [k, v.value]).sort());
          const seen = async (c: (typeof clients)[number]) => JSON.stringify((await c.store.load(id)).map((a) => [a.id, valueOf(a)]).sort());
          for (const c of clients) await waitUntil(async () => (await seen(c)) === expected, `${c.token} holds the model’s annotations`, { timeout: 15000 });
          const stored = async () => JSON.stringify((await (await fetch(`/__shared/stored/${encodeURIComponent(id)}`)).json())?.ids ?? []);
          await waitUntil(async () => (await stored()) === JSON.stringify([...model.keys()].sort()), 'the database holds them too', { timeout: 15000 });
          expect(await stored()).to.equal(JSON.stringify([...model.keys()].sort()));
        } finally {
          clients.forEach((c) => c.shared.destroy());
        }
      }),
      { seed: 20261126, numRuns: 6, endOnFailure: true },
    );
  });
});
