import { expect, waitUntil } from '@open-wc/testing';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { StoreError } from '../../src/core/index.js';
import { sharedDocuments, YjsStore } from '../../src/shared/index.js';
import { note as sharedNote } from './notes.js';

/* YjsStore through a real Hocuspocus server (scripts/shared-server.mjs, started for the test run): readers with
   known tokens share one document live, an unknown token is refused, and what was shared is there for the next
   reader after everyone left (the server kept it). */

const port = async () => (await fetch('/__shared/port')).text();

async function connect(name: string, token: string) {
  const doc = new Y.Doc();
  const failures: string[] = [];
  const provider = new HocuspocusProvider({
    url: `ws://localhost:${await port()}`,
    name,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => failures.push(reason),
  });
  return { doc, provider, failures, store: new YjsStore(() => doc, { reader: { id: token } }) };
}

const note = (id: string, value: string) => sharedNote(id, value, 'space between the words');

describe('YjsStore through the Hocuspocus server', () => {
  it('shares one document live between readers with known tokens', async () => {
    const name = `essay-${crypto.randomUUID()}`;
    const a = await connect(name, 'reader-a');
    const b = await connect(name, 'reader-b');
    try {
      await waitUntil(() => a.provider.isSynced && b.provider.isSynced, 'both synced with the server', { timeout: 8000 });
      const heard: string[][] = [];
      const stop = b.store.subscribe('essay', (list) => heard.push(list.map((x) => x.id)));
      await a.store.save('essay', note('n1', 'Samantha, on the space between the words'));
      await waitUntil(() => heard.some((ids) => ids.includes('n1')), 'b hears a’s annotation through the server', { timeout: 8000 });
      expect((await b.store.load('essay')).map((x) => x.id)).to.deep.equal(['n1']);
      stop();
    } finally {
      a.provider.destroy();
      b.provider.destroy();
    }
  });

  it('refuses an unknown token: the page is told, and nothing syncs', async () => {
    const name = `essay-${crypto.randomUUID()}`;
    const stranger = await connect(name, 'not-a-token');
    try {
      await waitUntil(() => stranger.failures.length > 0, 'authentication failed', { timeout: 8000 });
      expect(stranger.provider.isSynced).to.equal(false);
    } finally {
      stranger.provider.destroy();
    }
  });

  it('keeps what was shared for the next reader after everyone left', async () => {
    const name = `essay-${crypto.randomUUID()}`;
    const a = await connect(name, 'reader-a');
    await waitUntil(() => a.provider.isSynced, 'synced', { timeout: 8000 });
    await a.store.save('essay', note('kept', 'still here'));
    await waitUntil(() => !a.provider.hasUnsyncedChanges, 'the server has it', { timeout: 8000 });
    a.provider.destroy();
    // Everyone left: the server writes the document to its file and unloads it; a later reader loads it from there.
    const stored = await (await fetch(`/__shared/stored/${encodeURIComponent(name)}`)).json();
    expect(stored?.ids, 'the server stored it').to.deep.equal(['kept']);
    const b = await connect(name, 'reader-b');
    try {
      await waitUntil(() => b.provider.isSynced, 'synced', { timeout: 8000 });
      await waitUntil(async () => (await b.store.load('essay')).length === 1, 'the annotation came back from the server', { timeout: 8000 });
      expect((await b.store.load('essay'))[0].id).to.equal('kept');
    } finally {
      b.provider.destroy();
    }
  });
});

