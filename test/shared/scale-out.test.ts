import { expect, waitUntil } from '@open-wc/testing';
import { sharedDocuments, YjsStore } from '../../src/shared/index.js';
import { note } from './notes.js';

/* The deployment beyond one machine: two server processes sharing documents through one Redis and keeping them in
   one PostgreSQL (scripts/scale-out.mjs starts both, or says why it could not). Reader A talks to one server and
   reader B to the other. */

function join(port: number, token: string, id: string) {
  const reader = { id: token, name: token };
  const shared = sharedDocuments({ url: `ws://localhost:${port}`, token, offline: false, reader });
  const store = new YjsStore(shared.docFor, { reader });
  shared.docFor(id);
  return { shared, store };
}

describe('the shared server scaled out: two processes, Redis and PostgreSQL', () => {
  it('converges readers on different servers, and keeps everything in PostgreSQL when every server is killed', async function () {
    this.timeout(240000);
    const started = (await (await fetch('/__scale/start')).json()) as { ports?: number[]; skipped?: string };
    if (started.skipped) {
      console.warn(`skipped: ${started.skipped}`);
      this.skip();
    }
    const [one, two] = started.ports!;
    const id = `essay-${crypto.randomUUID()}`;
    const a = join(one, 'reader-a', id);
    const b = join(two, 'reader-b', id);
    try {
      await waitUntil(() => a.shared.status(id) === 'synced' && b.shared.status(id) === 'synced', 'both synced', { timeout: 15000 });
      // At once, on different servers.
      await Promise.all([a.store.save(id, note('a1', 'from server one')), b.store.save(id, note('b1', 'from server two'))]);
      for (const [name, r] of [
        ['a', a],
        ['b', b],
      ] as const) {
        await waitUntil(async () => (await r.store.load(id)).length === 2, `${name} has both`, { timeout: 15000 });
      }
      await b.store.remove(id, 'b1');
      await waitUntil(async () => (await a.store.load(id)).length === 1, 'a hears b’s deletion through Redis', { timeout: 15000 });
      await waitUntil(() => a.shared.status(id) === 'synced' && b.shared.status(id) === 'synced', 'acknowledged', { timeout: 15000 });
      await waitUntil(
        async () => JSON.stringify(await (await fetch(`/__scale/stored/${encodeURIComponent(id)}`)).json()) === JSON.stringify({ ids: ['a1'], hidden: [] }),
        'in PostgreSQL',
        {
          timeout: 15000,
        },
      );
    } finally {
      a.shared.destroy();
      b.shared.destroy();
    }
    // Every server killed and started again: a new reader gets everything from PostgreSQL.
    await fetch('/__scale/restart');
    const c = join(two, 'reader-b', id);
    try {
      await waitUntil(async () => (await c.store.load(id)).length === 1, 'the document came back from PostgreSQL', { timeout: 15000 });
      expect((await c.store.load(id)).map((x) => x.id)).to.deep.equal(['a1']);
    } finally {
      c.shared.destroy();
    }
  });
});
