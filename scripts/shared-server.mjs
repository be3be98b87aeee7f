// The shared-annotations server (issue 14, first part): Hocuspocus relaying each essay document's Yjs document
// between readers, refusing connections whose token it does not know, and keeping every document's state in a
// file of its own (one Yjs state per document, written after changes settle). `npm run serve:shared` runs it;
// the browser tests start one on a free port (scripts/shared-server-plugin in web-test-runner.config.mjs).
//
// Not yet here: SQLite (@hocuspocus/extension-sqlite builds better-sqlite3 natively, and npm here runs no install
// scripts not approved), Redis and PostgreSQL for several processes, roles and per-annotation write rules.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Server } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';

/**
 * Starts a server. `tokens` maps each token a page may present to the reader it stands for (the publisher's own
 * login issues them); any other token is refused.
 * @returns the server (its `address.port`, and `destroy()` to stop it).
 */
export async function startSharedServer({ port = 1234, directory = '.shared-annotations', tokens = {}, quiet = false } = {}) {
  await mkdir(directory, { recursive: true });
  const file = (name) => join(directory, `${encodeURIComponent(name)}.yjs`);
  const server = new Server({
    port,
    quiet,
    stopOnSignals: false,
    async onAuthenticate({ token, documentName }) {
      const reader = Object.hasOwn(tokens, token) ? tokens[token] : undefined;
      if (!reader) throw new Error(`shared server: refused a connection to ${documentName}: unknown token`);
      return { reader };
    },
    extensions: [
      new Database({
        fetch: async ({ documentName }) => readFile(file(documentName)).catch((error) => (error.code === 'ENOENT' ? null : Promise.reject(error))),
        store: async ({ documentName, state }) => writeFile(file(documentName), state),
      }),
    ],
  });
  await server.listen(port);
  return server;
}

// `node scripts/shared-server.mjs`: a local server for the demo, with two readers' tokens.
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 1234);
  const server = await startSharedServer({ port, tokens: { 'reader-a': { name: 'Reader A' }, 'reader-b': { name: 'Reader B' } } });
  console.log(`shared annotations on ws://localhost:${server.address.port} (tokens: reader-a, reader-b); Ctrl-C stops it`);
  process.on('SIGINT', () => void server.destroy().then(() => process.exit(0)));
}

/**
 * web-test-runner plugin: one shared server for the test run, on a free port, with a throwaway directory; the
 * tests read its port from /__shared/port.
 */
export function sharedServerPlugin({ tokens }) {
  let server;
  let directory;
  return {
    name: 'shared-server',
    async serverStart() {
      const { mkdtemp } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      directory = await mkdtemp(join(tmpdir(), 'essay-shared-'));
      server = await startSharedServer({ port: 0, directory, tokens, quiet: true });
    },
    async serverStop() {
      await server?.destroy();
    },
    async serve(context) {
      if (context.path === '/__shared/port') return { body: String(server.address.port), type: 'txt' };
      // Whether the server has written a document's state to its file (/__shared/stored/{name}).
      if (context.path.startsWith('/__shared/stored/')) {
        const name = decodeURIComponent(context.path.slice('/__shared/stored/'.length));
        const stored = await readFile(join(directory, `${encodeURIComponent(name)}.yjs`)).then(
          () => 'yes',
          () => 'no',
        );
        return { body: stored, type: 'txt' };
      }
    },
  };
}
