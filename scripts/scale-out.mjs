// Scale-out for the shared server, as a deployment runs it: several server processes sharing documents through one
// Redis and keeping them in one PostgreSQL. For the tests, this starts a throwaway Redis and PostgreSQL on free
// ports (installing Debian's redis-server and postgresql when it runs as root and they are missing, as `npm test`
// does for the browsers), or uses SHARED_REDIS / SHARED_POSTGRES when they are set. Where neither can be had, it
// says what it skipped and why, in one line.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hiddenIds } from './shared-rules.mjs';

const serverScript = new URL('./shared-server.mjs', import.meta.url).pathname;

function onPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function aptInstall(pkg) {
  const root = process.getuid?.() === 0;
  if (!root || !onPath('apt-get')) return false;
  try {
    execFileSync('apt-get', ['install', '-y', '-q', pkg], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 300000 });
    return true;
  } catch {
    return false;
  }
}

function postgresBin(name) {
  const found = onPath(name);
  if (found) return found;
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().reverse() : [];
  for (const version of versions) if (existsSync(`/usr/lib/postgresql/${version}/bin/${name}`)) return `/usr/lib/postgresql/${version}/bin/${name}`;
  return null;
}

/** Waits until `command` (run every 200 ms) succeeds, up to `ms`. */
async function until(check, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`${what} did not start within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A Redis and a PostgreSQL for the scale-out test: `{ redis, postgres, stop }` (URLs), or `{ skipped }` saying why.
 */
export async function provideServices() {
  const children = [];
  const stop = () => children.forEach((child) => child.kill('SIGKILL'));
  let redis = process.env.SHARED_REDIS;
  let postgres = process.env.SHARED_POSTGRES;
  if (!redis) {
    const binary = onPath('redis-server') ?? (aptInstall('redis-server') ? onPath('redis-server') : null);
    if (!binary) return { skipped: 'redis-server is not installed and could not be (run as root with apt-get, or install redis-server, or set SHARED_REDIS)' };
    const port = await freePort();
    children.push(spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
    redis = `redis://127.0.0.1:${port}`;
    await until(
      () => execFileSync(onPath('redis-cli') ?? 'redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).includes('PONG'),
      10000,
      'redis-server',
    );
  }
  if (!postgres) {
    let initdb = postgresBin('initdb');
    if (!initdb && aptInstall('postgresql')) initdb = postgresBin('initdb');
    const server = postgresBin('postgres');
    if (!initdb || !server) {
      stop();
      return { skipped: 'PostgreSQL is not installed and could not be (run as root with apt-get, or install postgresql, or set SHARED_POSTGRES)' };
    }
    // PostgreSQL refuses to run as root: as root, it runs as the postgres user Debian's package makes.
    const root = process.getuid?.() === 0;
    const as = root ? ['runuser', '-u', 'postgres', '--'] : [];
    const directory = await mkdtemp(join(tmpdir(), 'essay-pg-'));
    if (root) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
      await chown(directory, uid, gid);
    }
    const data = join(directory, 'data');
    const run = (argv) =>
      as.length ? execFileSync(as[0], [...as.slice(1), ...argv], { stdio: 'ignore' }) : execFileSync(argv[0], argv.slice(1), { stdio: 'ignore' });
    run([initdb, '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    const port = await freePort();
    const argv = [server, '-D', data, '-p', String(port), '-k', directory, '-h', '127.0.0.1', '-c', 'fsync=off'];
    children.push(as.length ? spawn(as[0], [...as.slice(1), ...argv], { stdio: 'ignore' }) : spawn(argv[0], argv.slice(1), { stdio: 'ignore' }));
    postgres = `postgres://postgres@127.0.0.1:${port}/postgres`;
    // Through runuser, the server is a grandchild: pg_ctl stops it.
    const pgCtl = postgresBin('pg_ctl');
    children.push({
      kill: () =>
        pgCtl &&
        Promise.resolve()
          .then(() => run([pgCtl, '-D', data, 'stop', '-m', 'immediate']))
          .catch(() => {}),
    });
    const { default: pg } = await import('pg');
    await until(
      async () => {
        const client = new pg.Client({ connectionString: postgres });
        await client.connect();
        await client.end();
        return true;
      },
      20000,
      'PostgreSQL',
    );
  }
  return { redis, postgres, stop };
}

/** Starts one shared server process with Redis and PostgreSQL; resolves with it and its port. */
export async function startServerProcess({ redis, postgres, tokens, port = 0 }) {
  const directory = await mkdtemp(join(tmpdir(), 'essay-shared-'));
  const env = {
    ...process.env,
    PORT: String(port),
    SHARED_DIR: directory,
    SHARED_TOKENS: JSON.stringify(tokens),
    SHARED_THROTTLE: '100000',
    SHARED_REDIS: redis,
    SHARED_POSTGRES: postgres,
  };
  const child = spawn(process.execPath, [serverScript], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-20000)));
  const listening = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /ws:\/\/localhost:(\d+)/.exec(out);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`a shared server exited (${code}) before it listened: ${log}`)));
  });
  return { child, port: listening };
}

