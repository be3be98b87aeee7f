// The shared-annotations rows of `npm run bench` (issue 14), on localhost against a real shared server in a
// process of its own (Hocuspocus with SQLite, run with --expose-gc so its heap can be read after a collection):
// - a note created and shared in one browser until its card is laid out in another's (two browser contexts, the
//   demo in shared mode in each): median and p95;
// - initial sync of a document of 10,000 annotations into a new browser context;
// - the server's heap for that document once open.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { DEMO_TOKENS } from '../scripts/shared-server.mjs';
import { judgeUpdate } from '../scripts/shared-rules.mjs';

async function startServer() {
  const directory = mkdtempSync(join(tmpdir(), 'essay-bench-shared-'));
  const env = { ...process.env, PORT: '0', SHARED_DIR: directory, SHARED_TOKENS: JSON.stringify(DEMO_TOKENS), SHARED_THROTTLE: '100000', SHARED_MEMORY: '1' };
  const child = spawn(process.execPath, ['--expose-gc', new URL('../scripts/shared-server.mjs', import.meta.url).pathname], {
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /ws:\/\/localhost:(\d+)/.exec(out);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`the shared server exited (${code})`)));
  });
  return { port, stop: () => child.kill('SIGKILL') };
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/**
 * The server's judgement of one update (who may do what) beside `count` annotations, in this process: the first
 * builds the judge's copy of the document, the rest reuse it.
 */
function judgeRow(count, runs = 21) {
  const doc = new Y.Doc();
  const map = doc.getMap('annotations');
  const order = doc.getArray('order');
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const id = `a${i}`;
      map.set(
        id,
        JSON.stringify({
          id,
          creator: { id: 'reader-a' },
          body: [{ type: 'TextualBody', value: `Note ${i} on the passage` }],
          target: {
            source: 'essay',
            selector: [
              { type: 'TextQuoteSelector', exact: 'space between the words' },
              { type: 'TextPositionSelector', start: i, end: i + 23 },
            ],
          },
        }),
      );
      order.push([id]);
    }
  });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const times = [];
  for (let run = 0; run < runs; run++) {
    const before = Y.encodeStateVector(client);
    client.getMap('annotations').set(`b${run}`, JSON.stringify({ id: `b${run}`, creator: { id: 'reader-b' }, body: 'a reply' }));
    const update = Y.encodeStateAsUpdate(client, before);
    const at = performance.now();
    const refused = judgeUpdate(doc, update, { id: 'reader-b' });
    times.push(performance.now() - at);
    if (refused) throw new Error(`bench: the judge refused an honest update: ${refused}`);
    Y.applyUpdate(doc, update);
  }
  const first = times[0];
  return {
    case: `the server judging one update (who may do what) beside ${count.toLocaleString('en')} annotations`,
    essay: '—',
    ours: quantile(times.slice(1), 0.5),
    others: {},
    note: `median of ${runs - 1}; the first, which copies the document, ${Math.round(first)} ms (each update took that long when every judgement copied it)`,
    ok: true,
  };
}

