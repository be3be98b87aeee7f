import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/**
 * Where a shared document stands, as a reader should be told: `offline` (kept on this device, synced when the
 * server is reachable again), `connecting`, `synced` (the server has everything), `syncing` (changes on their way)
 * or `refused` (the server did not accept the token: nothing is shared until the page gives a valid one).
 */
export type SharedStatus = 'offline' | 'connecting' | 'syncing' | 'synced' | 'refused';

/** The reader a page's login stands for: who writes, named as each annotation's creator. */
export interface SharedReader {
  id: string;
  name?: string;
  /** What the publisher's login says this reader may do (the server decides): a moderator may hide any annotation. */
  role?: 'reader' | 'moderator';
}

export interface SharedOptions {
  /** The Hocuspocus server, `ws://…` or `wss://…`. */
  url: string;
  /** The reader's token from the publisher's own login (never a password); a function is asked on each connect. */
  token: string | (() => string | Promise<string>);
  /** Keep each document in IndexedDB too, so a reader can annotate offline and merge on reconnect (default true). */
  offline?: boolean;
  /**
   * Who this reader is (as the token says). When the server refuses a change (another reader's annotation
   * edited or deleted, a hiding by a reader who is not a moderator), the document on this device is put back to
   * the server's for everything but this reader's own annotations, and synced again.
   */
  reader?: SharedReader;
  /** How long a refused change stays the status, in milliseconds (default 8,000), so a reader can read why. */
  refusalShownFor?: number;
}

