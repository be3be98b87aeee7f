// src/shared/documents.ts
import { HocuspocusProvider } from "@hocuspocus/provider";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
function creatorOf(json) {
  if (json === void 0) return void 0;
  try {
    const creator = JSON.parse(json).creator;
    const first = Array.isArray(creator) ? creator[0] : creator;
    return typeof first === "string" ? first : typeof first?.id === "string" ? first.id : void 0;
  } catch {
    return void 0;
  }
}
function repairFrom(local, server, reader) {
  const mine = (json) => reader !== void 0 && json !== void 0 && creatorOf(json) === reader.id;
  local.transact(() => {
    const here = local.getMap("annotations");
    const there = server.getMap("annotations");
    const order = local.getArray("order");
    const listed = new Set(order.toArray());
    for (const id of /* @__PURE__ */ new Set([...here.keys(), ...there.keys()])) {
      const was = there.get(id);
      const is = here.get(id);
      if (is === was || mine(is) && (was === void 0 || mine(was))) continue;
      if (was === void 0) here.delete(id);
      else here.set(id, was);
      if (was !== void 0 && !listed.has(id)) order.push([id]);
    }
    const hidden = local.getMap("hidden");
    const marks = server.getMap("hidden");
    for (const id of /* @__PURE__ */ new Set([...hidden.keys(), ...marks.keys()])) {
      if (JSON.stringify(hidden.get(id)) === JSON.stringify(marks.get(id))) continue;
      if (marks.has(id)) hidden.set(id, marks.get(id));
      else hidden.delete(id);
    }
  }, "repair");
}
function sharedDocuments(options) {
  if (typeof options?.url !== "string" || !/^wss?:\/\//.test(options.url)) {
    throw new TypeError(`sharedDocuments: url: expected a ws:// or wss:// address, got ${JSON.stringify(options?.url)}`);
  }
  const open = /* @__PURE__ */ new Map();
  const listeners = /* @__PURE__ */ new Set();
  const set = (documentId, status, reason) => {
    const entry = open.get(documentId);
    if (!entry || entry.status === status && entry.reason === reason || entry.status === "refused" && status !== "synced" && status !== "refused") return;
    entry.status = status;
    entry.reason = reason;
    for (const listener of listeners) listener(documentId, status, reason);
  };
  const token = async () => typeof options.token === "function" ? options.token() : options.token;
  async function repair(documentId, entry) {
    const server = new Y.Doc();
    const probe = new HocuspocusProvider({ url: options.url, name: documentId, document: server, token });
    try {
      await new Promise((resolve, reject) => {
        probe.on("synced", () => resolve());
        probe.on("authenticationFailed", ({ reason }) => reject(new Error(reason)));
      });
      if (open.get(documentId) !== entry) return;
      repairFrom(entry.doc, server, options.reader);
    } finally {
      probe.destroy();
      server.destroy();
    }
    if (open.get(documentId) !== entry) return;
    await entry.provider.sendToken();
    entry.provider.startSync();
  }
  function docFor(documentId) {
    const existing = open.get(documentId);
    if (existing) return existing.doc;
    const doc = new Y.Doc();
    const local = options.offline === false ? void 0 : new IndexeddbPersistence(`essay-reader:shared:${documentId}`, doc);
    const provider = new HocuspocusProvider({
      url: options.url,
      name: documentId,
      document: doc,
      token,
      onStatus: ({ status }) => set(documentId, status === "connected" ? "syncing" : status === "connecting" ? "connecting" : "offline"),
      onSynced: () => set(documentId, provider.hasUnsyncedChanges ? "syncing" : "synced"),
      onUnsyncedChanges: ({ number }) => set(documentId, number > 0 ? "syncing" : "synced"),
      onAuthenticationFailed: ({ reason }) => set(documentId, "refused", reason),
      // The server closes a document's connection when it refuses a change, saying why (scripts/shared-server.mjs).
      onClose: ({ event }) => {
        if (!/^(forbidden|limit):/.test(event.reason ?? "")) return;
        set(documentId, "refused", event.reason);
        const entry2 = open.get(documentId);
        if (/^forbidden:/.test(event.reason)) void repair(documentId, entry2).catch(() => {
        });
      }
    });
    const entry = { doc, provider, local, status: "connecting" };
    open.set(documentId, entry);
    return doc;
  }
  return {
    docFor,
    /** Where a document stands now (`connecting` until asked for). */
    status: (documentId) => open.get(documentId)?.status ?? "connecting",
    /** Why the server refused the token or the last change of a document that is `refused`. */
    reason: (documentId) => open.get(documentId)?.reason,
    /**
     * Calls `listener` whenever a document's status changes, with the server's reason when it is `refused`;
     * returns a function that stops it.
     */
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Resolves when a document's copy on this device has loaded (at once without `offline`, or before `docFor`). */
    loaded: (documentId) => open.get(documentId)?.local?.whenSynced.then(() => void 0) ?? Promise.resolve(),
    /** Disconnects every document (their copies on this device stay). */
    destroy() {
      for (const { provider, local, doc } of open.values()) {
        provider.destroy();
        void local?.destroy();
        doc.destroy();
      }
      open.clear();
      listeners.clear();
    }
  };
}
export {
  repairFrom,
  sharedDocuments
};