describe('sharedDocuments: local-first documents on the server', () => {
  it('says where each document stands: synced with a known token, refused with an unknown one', async () => {
    const url = `ws://localhost:${await port()}`;
    const good = sharedDocuments({ url, token: 'reader-a' });
    const bad = sharedDocuments({ url, token: () => 'forged' });
    const seen: string[] = [];
    good.onStatus((_id, status) => seen.push(status));
    try {
      const id = `essay-${crypto.randomUUID()}`;
      good.docFor(id);
      bad.docFor(id);
      await waitUntil(() => good.status(id) === 'synced', 'synced', { timeout: 8000 });
      await waitUntil(() => bad.status(id) === 'refused', 'refused', { timeout: 8000 });
      expect(seen.at(-1)).to.equal('synced');
    } finally {
      good.destroy();
      bad.destroy();
    }
  });

  it('keeps annotations on the device while the server is unreachable, and shares them once it is back', async () => {
    const id = `essay-${crypto.randomUUID()}`;
    // Offline: a server that is not there. The reader annotates anyway.
    const away = sharedDocuments({ url: 'ws://localhost:9', token: 'reader-a' });
    const store = new YjsStore(away.docFor, { reader: { id: 'reader-a' } });
    await store.save(id, note('offline', 'written on the train'));
    await away.loaded(id);
    await waitUntil(() => away.status(id) === 'offline', 'offline', { timeout: 8000 });
    away.destroy();
    // Later, online: the copy on the device comes back, and reaches the server, where another reader sees it.
    const back = sharedDocuments({ url: `ws://localhost:${await port()}`, token: 'reader-a' });
    const other = sharedDocuments({ url: `ws://localhost:${await port()}`, token: 'reader-b', offline: false });
    try {
      const mine = new YjsStore(back.docFor, { reader: { id: 'reader-a' } });
      const theirs = new YjsStore(other.docFor);
      back.docFor(id);
      await back.loaded(id);
      expect(
        (await mine.load(id)).map((a) => a.id),
        'kept on the device',
      ).to.deep.equal(['offline']);
      other.docFor(id);
      await waitUntil(async () => (await theirs.load(id)).length === 1, 'shared once the server is reachable', { timeout: 8000 });
    } finally {
      back.destroy();
      other.destroy();
    }
  });

  it('says synced only once the server has every change, including those written before the connection was up', async () => {
    const url = `ws://localhost:${await port()}`;
    const id = `essay-${crypto.randomUUID()}`;
    const reader = { id: 'reader-a' };
    const writer = sharedDocuments({ url, token: 'reader-a', offline: false, reader });
    const store = new YjsStore(writer.docFor, { reader });
    writer.docFor(id);
    // Written at once, as an import right after the page opened: before the provider has connected.
    for (let batch = 0; batch < 10; batch++)
      await store.saveMany(
        id,
        Array.from({ length: 1000 }, (_, i) => note(`n${batch}-${i}`, `note ${batch}-${i}`)),
      );
    await waitUntil(() => writer.status(id) === 'synced', 'synced', { timeout: 15000 });
    // Told synced, the reader leaves at once (the page closes).
    writer.destroy();
    const other = sharedDocuments({ url, token: 'reader-b', offline: false });
    try {
      const theirs = new YjsStore(other.docFor);
      other.docFor(id);
      await waitUntil(() => other.status(id) === 'synced', 'synced', { timeout: 15000 });
      expect((await theirs.load(id)).length, 'everything reached the server before "synced" was said').to.equal(10000);
    } finally {
      other.destroy();
    }
  });

  it('refuses an address that is not a WebSocket server’s, saying what it needs', () => {
    expect(() => sharedDocuments({ url: 'http://example.com', token: 't' })).to.throw(TypeError, 'expected a ws:// or wss:// address');
  });
});

