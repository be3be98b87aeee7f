// `npm run bench`: runs the benchmark cases in headless Chromium (the browser `npm test` uses) and prints medians
// side by side with the peers measured in the same run. `--smoke` runs one tiny case (npm test does, so the
// harness cannot rot); `--readme` also writes the table into README.md. For finding where time goes:
// `--only=add|upgrade|import` with `--profile` (JavaScript) or `--trace` (the main thread by kind of work,
// layouts; `add` is adding, editing and deleting one annotation beside 1,000 notes), and `--probe=FILE` evaluates a script of your own in the bench page (after the add case's setup, or instead of the
// upgrade case).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, browserVersion, findBrowsers } from '../scripts/find-browsers.mjs';
import { brownParagraphs } from './corpus.mjs';
import { sharedRows } from './shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '.build');
const smoke = process.argv.includes('--smoke');
const writeReadme = process.argv.includes('--readme');

const sizes = process.argv
  .find((a) => a.startsWith('--sizes='))
  ?.slice(8)
  .split(',')
  .map(Number);
const config = smoke
  ? { sizes: [2_000], selectorCounts: [50], fuzzyQuotes: 20, describeRanges: 20, runs: 1, peerRuns: 1, peerSample: 3 }
  : { sizes: sizes ?? [20_000, 200_000], selectorCounts: [1_000, 10_000], fuzzyQuotes: 1_000, describeRanges: 1_000, runs: 5, peerRuns: 3, peerSample: 20 };
const marginConfig = smoke
  ? { paintWords: 2_000, paintCounts: [50], layoutNotes: 100, readerWords: 2_000, readerNotes: 20, runs: 1, importWords: 2_000, importCount: 50 }
  : {
      paintWords: 200_000,
      paintCounts: [1_000, 10_000],
      layoutNotes: 1_000,
      readerWords: 20_000,
      readerNotes: 1_000,
      runs: 5,
      importWords: 200_000,
      importCount: 10_000,
    };
const demoConfig = smoke ? { runs: 1 } : { runs: 5 };
const accuracyConfig = smoke ? { words: 8_000, passages: 20, editEvery: 200, seed: 9 } : { words: 120_000, passages: 1_000, editEvery: 200, seed: 9 };
const kinds = process.argv
  .find((a) => a.startsWith('--kinds='))
  ?.slice(8)
  .split(',');
if (kinds) accuracyConfig.kinds = kinds;
const seed = process.argv.find((a) => a.startsWith('--seed='))?.slice(7);
if (seed) accuracyConfig.seed = Number(seed);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

const PEERS = ['dom-anchor-text-quote', '@apache-annotator/dom', 'approx-string-match (Hypothesis)'];

