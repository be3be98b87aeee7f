// The shared-annotations server (issue 14): Hocuspocus relaying each essay document's Yjs document between
// readers, with
// - identity from the publisher's tokens: each token stands for a reader ({ id, name, role: 'reader' |
//   'moderator' }); an unknown token is refused; with `publicRead`, a connection without a token reads only;
// - the rules of scripts/shared-rules.mjs judged on the server before each update is applied (a reader writes only
//   their own annotations; only moderators hide): a refused update is not applied or stored, and its connection is
//   closed with code 4403 and the reason, which the client reports;
// - limits: one annotation at most 256 kB of JSON, one message at most 32 MB (a reader back from a long time offline
//   sends everything at once), at most 60 messages a second per
//   connection, and new connections per address throttled (@hocuspocus/extension-throttle);
// - every document kept in SQLite (@hocuspocus/extension-sqlite), written as each change is applied, so that a
//   server killed and started again has everything it acknowledged;
// - beyond one machine: with `redis`, several server processes share each document's changes through Redis
//   (@hocuspocus/extension-redis), and with `postgres` every document is kept in PostgreSQL instead of SQLite
//   (table essay_documents: one row per document, its Yjs state merged with what is stored, never overwritten).
// `npm run serve:shared` runs it; the browser tests start one on a free port (sharedServerPlugin below).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Server } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Throttle } from '@hocuspocus/extension-throttle';
import { hiddenIds, judgeUpdate } from './shared-rules.mjs';

const FORBIDDEN = 4403;
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
const MESSAGES_PER_SECOND = 60;

/** A close code and reason for the client (WebSocket close reasons are at most 123 bytes). */
function refusal(code, reason) {
  let text = reason;
  while (new TextEncoder().encode(text).length > 123) text = text.slice(0, -2) + '…';
  return Object.assign(new Error(reason), { code, reason: text });
}

/**
 * Starts a server. `tokens` maps each token a page may present to the reader it stands for (the publisher's own
 * login issues them): `{ id, name, role }`, role `reader` (the default) or `moderator`; any other token is
 * refused, and no token at all reads only when `publicRead` is set.
 * @returns the server (its `address.port`, and `destroy()` to stop it).
 */