describe('the shared server enforces who may do what', () => {
  const url = async () => `ws://localhost:${await port()}`;
  const stored = async (name: string) =>
    (await (await fetch(`/__shared/stored/${encodeURIComponent(name)}`)).json()) as { ids: string[]; hidden: string[] } | null;
  const readerOf = (token: string) => ({ id: token, name: token });

  async function join(token: string | undefined, id: string) {
    const shared = sharedDocuments({ url: await url(), token: token ?? '', offline: false, reader: token ? readerOf(token) : undefined, refusalShownFor: 500 });
    const store = new YjsStore(shared.docFor, token ? { reader: readerOf(token), connection: shared } : { connection: shared });
    shared.docFor(id);
    return { shared, store };
  }

  it('lets a reader delete their own annotation but not another’s: the server refuses it, keeps it, says why, and the reader’s copy is put right', async () => {
    const id = `essay-${crypto.randomUUID()}`;
    const a = await join('reader-a', id);
    const b = await join('reader-b', id);
    try {
      await waitUntil(() => a.shared.status(id) === 'synced' && b.shared.status(id) === 'synced', 'both synced', { timeout: 8000 });
      await a.store.save(id, note('a1', 'Reader A on the book'));
      await waitUntil(async () => (await b.store.load(id)).length === 1, 'b sees a’s annotation', { timeout: 8000 });
      expect((await b.store.load(id))[0].creator, 'saved as reader A').to.deep.include({ id: 'reader-a' });

      // The store refuses it at once, as the server would.
      let local: unknown;
      await b.store.remove(id, 'a1').catch((error) => (local = error));
      expect(
        local instanceof StoreError && local.kind === 'forbidden' && local.message.includes('reader-b may not delete a1, which is reader-a’s'),
        String(local),
      ).to.equal(true);
      // A client that skips that check (a page script writing to the Y.Doc through a store without a reader): the
      // server refuses.
      const hostile = new YjsStore(b.shared.docFor);
      const reasons: string[] = [];
      b.shared.onStatus((_doc, status, reason) => status === 'refused' && reasons.push(reason ?? ''));
      await hostile.remove(id, 'a1');
      await waitUntil(() => reasons.length > 0, 'b is told the server refused', { timeout: 8000 });
      expect(reasons[0]).to.include('reader-b may not delete a1, which is reader-a’s');
      // Put right: b's copy has a's annotation again, and b is back in sync.
      await waitUntil(async () => (await b.store.load(id)).length === 1, 'b’s copy has it again', { timeout: 8000 });
      await waitUntil(() => b.shared.status(id) === 'synced', 'b synced again', { timeout: 8000 });
      expect((await stored(id))?.ids, 'the server stored none of it').to.deep.equal(['a1']);
      expect((await a.store.load(id)).map((x) => x.id)).to.deep.equal(['a1']);

      // An edit of another's annotation, and a new one in another's name, are refused the same way.
      reasons.length = 0;
      await hostile.save(id, { ...note('a1', 'rewritten by B'), creator: { id: 'reader-a', type: 'Person' } });
      await waitUntil(() => reasons.length > 0, 'refused', { timeout: 8000 });
      expect(reasons[0]).to.include('reader-b may not edit a1');
      await waitUntil(async () => JSON.stringify(await b.store.load(id)).includes('Reader A on the book'), 'put right', { timeout: 8000 });

      // Their own: created, edited and deleted.
      await b.store.save(id, note('b1', 'Reader B replies'));
      await waitUntil(async () => (await a.store.load(id)).length === 2, 'a sees b’s own', { timeout: 8000 });
      await b.store.remove(id, 'b1');
      await waitUntil(async () => (await a.store.load(id)).length === 1, 'and its deletion', { timeout: 8000 });
      await a.store.remove(id, 'a1');
      await waitUntil(async () => (await stored(id))?.ids.length === 0, 'a deletes a’s own', { timeout: 8000 });
    } finally {
      a.shared.destroy();
      b.shared.destroy();
    }
  });

  it('lets a moderator hide any annotation, which stays stored and marked; a reader may not', async () => {
    const id = `essay-${crypto.randomUUID()}`;
    const a = await join('reader-a', id);
    const b = await join('reader-b', id);
    const mod = await join('moderator', id);
    try {
      await a.store.save(id, note('a1', 'spam, say'));
      await waitUntil(async () => (await b.store.load(id)).length === 1 && (await mod.store.load(id)).length === 1, 'all see it', { timeout: 8000 });
      const reasons: string[] = [];
      b.shared.onStatus((_doc, status, reason) => status === 'refused' && reasons.push(reason ?? ''));
      await b.store.hide(id, 'a1');
      await waitUntil(() => reasons.length > 0, 'a reader’s hiding is refused', { timeout: 8000 });
      expect(reasons[0]).to.include('only moderators hide');
      await waitUntil(async () => (await b.store.load(id)).length === 1, 'and undone on b', { timeout: 8000 });

      await mod.store.hide(id, 'a1');
      await waitUntil(async () => (await a.store.load(id)).length === 0 && (await b.store.load(id)).length === 0, 'hidden for every reader', {
        timeout: 8000,
      });
      await waitUntil(async () => (await stored(id))?.hidden.includes('a1') === true, 'stored as hidden', { timeout: 8000 });
      expect((await stored(id))?.ids, 'and kept').to.deep.equal(['a1']);
      expect(a.store.hiddenIds(id).get('a1')?.by).to.equal('moderator');
    } finally {
      a.shared.destroy();
      b.shared.destroy();
      mod.shared.destroy();
    }
  });

  it('gives a reader without a token a read-only connection: they read, and nothing they write reaches anyone', async () => {
    const id = `essay-${crypto.randomUUID()}`;
    const a = await join('reader-a', id);
    const anonymous = await join(undefined, id);
    try {
      await a.store.save(id, note('a1', 'public'));
      await waitUntil(async () => (await anonymous.store.load(id)).length === 1, 'the public reads', { timeout: 8000 });
      await anonymous.store.save(id, { ...note('x', 'graffiti'), creator: { id: 'anonymous', type: 'Person' } });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await a.store.load(id)).map((x) => x.id)).to.deep.equal(['a1']);
      expect((await stored(id))?.ids).to.deep.equal(['a1']);
    } finally {
      a.shared.destroy();
      anonymous.shared.destroy();
    }
  });

  it('slows down a reader who sends too many messages, then takes everything they wrote once they are back', async function () {
    this.timeout(40000);
    const id = `essay-${crypto.randomUUID()}`;
    const a = await join('reader-a', id);
    const b = await join('reader-b', id);
    try {
      await waitUntil(() => a.shared.status(id) === 'synced', 'synced', { timeout: 8000 });
      const reasons: string[] = [];
      a.shared.onStatus((_doc, status, reason) => status === 'refused' && reasons.push(reason ?? ''));
      // 150 saves in one go: each is a message of its own, more than the server takes in a second.
      for (let i = 0; i < 150; i++) await a.store.save(id, note(`burst-${i}`, `note ${i}`));
      await waitUntil(() => reasons.length > 0, 'told it is sending too much', { timeout: 8000 });
      expect(reasons[0]).to.include('limit: more than 60 messages a second');
      await waitUntil(async () => (await b.store.load(id)).length === 150, 'everything arrives once the reader is back', { timeout: 15000 });
      await waitUntil(() => a.shared.status(id) === 'synced', 'and a is synced again', { timeout: 15000 });
    } finally {
      a.shared.destroy();
      b.shared.destroy();
    }
  });

  it('loses nothing it acknowledged when the server is killed, and the readers reconnect by themselves', async () => {
    const id = `essay-${crypto.randomUUID()}`;
    const a = await join('reader-a', id);
    const b = await join('reader-b', id);
    try {
      await a.store.save(id, note('before', 'acknowledged'));
      await waitUntil(() => a.shared.status(id) === 'synced', 'acknowledged', { timeout: 8000 });
      expect(await (await fetch('/__shared/kill')).text()).to.equal('restarted');
      expect((await stored(id))?.ids, 'in SQLite after a SIGKILL').to.deep.equal(['before']);
      await b.store.save(id, note('after', 'written across the restart'));
      await waitUntil(async () => (await a.store.load(id)).length === 2, 'both reconnected by themselves and converged', { timeout: 15000 });
      await waitUntil(async () => (await stored(id))?.ids.length === 2, 'stored', { timeout: 8000 });
    } finally {
      a.shared.destroy();
      b.shared.destroy();
    }
  });
});