async function main() {
  const { chrome } = findBrowsers(['chrome']);
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(here, 'page.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(out, 'page.js'),
    logLevel: 'error',
    tsconfig: join(here, '..', 'tsconfig.json'),
  });
  await build({
    entryPoints: [join(here, 'shared-page.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(out, 'shared-page.js'),
    logLevel: 'error',
    tsconfig: join(here, '..', 'tsconfig.json'),
  });
  writeFileSync(
    join(out, 'shared.html'),
    '<!doctype html><meta charset="utf-8"><title>shared bench</title><script type="module" src="shared-page.js"></script>',
  );
  writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="page.js"></script>');
  // The demo page as a site would serve it: its HTML, the library bundled, essay-reader.css linked (or not).
  await build({
    entryPoints: [join(here, '..', 'demo', 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(out, 'demo.js'),
    logLevel: 'error',
    tsconfig: join(here, '..', 'tsconfig.json'),
  });
  const demoHtml = readFileSync(join(here, '..', 'demo', 'index.html'), 'utf8').replace(
    /<script type="module" src="\.\/main\.ts"><\/script>/,
    '<script type="module" src="/demo.js"></script>',
  );
  if (!demoHtml.includes('/demo.js') || !demoHtml.includes('../essay-reader.css'))
    throw new Error('bench: demo/index.html no longer links main.ts and ../essay-reader.css as expected');
  const demoPages = {
    'demo/with.html': demoHtml,
    'demo/without.html': demoHtml.replace(/\s*<link rel="stylesheet" href="\.\.\/essay-reader\.css" \/>/, ''),
  };
  const server = createServer((request, response) => {
    const name = request.url === '/' ? 'index.html' : request.url.slice(1);
    if (name === 'favicon.ico') return response.writeHead(204).end();
    if (name === 'corpus.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify(brownParagraphs(accuracyConfig.words)));
    }
    const path = name.split('?')[0];
    if (demoPages[path]) return response.writeHead(200, { 'content-type': 'text/html' }).end(demoPages[path]);
    const files = {
      'index.html': join(out, 'index.html'),
      'page.js': join(out, 'page.js'),
      'demo.js': join(out, 'demo.js'),
      'shared.html': join(out, 'shared.html'),
      'shared-page.js': join(out, 'shared-page.js'),
      'essay-reader.css': join(here, '..', 'essay-reader.css'),
      'demo/demo.css': join(here, '..', 'demo', 'demo.css'),
    };
    if (!files[path]) return response.writeHead(404).end();
    const type = path.endsWith('.js') ? 'text/javascript' : path.endsWith('.css') ? 'text/css' : 'text/html';
    response.writeHead(200, { 'content-type': type });
    response.end(readFileSync(files[path]));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_ARGS, protocolTimeout: 3_600_000 });
  try {
    const openPage = async () => {
      const page = await browser.newPage();
      page.on('console', (message) => {
        if (!message.text().startsWith('Took ')) console.error(`  ${message.text()}`); // the peer's own timing log
      });
      page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page.waitForFunction(() => typeof window.runAnchoringBench === 'function');
      return page;
    };
    const page = await openPage();
    const accuracy = only && only !== 'accuracy' ? [] : await accuracyRows(page);
    const probe = process.argv.find((a) => a.startsWith('--probe='));
    if (only === 'add') {
      // Adding, editing and deleting one annotation beside 1,000 author notes, alone (with --profile or --trace,
      // where their time goes).
      const m = marginConfig;
      const addPage = await openPage();
      await addPage.evaluate((w, n) => window.margin.setupNotesReader(w, n), m.readerWords, m.readerNotes);
      if (probe) return console.log(await addPage.evaluate(readFileSync(probe.slice(8), 'utf8')));
      const runs = Number(process.env.RUNS ?? m.runs);
      const time = () => addPage.evaluate((r) => window.margin.timeAddAnnotation(r), runs);
      const diagnosing = process.argv.includes('--profile') || process.argv.includes('--trace');
      const changes = diagnosing ? await diagnosed(addPage, 3 * (runs + 1), time) : await withBusyTime(addPage, time);
      for (const row of changeRows(changes, runs, `${m.readerNotes} notes`, '')) console.log(`${row.case}: ${fmt(row.ours)} ms; ${row.note}`);
      return;
    }
    if (only === 'upgrade' && probe) {
      console.log(await page.evaluate(readFileSync(probe.slice(8), 'utf8')));
      return;
    }
    if (only === 'upgrade') {
      const row = await diagnosed(page, marginConfig.runs, () => upgradeRow(page));
      console.log(renderMargin([row], 'upgrade only'));
      return;
    }
    if (only === 'import') {
      console.log(renderMargin(await importRows(openPage), 'import only'));
      return;
    }
    const sharedCaption = (when) => `${when}; a Hocuspocus server with SQLite in a process of its own on localhost, Chromium contexts as readers`;
    if (only === 'shared') {
      console.log(renderMargin(await sharedRows(browser, server.address().port), sharedCaption('shared only')));
      return;
    }
    const rows = only && only !== 'anchoring' ? [] : await page.evaluate((cfg) => window.runAnchoringBench(cfg, (line) => console.log(line)), config);
    const margin = only && only !== 'margin' ? [] : await marginRows(openPage);
    const demo = only && only !== 'demo' ? [] : await demoRows(browser, server.address().port);
    const shared = only || smoke ? [] : await sharedRows(browser, server.address().port);
    const when = `${browserVersion(chrome)} headless, ${new Date().toISOString().slice(0, 10)}`;
    const table =
      (accuracy.length
        ? `${renderAccuracy(accuracy, `${when}; ${accuracyConfig.passages.toLocaleString('en')} passages of 2-60 words per kind in ${(accuracyConfig.words / 2000).toFixed(0)}k words of the Brown corpus (the other half supplies added words), one ordinary word edit per ${accuracyConfig.editEvery} words elsewhere; right = the span found and the revised passage overlap by half of each`)}\n`
        : '') +
      (rows.length
        ? render(
            rows,
            `${when}; ours: median of ${config.runs} runs after a warm-up; peers: median of ${config.peerRuns} runs on ${config.peerSample} items, scaled to the row's count`,
          )
        : '') +
      (margin.length
        ? `\n${renderMargin(margin, `${when}; medians of ${marginConfig.runs} runs after a warm-up; paint times run until the frame after painting; layouts counted by Chromium (Performance.getMetrics LayoutCount)`)}`
        : '') +
      (shared.length ? `\n${renderMargin(shared, sharedCaption(when))}` : '') +
      (demo.length
        ? `\n${renderDemo(demo, `${when}; the demo page served locally, ${demoConfig.runs} loads each, medians; CLS from Chromium's layout-shift entries until 1 s after the margin was laid out`)}`
        : '');
    console.log(table);
    const accuracyFailed = accuracy.filter((row) => row.ours.total === 0);
    const wrong = [
      ...accuracyFailed.map((row) => ({ case: `accuracy ${row.kind}` })),
      ...rows.filter((row) => row.correct !== row.count),
      ...margin.filter((row) => !row.ok),
      ...demo.filter((row) => !row.ok),
      ...shared.filter((row) => !row.ok),
    ];
    if (smoke) {
      const ok = rows.length > 0 && wrong.length === 0 && rows.every((row) => Number.isFinite(row.ours));
      console.log(ok ? 'bench smoke: every case ran and checked its results' : `bench smoke FAILED: ${wrong.map((r) => r.case).join('; ')}`);
      process.exitCode = ok ? 0 : 1;
      return;
    }
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', 'latest.json'), JSON.stringify({ config, rows }, null, 2));
    if (writeReadme) updateReadme(table);
  } finally {
    await browser.close();
    server.close();
  }
}

async function accuracyRows(page) {
  console.error('  accuracy on real edits of the Brown corpus');
  const paragraphs = await page.evaluate(async () => (await fetch('/corpus.json')).json());
  return page.evaluate((p, cfg) => window.runAccuracyBench(p, cfg, (line) => console.log(line)), paragraphs, accuracyConfig);
}

const pct = (n, total) => `${((100 * n) / Math.max(1, total)).toFixed(1)} %`;

function renderAccuracy(rows, caption) {
  const cell = (t) => `${pct(t.right, t.total)} / ${pct(t.orphaned, t.total)} / ${pct(t.wrong, t.total)}`;
  const lines = ['| revision | passages | ours: right / orphaned / wrong | Hypothesis-style: right / orphaned / wrong |', '| --- | --- | --- | --- |'];
  const sum = (key) => {
    const t = { right: 0, orphaned: 0, wrong: 0, total: 0 };
    for (const row of rows.filter((r) => r.kind !== 'deleted')) for (const k of Object.keys(t)) t[k] += row[key][k];
    return t;
  };
  for (const row of rows) {
    if (row.kind === 'deleted') continue;
    lines.push(`| ${row.kind} | ${row.ours.total} | ${cell(row.ours)} | ${cell(row.hypothesis)} |`);
  }
  const ours = sum('ours');
  const theirs = sum('hypothesis');
  lines.push(`| **all ten kinds** | ${ours.total} | **${cell(ours)}** | ${cell(theirs)} |`);
  const deleted = rows.find((r) => r.kind === 'deleted');
  if (deleted)
    lines.push(
      `| passage deleted (orphan is right) | ${deleted.ours.total} | orphaned ${pct(deleted.ours.orphaned, deleted.ours.total)} | orphaned ${pct(deleted.hypothesis.orphaned, deleted.hypothesis.total)} |`,
    );
  return `${lines.join('\n')}\n\n${caption}.\n`;
}

/** Margin rows, orchestrated from here because layout counts come from the DevTools protocol. */
async function marginRows(openPage) {
  const m = marginConfig;
  const rows = [];
  let label = '';
  for (const count of m.paintCounts) {
    console.error(`  paint ${count} highlights`);
    // Each painter in a page of its own: the peer keeps observers on what it annotated, and Chromium keeps
    // work for cleared highlights around for a while; neither should be charged to the next contestant.
    const paint = async (kind) => {
      console.error(`    ${kind}`);
      const page = await openPage();
      label = await page.evaluate((w) => window.margin.setupPaintDocument(w), m.paintWords);
      const result = await page.evaluate((k, c, r) => window.margin.timePaint(k, c, r), kind, count, m.runs);
      await page.close();
      return result;
    };
    const api = await paint('highlight-api');
    const marks = await paint('mark');
    const recogito = await paint('recogito');
    rows.push({
      case: `paint ${count.toLocaleString('en')} highlights, until the next frame`,
      essay: label,
      ours: api.ms,
      others: { '<mark> fallback (ours)': marks.ms, '@recogito/text-annotator': recogito.ms },
      note: `painted ${api.painted} / ${marks.painted} / ${recogito.painted}`,
      ok: api.painted === count && marks.painted === count,
    });
  }
  const page = await openPage();
  console.error(`  layout of ${m.layoutNotes} notes`);
  const layout = await page.evaluate((n, r) => window.margin.timeLayout(n, r * 10), m.layoutNotes, m.runs);
  rows.push({
    case: `layout of ${m.layoutNotes.toLocaleString('en')} notes (pure function, one active)`,
    essay: '',
    ours: layout.ms,
    others: {},
    note: `${layout.overlaps} overlaps`,
    ok: layout.overlaps === 0,
  });
  console.error(`  reader with ${m.readerNotes} notes`);
  const reader = await page.evaluate((w, n) => window.margin.setupNotesReader(w, n), m.readerWords, m.readerNotes);
  const measure = async (fn, width) => {
    const before = await page.metrics();
    const ms = await page.evaluate((f, w) => window.margin[f](w), fn, width);
    const after = await page.metrics();
    return { ms, layouts: after.LayoutCount - before.LayoutCount };
  };
  const ours = [];
  const naive = [];
  for (let run = 0; run <= m.runs; run++) {
    const o = await measure('timeRelayout', run % 2 ? 1400 : 1300);
    const n = await measure('timeNaiveRelayout', run % 2 ? 1350 : 1250);
    if (run > 0) {
      ours.push(o);
      naive.push(n);
    }
  }
  const mid = (list, key) => list.map((x) => x[key]).sort((a, b) => a - b)[Math.floor(list.length / 2)];
  rows.push({
    case: `relayout after a width change, ${reader.anchored.toLocaleString('en')} notes in a reader`,
    essay: reader.label,
    ours: mid(ours, 'ms'),
    others: { 'read/write interleaved (naive)': mid(naive, 'ms') },
    note: `layouts: ${mid(ours, 'layouts')} ours, ${mid(naive, 'layouts')} naive`,
    ok: reader.anchored === m.readerNotes,
  });
  console.error('  add, edit and delete one reader annotation beside the notes');
  const changes = await withBusyTime(page, () => page.evaluate((r) => window.margin.timeAddAnnotation(r), m.runs));
  rows.push(...changeRows(changes, m.runs, `${reader.anchored.toLocaleString('en')} notes`, reader.label));
  // In a page of its own, as a reader upgrades on a page load (not in one that has run every case before).
  const upgradePage = await openPage();
  rows.push(await upgradeRow(upgradePage));
  await upgradePage.close();
  return [...rows, ...(await importRows(openPage))];
}

/** The upgrade of the big essay with the author notes, until its margin is laid out. */
async function upgradeRow(page) {
  const m = marginConfig;
  console.error(`  upgrade of a ${m.importWords}-word essay with ${m.readerNotes} notes`);
  const upgrade = await page.evaluate((w, n, r) => window.margin.timeUpgrade(w, n, r), m.importWords, m.readerNotes, 5);
  return {
    case: `upgrade of an essay with ${upgrade.anchored.toLocaleString('en')} author notes, until its margin is laid out`,
    essay: upgrade.label,
    ours: upgrade.ms,
    others: { 'the same HTML without the library: parsed and laid out': upgrade.plainMs },
    note: `runs: ${upgrade.samples.map(fmt).join(', ')} ms; taking the reader out of the page: ${fmt(upgrade.removeMs)} ms`,
    ok: upgrade.anchored >= m.readerNotes * 0.9,
  };
}

/**
 * Importing many annotations, then saving one beside them. With `--profile`, Chromium's CPU profile of the
 * import is summarised on stderr (the functions with the most self time), for finding where the time goes.
 */
async function importRows(openPage) {
  const m = marginConfig;
  const rows = [];
  console.error(`  import ${m.importCount} annotations`);
  const importPage = await openPage();
  const profiling = process.argv.includes('--profile');
  const cdp = profiling ? await importPage.createCDPSession() : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const imported = await importPage.evaluate((w, c) => window.margin.timeImport(w, c), m.importWords, m.importCount);
  if (cdp) summariseProfile((await cdp.send('Profiler.stop')).profile);
  const tracing = process.argv.includes('--trace');
  if (tracing)
    await importPage.tracing.start({
      categories: [
        'toplevel',
        'devtools.timeline',
        'blink',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-devtools.timeline.invalidationTracking',
      ],
    });
  if (cdp) {
    console.error('  scroll past them:');
    await cdp.send('Profiler.start');
  }
  const scroll = await importPage.evaluate(() => window.margin.timeScroll());
  if (cdp) summariseProfile((await cdp.send('Profiler.stop')).profile);
  if (tracing) summariseLongTasks(JSON.parse(Buffer.from(await importPage.tracing.stop()).toString()).traceEvents);
  if (cdp) {
    console.error('  add, edit and delete one beside them:');
    await cdp.send('Profiler.start');
  }
  const runs = m.runs;
  const timeChanges = () => importPage.evaluate((r) => window.margin.timeChangesBesideImport(r), runs);
  if (tracing) {
    // Where the changes' time goes, by kind of work.
    console.error('  add, edit and delete one beside them:');
    await importPage.tracing.start({ categories: ['toplevel', 'devtools.timeline', 'blink', 'blink.user_timing', 'disabled-by-default-devtools.timeline'] });
    const changed = await timeChanges();
    const trace = JSON.parse(Buffer.from(await importPage.tracing.stop()).toString());
    summariseTrace(trace, 3 * (runs + 1));
    imported.changes = { ...changed, busy: busyBetweenMarks(trace.traceEvents) };
  } else imported.changes = await withBusyTime(importPage, timeChanges);
  if (cdp) summariseProfile((await cdp.send('Profiler.stop')).profile);
  // The browser alone: the same essay in a plain <div>, scrolled the same way (the reader is gone by now).
  const plainScroll = await importPage.evaluate((w) => window.margin.timeScrollPlain(w), m.importWords);
  await importPage.close();
  rows.push({
    case: `import ${m.importCount.toLocaleString('en')} annotations (default store), until shown and laid out`,
    essay: imported.label,
    ours: imported.ms,
    others: {},
    note: `all in the store after ${fmt(imported.savedMs)} ms; longest main-thread task ${fmt(imported.longestTask)} ms; ${imported.added} added`,
    ok: imported.added === m.importCount,
  });
  rows.push({
    case: `scroll end to end beside ${m.importCount.toLocaleString('en')} annotations, a screen a frame: longest task`,
    essay: imported.label,
    ours: scroll.longestTask,
    others: {},
    note:
      `${scroll.longTasks} tasks over 50 ms; ${scroll.screens} screens in ${fmt(scroll.ms)} ms; ${scroll.cards} cards on the last screen; ` +
      `the same essay in a plain <div> (no library), scrolled alike: ${plainScroll.longTasks} tasks over 50 ms, longest ${fmt(plainScroll.longestTask)} ms, ${plainScroll.screens} screens in ${fmt(plainScroll.ms)} ms`,
    ok: scroll.cards > 0,
  });
  rows.push(...changeRows(imported.changes, runs, `${m.importCount.toLocaleString('en')} stored`, imported.label));
  return rows;
}

/**
 * The rows for timeChanges' add, edit and delete (bench/cases/margin.ts), from its result and `busy`, the busy
 * time between its marks: add, edit, delete per run, the first run the warm-up. A row is ok when every change
 * was marked, the reader ends with the annotations it began with, and the change put in or took out only its own
 * marker and card.
 */
function changeRows(result, runs, beside, essay) {
  const complete = result.kept && (!result.busy || result.busy.length === 3 * (runs + 1));
  return ['add', 'edit', 'delete'].map((kind, k) => {
    const times = result[kind];
    // Without a trace (--profile, --trace), the times taken in the page from the frame's start.
    const busy = result.busy ? result.busy.filter((_, i) => i % 3 === k).slice(1) : times.work;
    const what = { add: 'add one reader annotation', edit: "edit one reader annotation's comment", delete: 'delete one reader annotation' }[kind];
    return {
      case: `${what} beside ${beside}: main-thread work until laid out`,
      essay,
      ours: median(busy),
      others: {},
      note:
        `runs: ${busy.map(fmt).join(', ')} ms; laid out ${fmt(median(times.wall))} ms after the call (the next frame); ` +
        `in the store after ${fmt(median(times.stored))} ms; ${times.elements} elements put in or taken out (markers, cards)`,
      // Only what changed: a marker and a card in (add) or out (delete), nothing rebuilt.
      ok: complete && times.elements <= 4 && (kind === 'edit' || times.elements >= 1),
    };
  });
}

/**
 * Runs `measure` on `page` while tracing it, and returns its result with `busy`: for each span the page marked
 * (`bench:work:start` to `bench:work:end`), how long the renderer's main thread ran tasks in it (idle time, such
 * as waiting for a frame, does not count).
 */
async function withBusyTime(page, measure) {
  await page.tracing.start({ categories: ['toplevel', 'blink.user_timing', 'devtools.timeline'] });
  const result = await measure();
  const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString());
  return { ...result, busy: busyBetweenMarks(trace.traceEvents) };
}

/** The complete events of a renderer main thread, in order (parents before their children); the busiest one, or `pid`'s. */
function mainThreadEvents(events, pid) {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (pid === undefined || e.pid === pid));
  const of = (m) => events.filter((e) => e.ph === 'X' && e.pid === m.pid && e.tid === m.tid && e.dur);
  return mains
    .map(of)
    .reduce((a, b) => (b.length > a.length ? b : a), [])
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
}

/** Of one thread's ordered events, those inside no other: its tasks. */
function topLevel(ordered) {
  const tasks = [];
  let end = -Infinity;
  for (const e of ordered) {
    if (e.ts < end) continue;
    tasks.push(e);
    end = e.ts + e.dur;
  }
  return tasks;
}

/** Self time (ms) by `nameOf(event)` over one thread's ordered events: nested events are taken out of their parent's. */
function selfTimes(ordered, nameOf = (e) => e.name) {
  const self = new Map();
  const stack = [];
  for (const e of ordered) {
    while (stack.length && stack.at(-1).event.ts + stack.at(-1).event.dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur / 1000);
    const name = nameOf(e);
    self.set(name, (self.get(name) ?? 0) + e.dur / 1000);
    stack.push({ event: e, name });
  }
  return self;
}

function busyBetweenMarks(events) {
  const marks = (name) => events.filter((e) => e.name === name && e.cat.includes('blink.user_timing')).map((e) => e.ts);
  const starts = marks('bench:work:start').sort((a, b) => a - b);
  const ends = marks('bench:work:end').sort((a, b) => a - b);
  // The renderer that marked them.
  const tasks = topLevel(mainThreadEvents(events, events.find((e) => e.name === 'bench:work:start')?.pid)).map((e) => [e.ts, e.ts + e.dur]);
  return starts.map((from, i) => {
    const to = ends.find((t) => t > from) ?? from;
    if (i + 1 < starts.length && to > starts[i + 1]) throw new Error('bench: work marks overlap');
    let busy = 0;
    for (const [a, b] of tasks) if (b > from && a < to) busy += Math.min(b, to) - Math.max(a, from);
    return busy / 1000;
  });
}

/** With `--trace` on the scroll: each main-thread task over 50 ms, and the kinds of work inside it (self time). */
function summariseLongTasks(events) {
  const on = mainThreadEvents(events);
  const long = topLevel(on).filter((e) => e.dur > 50_000);
  console.error(`  ${long.length} tasks over 50 ms`);
  const reasons = new Map();
  for (const e of events.filter(
    (e) => e.name === 'LayoutInvalidationTracking' || e.name === 'PaintInvalidationTracking' || e.name === 'StyleRecalcInvalidationTracking',
  )) {
    const d = e.args?.data ?? {};
    const key = `${e.name} ${d.reason ?? ''} ${d.nodeName ?? ''}`;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  for (const [key, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.error(`    ${n} × ${key}`);
  const layouts = on.filter((e) => e.name === 'Layout' && e.dur > 5000);
  for (const e of layouts.slice(0, 12)) {
    const b = e.args?.beginData ?? {};
    console.error(
      `  a layout of ${(e.dur / 1000).toFixed(1)} ms, ${b.dirtyObjects}/${b.totalObjects} objects dirty, partial: ${b.partialLayout}, root: ${JSON.stringify(e.args?.endData?.layoutRoots?.length ?? e.args?.endData)}`,
    );
  }
  for (const task of long) {
    const inside = on.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task);
    const self = selfTimes(inside, (e) => (e.name === 'FunctionCall' ? `FunctionCall ${e.args?.data?.functionName ?? ''}` : e.name));
    const top = [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([n, ms]) => `${n} ${ms.toFixed(1)}`)
      .join(', ');
    console.error(`    ${(task.dur / 1000).toFixed(0)} ms: ${top}`);
  }
}

/**
 * Runs `measure` on `page`; with `--profile`, prints where the JavaScript time went (CPU profile), and with
 * `--trace`, where the main thread's time went per run (Chromium's trace).
 */
async function diagnosed(page, runs, measure) {
  const cdp = process.argv.includes('--profile') ? await page.createCDPSession() : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const tracing = process.argv.includes('--trace');
  if (tracing) await page.tracing.start({ categories: ['devtools.timeline', 'blink', 'disabled-by-default-devtools.timeline'] });
  const result = await measure();
  if (cdp) summariseProfile((await cdp.send('Profiler.stop')).profile);
  if (tracing) summariseTrace(JSON.parse(Buffer.from(await page.tracing.stop()).toString()), runs);
  return result;
}

/**
 * With `--trace`: the renderer main thread's time by kind of work (style, layout, script, paint...), per run,
 * from Chromium's trace (nested events are taken out of their parent's time); and each layout over 1 ms.
 */
function summariseTrace(trace, runs) {
  const events = trace.traceEvents;
  // The busiest renderer main thread (the bench has more than one page open).
  const on = mainThreadEvents(events);
  const self = selfTimes(on);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.error(`  ${(ms / runs).toFixed(2).padStart(8)} ms/run  ${name}`);
  // Other threads' busy time (raster, compositor): the main thread may wait for them between frames.
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const busyByThread = new Map();
  const ends = new Map();
  for (const e of events.filter((e) => e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts)) {
    const key = `${e.pid}:${e.tid}`;
    if ((ends.get(key) ?? 0) > e.ts) continue; // nested
    ends.set(key, e.ts + e.dur);
    const name = names.get(key) ?? key;
    busyByThread.set(name, (busyByThread.get(name) ?? 0) + e.dur / 1000);
  }
  for (const [name, ms] of [...busyByThread].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.error(`  ${(ms / runs).toFixed(1).padStart(8)} ms/run busy  ${name}`);
  for (const e of on.filter((e) => e.name === 'Layout' && e.dur > 1000)) {
    const b = e.args?.beginData ?? {};
    console.error(`  a layout of ${(e.dur / 1000).toFixed(1)} ms, ${b.dirtyObjects}/${b.totalObjects} objects dirty`);
  }
}

function summariseProfile(profile) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.error(`  ${ms.toFixed(0).padStart(7)} ms  ${key}`);
  // Who calls the native functions that cost most (forced layouts show up as getBoundingClientRect and the like).
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const callers = new Map();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (node.callFrame.url) return;
    const up = parent.get(id);
    if (!up || !up.callFrame.url) return;
    const key = `${node.callFrame.functionName} ← ${up.callFrame.functionName || '(anonymous)'} ${up.callFrame.url.split('/').pop()}:${up.callFrame.lineNumber + 1}`;
    callers.set(key, (callers.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  for (const [key, ms] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.error(`  ${ms.toFixed(0).padStart(7)} ms  ${key}`);
  // Inclusive time of the page's own functions (each counted once per sample, however deep it recurs).
  const inclusive = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let node = byId.get(id); node; node = parent.get(node.id)) {
      const { functionName, url, lineNumber } = node.callFrame;
      if (!url) continue;
      const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    }
  });
  console.error('  inclusive:');
  for (const [key, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.error(`  ${ms.toFixed(0).padStart(7)} ms  ${key}`);
}

function renderMargin(rows, caption) {
  const names = [...new Set(rows.flatMap((row) => Object.keys(row.others)))];
  const head = ['case', 'essay', 'ours (ms)', ...names.map((n) => `${n} (ms)`), 'slowest other ÷ ours', 'checked'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    const others = names.map((n) => row.others[n]);
    const present = others.filter((v) => v !== undefined);
    const ratio = present.length ? `${fmt(Math.max(...present) / row.ours)}×` : '';
    lines.push(`| ${[row.case, row.essay, row.figure ?? fmt(row.ours), ...others.map((v) => (v === undefined ? '' : fmt(v))), ratio, row.note].join(' | ')} |`);
  }
  return `${lines.join('\n')}\n\n${caption}.\n`;
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const fmt = (ms) => (ms >= 100 ? Math.round(ms).toLocaleString('en') : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

function render(rows, caption) {
  const head = ['case', 'essay', 'ours (ms)', ...PEERS.map((p) => `${p} (ms)`), 'fastest peer ÷ ours', 'right (ours / peers)'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    const peers = PEERS.map((p) => row.peers[p]);
    const times = peers.filter(Boolean).map((p) => p.ms);
    const ratio = times.length ? `${fmt(Math.min(...times) / row.ours)}×` : '';
    const right = [`${row.correct}/${row.count}`, ...peers.filter(Boolean).map((p) => `${p.correct}/${p.sample}`)].join(' · ');
    lines.push(`| ${row.case} | ${row.essay} | ${fmt(row.ours)} | ${peers.map((p) => (p ? fmt(p.ms) : '')).join(' | ')} | ${ratio} | ${right} |`);
  }
  return `${lines.join('\n')}\n\n${caption}.\n`;
}

/**
 * Loading the demo as a reader would, at three widths: the layout shift while the elements upgrade, and the time
 * from navigation to a laid-out margin (every note placed in the margin, or behind its marker on a phone), with
 * essay-reader.css linked as the README says and without it.
 */
async function demoRows(browser, port) {
  const rows = [];
  for (const width of [1400, 1000, 390]) {
    const result = {};
    for (const variant of ['with', 'without']) {
      console.error(`  demo at ${width} px, ${variant} essay-reader.css`);
      const loads = [];
      for (let run = 0; run < demoConfig.runs; run++) {
        const page = await browser.newPage();
        await page.setViewport({ width, height: 900 });
        await page.evaluateOnNewDocument(() => {
          window.__cls = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
          }).observe({ type: 'layout-shift', buffered: true });
          const poll = () => {
            const notes = [...document.querySelectorAll('essay-note')];
            const placed = notes.length > 0 && notes.every((n) => ['margin', 'popover'].includes(n.getAttribute('layout') ?? ''));
            if (placed && document.querySelector('essay-reader')?.shadowRoot) window.__marginAt = performance.now();
            else requestAnimationFrame(poll);
          };
          requestAnimationFrame(poll);
        });
        await page.goto(`http://127.0.0.1:${port}/demo/${variant}.html`);
        await page.waitForFunction(() => window.__marginAt !== undefined, { timeout: 30_000 });
        await new Promise((resolve) => setTimeout(resolve, 1000));
        loads.push(await page.evaluate(() => ({ cls: window.__cls, ms: window.__marginAt })));
        await page.close();
      }
      const mid = (key) => loads.map((l) => l[key]).sort((a, b) => a - b)[Math.floor(loads.length / 2)];
      result[variant] = { cls: mid('cls'), ms: mid('ms') };
    }
    rows.push({ width, ...result, ok: Number.isFinite(result.with.ms) && Number.isFinite(result.with.cls) });
  }
  return rows;
}

function renderDemo(rows, caption) {
  const lines = [
    '| demo page load | CLS, essay-reader.css linked (ours) | CLS, without it | to a laid-out margin (ms), linked | without (ms) |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.width} px | ${r.with.cls.toFixed(4)} | ${r.without.cls.toFixed(4)} | ${fmt(r.with.ms)} | ${fmt(r.without.ms)} |`),
  ];
  return `${lines.join('\n')}\n\n${caption}.\n`;
}

function updateReadme(table) {
  const path = join(here, '..', 'README.md');
  const readme = readFileSync(path, 'utf8');
  const start = '<!-- bench:start (written by npm run bench -- --readme) -->';
  const end = '<!-- bench:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md: the markers ${start} … ${end} are missing`);
  writeFileSync(path, `${readme.slice(0, from + start.length)}\n\n${table}\n${readme.slice(to)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