export async function startSharedServer({
  port = 1234,
  directory = '.shared-annotations',
  database = join(directory, 'annotations.sqlite'),
  tokens = {},
  publicRead = false,
  throttle = 120,
  redis,
  postgres,
  quiet = false,
} = {}) {
  await mkdir(directory, { recursive: true });
  const extensions = [new Throttle({ throttle, consideredSeconds: 60, banTime: 1 })];
  if (redis) {
    const { Redis } = await import('@hocuspocus/extension-redis');
    const { hostname, port: redisPort } = new URL(redis);
    extensions.push(new Redis({ host: hostname, port: Number(redisPort || 6379) }));
  }
  extensions.push(postgres ? await postgresStorage(postgres) : new SQLite({ database }));
  const budgets = new WeakMap();
  const server = new Server({
    port,
    quiet,
    stopOnSignals: false,
    // Stored as each change is applied: a server killed after acknowledging a change still has it.
    debounce: 0,
    maxDebounce: 0,
    async onAuthenticate({ token, documentName, connectionConfig }) {
      if (!token && publicRead) {
        connectionConfig.readOnly = true;
        return { reader: { id: 'anonymous', name: 'Anonymous', role: 'reader' } };
      }
      const reader = Object.hasOwn(tokens, token) ? tokens[token] : undefined;
      if (!reader) throw new Error(`shared server: refused a connection to ${documentName}: unknown token`);
      return { reader: { role: 'reader', ...reader, id: reader.id ?? token } };
    },
    async beforeHandleMessage({ update, connection, documentName }) {
      if (update.length > MAX_MESSAGE_BYTES)
        throw refusal(4413, `limit: a message of ${update.length} bytes to ${documentName} is over the limit of ${MAX_MESSAGE_BYTES}`);
      // A token bucket per connection: a second's worth of messages, refilled as time passes.
      const now = Date.now();
      const budget = budgets.get(connection) ?? { left: MESSAGES_PER_SECOND, at: now };
      budget.left = Math.min(MESSAGES_PER_SECOND, budget.left + ((now - budget.at) / 1000) * MESSAGES_PER_SECOND) - 1;
      budget.at = now;
      budgets.set(connection, budget);
      if (budget.left < 0) throw refusal(4429, `limit: more than ${MESSAGES_PER_SECOND} messages a second to ${documentName}`);
    },
    async beforeSync({ type, payload, document, connection, context }) {
      // Sync step 2 (1) and updates (2) carry changes; a read-only connection's are not applied anyway.
      if ((type !== 1 && type !== 2) || connection.readOnly) return;
      const why = judgeUpdate(document, payload, context.reader);
      if (why) throw refusal(FORBIDDEN, `forbidden: ${why}`);
    },
    extensions,
    // A client asks whether the server has everything it sent: messages of a connection are handled in order, so
    // when this one is, the ones before it are applied; the reply is the document's state vector, which the
    // client compares with its own (sharedDocuments says `synced` only then).
    async onStateless({ payload, document, connection }) {
      const asked = /^essay-sync\?(\d+)$/.exec(payload);
      if (!asked) return;
      const Y = await import('yjs');
      connection.sendStateless(JSON.stringify({ essaySync: Number(asked[1]), stateVector: Buffer.from(Y.encodeStateVector(document)).toString('base64') }));
    },
    // For the benchmark (SHARED_MEMORY=1, run with --expose-gc): the server's heap after a full collection.
    async onRequest({ request, response, instance }) {
      if (!process.env.SHARED_MEMORY || !request.url?.startsWith('/__memory')) return;
      globalThis.gc?.();
      response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      response.end(JSON.stringify({ ...process.memoryUsage(), documents: instance.getDocumentsCount() }));
      throw null; // handled: Hocuspocus stops here
    },
  });
  await server.listen(port);
  return server;
}

/**
 * Documents kept in PostgreSQL. Several servers may store one document at once (each its own merged state): what
 * is stored is merged with what is there, in a transaction that locks the row, so no server's store can drop
 * another's acknowledged changes.
 */
export const POSTGRES_SCHEMA = `CREATE TABLE IF NOT EXISTS essay_documents (
  name text PRIMARY KEY,
  data bytea NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
)`;

async function postgresStorage(connectionString) {
  const { default: pg } = await import('pg');
  const Y = await import('yjs');
  const pool = new pg.Pool({ connectionString, max: 4 });
  await pool.query(POSTGRES_SCHEMA);
  const storage = new Database({
    fetch: async ({ documentName }) => (await pool.query('SELECT data FROM essay_documents WHERE name = $1', [documentName])).rows[0]?.data ?? null,
    store: async ({ documentName, state }) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`INSERT INTO essay_documents (name, data) VALUES ($1, '\\x') ON CONFLICT (name) DO NOTHING`, [documentName]);
        const { rows } = await client.query('SELECT data FROM essay_documents WHERE name = $1 FOR UPDATE', [documentName]);
        const stored = rows[0]?.data;
        const merged = stored?.length ? Y.mergeUpdates([stored, state]) : state;
        await client.query('UPDATE essay_documents SET data = $2, updated_at = now() WHERE name = $1', [documentName, Buffer.from(merged)]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  });
  storage.onDestroy = () => pool.end();
  return storage;
}

/** The demo's readers: two readers and a moderator (a publisher's login would issue such tokens). */
export const DEMO_TOKENS = {
  'reader-a': { id: 'reader-a', name: 'Reader A', role: 'reader' },
  'reader-b': { id: 'reader-b', name: 'Reader B', role: 'reader' },
  moderator: { id: 'moderator', name: 'Moderator', role: 'moderator' },
};

