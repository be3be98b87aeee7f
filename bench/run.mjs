// `npm run bench`: runs the benchmark cases in headless Chromium (the browser `npm test` uses) and prints medians
// side by side with the peers measured in the same run. `--smoke` runs one tiny case (npm test does, so the
// harness cannot rot); `--readme` also writes the table into README.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, browserVersion, findBrowsers } from '../scripts/find-browsers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '.build');
const smoke = process.argv.includes('--smoke');
const writeReadme = process.argv.includes('--readme');

const sizes = process.argv.find((a) => a.startsWith('--sizes='))?.slice(8).split(',').map(Number);
const config = smoke
  ? { sizes: [2_000], selectorCounts: [50], fuzzyQuotes: 20, describeRanges: 20, runs: 1, peerRuns: 1, peerSample: 3 }
  : { sizes: sizes ?? [20_000, 200_000], selectorCounts: [1_000, 10_000], fuzzyQuotes: 1_000, describeRanges: 1_000, runs: 5, peerRuns: 3, peerSample: 20 };

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
  writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="page.js"></script>');
  const server = createServer((request, response) => {
    const name = request.url === '/' ? 'index.html' : request.url.slice(1);
    if (name === 'favicon.ico') return response.writeHead(204).end();
    if (!['index.html', 'page.js'].includes(name)) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': name.endsWith('.js') ? 'text/javascript' : 'text/html' });
    response.end(readFileSync(join(out, name)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_ARGS, protocolTimeout: 3_600_000 });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => console.error(`  ${message.text()}`));
    page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof window.runAnchoringBench === 'function');
    const rows = await page.evaluate((cfg) => window.runAnchoringBench(cfg, (line) => console.log(line)), config);
    const table = render(rows, `${browserVersion(chrome)} headless, ${new Date().toISOString().slice(0, 10)}; ours: median of ${config.runs} runs after a warm-up; peers: median of ${config.peerRuns} runs on ${config.peerSample} items, scaled to the row's count`);
    console.log(table);
    const wrong = rows.filter((row) => row.correct !== row.count);
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