/** The first creator's id of an annotation kept as JSON text. */
function creatorOf(json: string | undefined): string | undefined {
  if (json === undefined) return undefined;
  try {
    const creator = (JSON.parse(json) as { creator?: unknown }).creator;
    const first = (Array.isArray(creator) ? creator[0] : creator) as string | { id?: unknown } | undefined;
    return typeof first === 'string' ? first : typeof first?.id === 'string' ? first.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Puts `local` back to `server` wherever it differs and the difference is not `reader`'s own annotation: what the
 * server refused is undone by new changes that restore the server's values (which the server accepts), and the
 * reader's own work stays.
 */
export function repairFrom(local: Y.Doc, server: Y.Doc, reader?: SharedReader) {
  const mine = (json: string | undefined) => reader !== undefined && json !== undefined && creatorOf(json) === reader.id;
  local.transact(() => {
    const here = local.getMap<string>('annotations');
    const there = server.getMap<string>('annotations');
    const order = local.getArray<string>('order');
    const listed = new Set(order.toArray());
    for (const id of new Set([...here.keys(), ...there.keys()])) {
      const was = there.get(id);
      const is = here.get(id);
      if (is === was || (mine(is) && (was === undefined || mine(was)))) continue;
      if (was === undefined) here.delete(id);
      else here.set(id, was);
      if (was !== undefined && !listed.has(id)) order.push([id]);
    }
    // Moderators' acts the server lacks were refused: taken out (each is this reader's own item, so no one else's
    // act is touched).
    const acts = local.getArray<unknown>('hidden');
    const kept = new Map<string, number>();
    for (const act of server.getArray<unknown>('hidden').toArray()) kept.set(JSON.stringify(act), (kept.get(JSON.stringify(act)) ?? 0) + 1);
    const refused: number[] = [];
    acts.toArray().forEach((act, i) => {
      const key = JSON.stringify(act);
      const left = kept.get(key) ?? 0;
      if (left > 0) kept.set(key, left - 1);
      else refused.push(i);
    });
    for (const i of refused.reverse()) acts.delete(i, 1);
  }, 'repair');
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
  type Entry = { doc: Y.Doc; provider: HocuspocusProvider; local?: IndexeddbPersistence; status: SharedStatus; reason?: string; heldUntil: number };
  const hold = options.refusalShownFor ?? 8000;
  const open = new Map<string, Entry>();
  const listeners = new Set<(documentId: string, status: SharedStatus, reason?: string) => void>();
  const set = (documentId: string, status: SharedStatus, reason?: string) => {
    const entry = open.get(documentId);
    if (!entry || (entry.status === status && entry.reason === reason)) return;
    // A refused change is shown for a while (the copy is put right and synced meanwhile); a refused token until
    // the server accepts one.
    if (entry.heldUntil > Date.now() && status !== 'refused') return;
    if (entry.status === 'refused' && !entry.heldUntil && status !== 'synced' && status !== 'refused') return;
    entry.status = status;
    entry.reason = reason;
    for (const listener of listeners) listener(documentId, status, reason);
  };
  const token = async () => (typeof options.token === 'function' ? options.token() : options.token);

  /** The server refused a change: read what it holds on a connection of its own, put this copy right, connect again. */
  async function repair(documentId: string, entry: Entry) {
    const server = new Y.Doc();
    const probe = new HocuspocusProvider({ url: options.url, name: documentId, document: server, token });
    try {
      await new Promise<void>((resolve, reject) => {
        probe.on('synced', () => resolve());
        probe.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(reason)));
      });
      if (open.get(documentId) !== entry) return;
      repairFrom(entry.doc, server, options.reader);
    } finally {
      probe.destroy();
      server.destroy();
    }
    if (open.get(documentId) !== entry) return;
    // The connection's socket stays open: authenticate this document on it again, and sync (what the provider
    // does itself when a socket opens).
    await entry.provider.sendToken();
    entry.provider.startSync();
  }

  function docFor(documentId: string): Y.Doc {
    const existing = open.get(documentId);
    if (existing) return existing.doc;
    const doc = new Y.Doc();
    // One copy per reader and document: two logins in one browser do not mix their unsynced work.
    const local = options.offline === false ? undefined : new IndexeddbPersistence(`essay-reader:shared:${options.reader?.id ?? ''}:${documentId}`, doc);
    let asked = 0;
    const confirm = () => {
      if (open.get(documentId)?.doc !== doc || !provider.isAuthenticated) return; // destroyed, or offline: asked again on reconnect
      set(documentId, 'syncing');
      provider.sendStateless(`essay-sync?${++asked}`);
    };
    const provider: HocuspocusProvider = new HocuspocusProvider({
      url: options.url,
      name: documentId,
      document: doc,
      token,
      onStatus: ({ status }) => set(documentId, status === 'connected' ? 'syncing' : status === 'connecting' ? 'connecting' : 'offline'),
      // The provider's own count of unacknowledged messages can reach zero while the reply to the server's first
      // sync step (everything written before the connection was up) is still being applied: `synced` is said only
      // once the server confirms it has every change of this copy.
      onSynced: () => (provider.hasUnsyncedChanges ? set(documentId, 'syncing') : confirm()),
      onUnsyncedChanges: ({ number }) => (number > 0 ? set(documentId, 'syncing') : provider.isSynced && confirm()),
      onStateless: ({ payload }) => {
        let reply: { essaySync?: unknown; stateVector?: unknown };
        try {
          reply = JSON.parse(payload);
        } catch {
          return;
        }
        if (reply.essaySync !== asked || typeof reply.stateVector !== 'string') return;
        const serverHas = Uint8Array.from(atob(reply.stateVector), (c) => c.charCodeAt(0));
        const missing = Y.decodeUpdate(Y.encodeStateAsUpdate(doc, serverHas)).structs.length;
        if (missing === 0 && !provider.hasUnsyncedChanges) set(documentId, 'synced');
        else if (missing) setTimeout(confirm, 200); // still on its way: ask again
      },
      onAuthenticationFailed: ({ reason }) => set(documentId, 'refused', reason),
      // The server closes a document's connection when it refuses a change, saying why (scripts/shared-server.mjs).
      onClose: ({ event }) => {
        if (!/^(forbidden|limit):/.test(event.reason ?? '')) return;
        const entry = open.get(documentId)!;
        entry.heldUntil = 0;
        set(documentId, 'refused', event.reason);
        entry.heldUntil = Date.now() + hold;
        setTimeout(() => {
          entry.heldUntil = 0;
          set(documentId, !provider.isSynced ? 'connecting' : provider.hasUnsyncedChanges ? 'syncing' : 'synced');
        }, hold);
        if (/^forbidden:/.test(event.reason)) void repair(documentId, entry).catch(() => {});
      },
    });
    const entry: Entry = { doc, provider, local, status: 'connecting', heldUntil: 0 };
    open.set(documentId, entry);
    return doc;
  }

  return {
    docFor,
    /** Where a document stands now (`connecting` until asked for). */
    status: (documentId: string): SharedStatus => open.get(documentId)?.status ?? 'connecting',
    /** Why the server refused the token or the last change of a document that is `refused`. */
    reason: (documentId: string): string | undefined => open.get(documentId)?.reason,
    /**
     * Calls `listener` whenever a document's status changes, with the server's reason when it is `refused`;
     * returns a function that stops it.
     */
    onStatus(listener: (documentId: string, status: SharedStatus, reason?: string) => void): () => void {
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
