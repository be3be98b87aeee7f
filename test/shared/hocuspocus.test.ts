import { expect, waitUntil } from '@open-wc/testing';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { Annotation } from '../../src/core/index.js';
import { sharedDocuments, YjsStore } from '../../src/shared/index.js';

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
  return { doc, provider, failures, store: new YjsStore(() => doc) };
}

const note = (id: string, value: string): Annotation => ({
  id,
  type: 'Annotation',
  motivation: 'commenting',
  body: [{ type: 'TextualBody', value, purpose: 'commenting' }],
  target: { source: 'essay', selector: [{ type: 'TextQuoteSelector', exact: 'space between the words' }] },
});

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
    await waitUntil(async () => (await (await fetch(`/__shared/stored/${name}`)).text()) === 'yes', 'the server wrote it to its file', { timeout: 8000 });
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
    const store = new YjsStore(away.docFor);
    await store.save(id, note('offline', 'written on the train'));
    await away.loaded(id);
    await waitUntil(() => away.status(id) === 'offline', 'offline', { timeout: 8000 });
    away.destroy();
    // Later, online: the copy on the device comes back, and reaches the server, where another reader sees it.
    const back = sharedDocuments({ url: `ws://localhost:${await port()}`, token: 'reader-a' });
    const other = sharedDocuments({ url: `ws://localhost:${await port()}`, token: 'reader-b', offline: false });
    try {
      const mine = new YjsStore(back.docFor);
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

  it('refuses an address that is not a WebSocket server’s, saying what it needs', () => {
    expect(() => sharedDocuments({ url: 'http://example.com', token: 't' })).to.throw(TypeError, 'expected a ws:// or wss:// address');
  });
});