// `node scripts/shared-server.mjs`: a local server for the demo, with the demo's tokens; PORT, SHARED_DIR and
// SHARED_TOKENS (JSON) change where it listens, what it keeps and whom it knows.
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 1234);
  const tokens = process.env.SHARED_TOKENS ? JSON.parse(process.env.SHARED_TOKENS) : DEMO_TOKENS;
  const throttle = process.env.SHARED_THROTTLE ? Number(process.env.SHARED_THROTTLE) : undefined;
  const server = await startSharedServer({
    port,
    directory: process.env.SHARED_DIR,
    tokens,
    publicRead: true,
    throttle,
    redis: process.env.SHARED_REDIS,
    postgres: process.env.SHARED_POSTGRES,
    quiet: !!process.env.SHARED_DIR,
  });
  console.log(`shared annotations on ws://localhost:${server.address.port} (tokens: ${Object.keys(tokens).join(', ')}); Ctrl-C stops it`);
  process.on('SIGINT', () => void server.destroy().then(() => process.exit(0)));
  process.on('SIGTERM', () => void server.destroy().then(() => process.exit(0)));
}

/**
 * web-test-runner plugin: one shared server for the test run, in a process of its own on a free port, with a
 * throwaway directory. The tests ask it, over the test server:
 * - `/__shared/port`: where it listens;
 * - `/__shared/stored/{name}`: what its SQLite file holds for a document (`{ ids, hidden }`, or `null`);
 * - `/__shared/kill`: kill it (SIGKILL, nothing flushed) and start it again on the same port.
 */
export function sharedServerPlugin({ tokens }) {
  let child;
  let port = 0;
  let directory;
  const start = async () => {
    const { spawn } = await import('node:child_process');
    // Every test connects from one address, both browsers at once: the per-address throttle is raised.
    const env = { ...process.env, PORT: String(port), SHARED_DIR: directory, SHARED_TOKENS: JSON.stringify(tokens), SHARED_THROTTLE: '100000' };
    // Its log (each refusal is logged) is shown only if it dies on its own.
    child = spawn(process.execPath, [new URL(import.meta.url).pathname], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-20000)));
    child.once('exit', (code, signal) => signal !== 'SIGKILL' && console.error(`the shared server exited (${code ?? signal}):\n${log}`));
    port = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const found = /ws:\/\/localhost:(\d+)/.exec(out);
        if (found) resolve(Number(found[1]));
      });
      child.once('exit', (code) => reject(new Error(`the shared server exited (${code}) before it listened: ${out}`)));
    });
  };
  return {
    name: 'shared-server',
    async serverStart() {
      const { mkdtemp } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      directory = await mkdtemp(join(tmpdir(), 'essay-shared-'));
      await start();
    },
    async serverStop() {
      child?.kill('SIGKILL');
    },
    async serve(context) {
      if (context.path === '/__shared/port') return { body: String(port), type: 'txt' };
      if (context.path === '/__shared/kill') {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
        await start();
        return { body: 'restarted', type: 'txt' };
      }
      if (context.path.startsWith('/__shared/stored/')) {
        const name = decodeURIComponent(context.path.slice('/__shared/stored/'.length));
        return { body: JSON.stringify(await storedDocument(join(directory, 'annotations.sqlite'), name)), type: 'json' };
      }
    },
  };
}

/** What a server's SQLite file holds for a document: its annotation ids and hidden ids, or null. */
async function storedDocument(database, name) {
  const { default: Sqlite } = await import('better-sqlite3');
  const Y = await import('yjs');
  const db = new Sqlite(database, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT data FROM "documents" WHERE name = ?').get(name);
    if (!row) return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, row.data);
    return { ids: [...doc.getMap('annotations').keys()].sort(), hidden: hiddenIds(doc) };
  } finally {
    db.close();
  }
}