/** What PostgreSQL holds for a document: its annotation ids and hidden ids, or null. */
export async function storedInPostgres(postgres, name) {
  const { default: pg } = await import('pg');
  const Y = await import('yjs');
  const client = new pg.Client({ connectionString: postgres });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT data FROM essay_documents WHERE name = $1', [name]);
    if (!rows[0]?.data?.length) return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, rows[0].data);
    return { ids: [...doc.getMap('annotations').keys()].sort(), hidden: hiddenIds(doc) };
  } finally {
    await client.end();
  }
}

/**
 * web-test-runner plugin for the scale-out test, started on its first request:
 * - `/__scale/start`: Redis, PostgreSQL and two server processes → `{ ports }`, or `{ skipped }` with the reason;
 * - `/__scale/restart`: every server process killed (SIGKILL) and started again on its port → `{ ports }`;
 * - `/__scale/stored/{name}`: what PostgreSQL holds for a document.
 */
export function scaleOutPlugin({ tokens }) {
  let services;
  let servers = [];
  let started;
  // Both browsers run the test at once: one start, and restarts one after the other, on the same ports.
  let queue = Promise.resolve();
  const start = async () => {
    services = await provideServices().catch((error) => ({ skipped: `Redis or PostgreSQL failed to start: ${error.message}` }));
    if (services.skipped) {
      console.log(`scale-out test skipped: ${services.skipped}`);
      return { skipped: services.skipped };
    }
    servers = await Promise.all([0, 1].map(() => startServerProcess({ ...services, tokens })));
    return { ports: servers.map((s) => s.port) };
  };
  const restart = async () => {
    const ports = servers.map((s) => s.port);
    await Promise.all(servers.map((s) => new Promise((resolve) => (s.child.once('exit', resolve), s.child.kill('SIGKILL')))));
    servers = await Promise.all(ports.map((port) => startServerProcess({ ...services, tokens, port })));
    return { ports };
  };
  return {
    name: 'scale-out',
    async serverStop() {
      servers.forEach((s) => s.child.kill('SIGKILL'));
      services?.stop?.();
    },
    async serve(context) {
      if (context.path === '/__scale/start') return { body: JSON.stringify(await (started ??= start())), type: 'json' };
      if (context.path === '/__scale/restart') {
        const done = (queue = queue.then(restart));
        return { body: JSON.stringify(await done), type: 'json' };
      }
      if (context.path.startsWith('/__scale/stored/')) {
        const name = decodeURIComponent(context.path.slice('/__scale/stored/'.length));
        return { body: JSON.stringify(await storedInPostgres(services.postgres, name)), type: 'json' };
      }
    },
  };
}
