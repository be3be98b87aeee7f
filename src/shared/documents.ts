import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { creatorIdOf, type Annotation } from '../core/index.js';

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

/** How long a document waits after the server said it sent too much, before it syncs again (ms). */
const LIMIT_PAUSE = 2000;

/** The first creator's id of an annotation kept as JSON text. */
function creatorOf(json: string | undefined): string | undefined {
  if (json === undefined) return undefined;
  try {
    return creatorIdOf(JSON.parse(json) as Annotation);
  } catch {
    return undefined;
  }
}

/**
 * A new copy of a document after the server refused a change of `local`: what the server holds (`server`), with
 * the reader's own work that the server has not got yet written on top (their annotations created, edited or
 * deleted; a moderator's acts). Nothing else of `local` is carried over: the refused change is gone, rather than
 * taken back by new writes, which in Yjs could shadow another reader's concurrent change.
 */
export function rebuiltFrom(local: Y.Doc, server: Y.Doc, reader?: SharedReader): Y.Doc {
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
  const mine = (json: string | undefined) => reader !== undefined && json !== undefined && creatorOf(json) === reader.id;
  fresh.transact(() => {
    const here = local.getMap<string>('annotations');
    const there = fresh.getMap<string>('annotations');
    const order = fresh.getArray<string>('order');
    for (const id of new Set([...here.keys(), ...there.keys()])) {
      const is = here.get(id);
      const was = there.get(id);
      if (is === was || !mine(is ?? was) || (was !== undefined && !mine(was))) continue;
      if (is === undefined) {
        there.delete(id);
        const ids = order.toArray();
        for (let i = ids.length - 1; i >= 0; i--) if (ids[i] === id) order.delete(i, 1);
      } else {
        if (was === undefined) order.push([id]);
        there.set(id, is);
      }
    }
    if (reader?.role === 'moderator') {
      const kept = new Map<string, number>();
      for (const act of server.getArray<unknown>('hidden').toArray()) kept.set(JSON.stringify(act), (kept.get(JSON.stringify(act)) ?? 0) + 1);
      for (const act of local.getArray<unknown>('hidden').toArray()) {
        const key = JSON.stringify(act);
        const left = kept.get(key) ?? 0;
        if (left > 0) kept.set(key, left - 1);
        else fresh.getArray<unknown>('hidden').push([act]);
      }
    }
  });
  return fresh;
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
  type Entry = {
    doc: Y.Doc;
    provider: HocuspocusProvider;
    local?: IndexeddbPersistence;
    status: SharedStatus;
    reason?: string;
    heldUntil: number;
    /** Asks the server whether it has every change of this copy; says `synced` when it has. */
    confirm(): void;
  };
  const hold = options.refusalShownFor ?? 8000;
  const open = new Map<string, Entry>();
  const listeners = new Set<(documentId: string, status: SharedStatus, reason?: string) => void>();
  const replacedListeners = new Set<(documentId: string) => void>();
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

  /**
   * The server refused a change: read what it holds on a connection of its own, and replace this copy (its Y.Doc,
   * its connection and its copy on the device) with a new one built from that and the reader's own unsynced work.
   */
  async function repair(documentId: string, entry: Entry) {
    const server = new Y.Doc();
    const probe = new HocuspocusProvider({ url: options.url, name: documentId, document: server, token });
    let fresh: Y.Doc;
    try {
      await new Promise<void>((resolve, reject) => {
        probe.on('synced', () => resolve());
        probe.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(reason)));
      });
      if (open.get(documentId) !== entry) return;
      fresh = rebuiltFrom(entry.doc, server, options.reader);
    } finally {
      probe.destroy();
      server.destroy();
    }
    if (open.get(documentId) !== entry) return;
    entry.provider.destroy();
    // The device's copy holds the refused change too: it goes, and the new copy is kept instead.
    if (entry.local) await entry.local.clearData();
    if (open.get(documentId) !== entry) return;
    open.delete(documentId);
    connect(documentId, fresh, entry);
    for (const listener of replacedListeners) listener(documentId);
    entry.doc.destroy();
  }

  /** Authenticates a document again on its connection's socket, which stays open, and syncs (what the provider does when a socket opens). */
  async function resume(documentId: string, entry: Entry) {
    if (open.get(documentId) !== entry) return;
    await entry.provider.sendToken();
    entry.provider.startSync();
  }

  function docFor(documentId: string): Y.Doc {
    return (open.get(documentId) ?? connect(documentId, new Y.Doc())).doc;
  }

  /** Connects `doc` as the copy of a document: kept on the device, synced with the server (`was`: the copy it replaces). */
  function connect(documentId: string, doc: Y.Doc, was?: Entry): Entry {
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
          // The copy may have been replaced meanwhile (repair): the one there now says where it stands.
          const now = open.get(documentId);
          if (!now) return;
          now.heldUntil = 0;
          if (now.provider.isSynced && !now.provider.hasUnsyncedChanges) now.confirm();
          else set(documentId, now.provider.isSynced ? 'syncing' : 'connecting');
        }, hold);
        if (/^forbidden:/.test(event.reason)) void repair(documentId, entry).catch(() => {});
        // Too much at once (messages a second): back after a pause, when the server takes it all in one sync.
        else setTimeout(() => void resume(documentId, entry), LIMIT_PAUSE);
      },
    });
    const entry: Entry = { doc, provider, local, status: was?.status ?? 'connecting', reason: was?.reason, heldUntil: was?.heldUntil ?? 0, confirm };
    open.set(documentId, entry);
    return entry;
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
    /**
     * Calls `listener` when a document's Y.Doc was replaced (after the server refused a change, see
     * {@link rebuiltFrom}): `docFor` gives the new one. `YjsStore` follows it.
     */
    onReplaced(listener: (documentId: string) => void): () => void {
      replacedListeners.add(listener);
      return () => replacedListeners.delete(listener);
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
      replacedListeners.clear();
    },
  };
}
