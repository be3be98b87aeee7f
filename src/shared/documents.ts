import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/**
 * Where a shared document stands, as a reader should be told: `offline` (kept on this device, synced when the
 * server is reachable again), `connecting`, `synced` (the server has everything), `syncing` (changes on their way)
 * or `refused` (the server did not accept the token: nothing is shared until the page gives a valid one).
 */
export type SharedStatus = 'offline' | 'connecting' | 'syncing' | 'synced' | 'refused';

export interface SharedOptions {
  /** The Hocuspocus server, `ws://…` or `wss://…`. */
  url: string;
  /** The reader's token from the publisher's own login (never a password); a function is asked on each connect. */
  token: string | (() => string | Promise<string>);
  /** Keep each document in IndexedDB too, so a reader can annotate offline and merge on reconnect (default true). */
  offline?: boolean;
}

/**
 * The Y.Docs of shared documents, one per essay document id, each kept on this device (y-indexeddb) and synced
 * through a Hocuspocus server: hand `docFor` to `YjsStore`.
 *
 * @example
 * const shared = sharedDocuments({ url: 'wss://annotations.example.com', token: () => session.token });
 * reader.store = new YjsStore(shared.docFor);
 * shared.onStatus((documentId, status) => (badge.textContent = status));
 */
export function sharedDocuments(options: SharedOptions) {
  if (typeof options?.url !== 'string' || !/^wss?:\/\//.test(options.url)) {
    throw new TypeError(`sharedDocuments: url: expected a ws:// or wss:// address, got ${JSON.stringify(options?.url)}`);
  }
  const open = new Map<string, { doc: Y.Doc; provider: HocuspocusProvider; local?: IndexeddbPersistence; status: SharedStatus }>();
  const listeners = new Set<(documentId: string, status: SharedStatus) => void>();
  const set = (documentId: string, status: SharedStatus) => {
    const entry = open.get(documentId);
    if (!entry || entry.status === status || (entry.status === 'refused' && status !== 'synced')) return;
    entry.status = status;
    for (const listener of listeners) listener(documentId, status);
  };

  function docFor(documentId: string): Y.Doc {
    const existing = open.get(documentId);
    if (existing) return existing.doc;
    const doc = new Y.Doc();
    const local = options.offline === false ? undefined : new IndexeddbPersistence(`essay-reader:shared:${documentId}`, doc);
    const provider = new HocuspocusProvider({
      url: options.url,
      name: documentId,
      document: doc,
      token: async () => (typeof options.token === 'function' ? options.token() : options.token),
      onStatus: ({ status }) => set(documentId, status === 'connected' ? 'syncing' : status === 'connecting' ? 'connecting' : 'offline'),
      onSynced: () => set(documentId, provider.hasUnsyncedChanges ? 'syncing' : 'synced'),
      onUnsyncedChanges: ({ number }) => set(documentId, number > 0 ? 'syncing' : 'synced'),
      onAuthenticationFailed: () => set(documentId, 'refused'),
    });
    open.set(documentId, { doc, provider, local, status: 'connecting' });
    return doc;
  }

  return {
    docFor,
    /** Where a document stands now (`connecting` until asked for). */
    status: (documentId: string): SharedStatus => open.get(documentId)?.status ?? 'connecting',
    /** Calls `listener` whenever a document's status changes; returns a function that stops it. */
    onStatus(listener: (documentId: string, status: SharedStatus) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Resolves when a document's copy on this device has loaded (at once without `offline`, or before `docFor`). */
    loaded: (documentId: string): Promise<void> => open.get(documentId)?.local?.whenSynced.then(() => undefined) ?? Promise.resolve(),
    /** Disconnects every document (their copies on this device stay). */
    destroy() {
      for (const { provider, local, doc } of open.values()) {
        provider.destroy();
        void local?.destroy();
        doc.destroy();
      }
      open.clear();
      listeners.clear();
    },
  };
}