/** @returns rows in the margin table's shape */
export async function sharedRows(browser, benchPort, { runs = 20, count = 10_000 } = {}) {
  const server = await startServer();
  const rows = [];
  try {
    const ws = `ws://localhost:${server.port}`;
    const doc = `bench-${Date.now()}`;
    // Two readers, each in a browser context of their own, the demo page in shared mode.
    const open = async (token) => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1400, height: 900 });
      await page.goto(`http://127.0.0.1:${benchPort}/demo/with.html?reader=${token}&server=${encodeURIComponent(ws)}&doc=${doc}`);
      await page.waitForFunction(() => document.querySelector('essay-reader')?.shadowRoot?.querySelector('[part="store-status"]')?.dataset.state === 'synced', {
        timeout: 30_000,
      });
      return { context, page };
    };
    console.error('  shared: create in one browser until laid out in the other');
    const a = await open('reader-a');
    const b = await open('reader-b');
    const latencies = [];
    for (let run = 0; run < runs + 1; run++) {
      const id = `urn:uuid:bench-${run}-${Date.now()}`;
      const seen = b.page.evaluate(
        (id) =>
          new Promise((resolve) => {
            const reader = document.querySelector('essay-reader');
            const poll = () => {
              const card = reader.shadowRoot.querySelector(`essay-annotation-card[data-id="${CSS.escape(id)}"]`);
              if (card && ['margin', 'popover'].includes(card.getAttribute('layout') ?? '') && card.getBoundingClientRect().height > 0)
                resolve(performance.timeOrigin + performance.now());
              else requestAnimationFrame(poll);
            };
            poll();
          }),
        id,
      );
      const started = await a.page.evaluate(async (id) => {
        const reader = document.querySelector('essay-reader');
        const at = performance.timeOrigin + performance.now();
        await reader.addAnnotation({
          id,
          type: 'Annotation',
          motivation: 'commenting',
          body: [{ type: 'TextualBody', value: 'A note to time', purpose: 'commenting' }],
          target: { source: reader.documentId, selector: [{ type: 'TextQuoteSelector', exact: 'endless space between the words' }] },
        });
        await reader.store.share(reader.documentId, id, true);
        return at;
      }, id);
      const arrived = await seen;
      if (run > 0) latencies.push(arrived - started); // the first is a warm-up
    }
    rows.push({
      case: 'a note created and shared in one browser until its card is laid out in another (localhost)',
      essay: 'the demo',
      ours: quantile(latencies, 0.5),
      others: {},
      note: `median of ${runs}; p95 ${Math.round(quantile(latencies, 0.95))} ms; two browser contexts, the demo in shared mode`,
      ok: latencies.length === runs,
    });
    await a.context.close();
    await b.context.close();

    console.error(`  shared: initial sync of ${count.toLocaleString('en')} annotations`);
    const big = `bench-big-${Date.now()}`;
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${benchPort}/shared.html`);
    await page.waitForFunction(() => window.sharedBench);
    const before = await (await fetch(`http://127.0.0.1:${server.port}/__memory`)).json();
    // Written by reader A (in batches, as an import is), then read by a new context from scratch.
    await page.evaluate(
      async (ws, big, count) => {
        const { sharedDocuments, YjsStore } = window.sharedBench;
        const reader = { id: 'reader-a', name: 'Reader A' };
        const shared = sharedDocuments({ url: ws, token: 'reader-a', reader, offline: false });
        const store = new YjsStore(shared.docFor, { reader });
        shared.docFor(big);
        for (let from = 0; from < count; from += 1000) {
          await store.saveMany(
            big,
            Array.from({ length: 1000 }, (_, i) => ({
              id: `urn:uuid:big-${from + i}`,
              type: 'Annotation',
              motivation: 'commenting',
              body: [{ type: 'TextualBody', value: `Note ${from + i} on the passage`, purpose: 'commenting' }],
              target: {
                source: big,
                selector: [
                  { type: 'TextQuoteSelector', exact: 'space between the words', prefix: 'endless ', suffix: ' that' },
                  { type: 'TextPositionSelector', start: from + i, end: from + i + 23 },
                ],
              },
            })),
          );
        }
        await new Promise((resolve) => {
          const check = () => (shared.status(big) === 'synced' ? resolve() : setTimeout(check, 50));
          check();
        });
        shared.destroy();
      },
      ws,
      big,
      count,
    );
    await context.close();
    const fresh = await browser.createBrowserContext();
    const reader = await fresh.newPage();
    await reader.goto(`http://127.0.0.1:${benchPort}/shared.html`);
    await reader.waitForFunction(() => window.sharedBench);
    const sync = await reader.evaluate(
      async (ws, big, count) => {
        const { sharedDocuments, YjsStore } = window.sharedBench;
        const at = performance.now();
        const shared = sharedDocuments({ url: ws, token: 'reader-b', offline: false });
        const store = new YjsStore(shared.docFor);
        shared.docFor(big);
        await new Promise((resolve) => {
          const check = () => (shared.status(big) === 'synced' ? resolve() : setTimeout(check, 5));
          check();
        });
        const loaded = (await store.load(big)).length;
        const ms = performance.now() - at;
        return { ms, loaded, count };
      },
      ws,
      big,
      count,
    );
    const after = await (await fetch(`http://127.0.0.1:${server.port}/__memory`)).json();
    await fresh.close();
    rows.push({
      case: `initial sync of a document of ${count.toLocaleString('en')} annotations into a new browser (localhost), until loaded`,
      essay: '—',
      ours: sync.ms,
      others: {},
      note: `${sync.loaded} loaded`,
      ok: sync.loaded === count,
    });
    rows.push({
      case: `the server's heap for one open document of ${count.toLocaleString('en')} annotations (after a full collection)`,
      essay: '—',
      ours: NaN,
      others: {},
      note: `${((after.heapUsed - before.heapUsed) / 1048576).toFixed(1)} MB more heap with it open (${after.documents} document(s) open); process RSS ${(after.rss / 1048576).toFixed(0)} MB`,
      ok: after.documents >= 1,
      figure: `${((after.heapUsed - before.heapUsed) / 1048576).toFixed(1)} MB`,
    });
  } finally {
    server.stop();
  }
  rows.push(judgeRow(count));
  return rows;
}
