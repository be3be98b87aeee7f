// `npm test`: every test, headless, in Chromium and Firefox ESR; then the benchmark harness's smoke run (one tiny
// case, so `npm run bench` cannot rot); then one plain total line.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { findBrowsers } from './find-browsers.mjs';

const browsers = findBrowsers(['chrome', 'firefox']);
const summaryFile = '.test-results/summary.json';
rmSync(summaryFile, { force: true });
const env = { ...process.env, CHROME_PATH: browsers.chrome, FIREFOX_PATH: browsers.firefox, WTR_SUMMARY_FILE: summaryFile };

const wtr = spawnSync(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', ...process.argv.slice(2)], { stdio: 'inherit', env });

let summary;
try {
  summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
} catch {
  console.error('The test runner wrote no report: it did not finish a run.');
  console.log('0 passed, 1 failed');
  process.exit(wtr.status || 1);
}

// A run limited with --files is about those files only.
const runSmoke = !process.argv.includes('--files');
let smokePassed = true;
if (runSmoke) {
  const smoke = spawnSync(process.execPath, ['bench/run.mjs', '--smoke'], { stdio: 'inherit', env });
  smokePassed = smoke.status === 0;
}

for (const [browser, counts] of Object.entries(summary.browsers)) {
  console.log(`${browser}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}
if (runSmoke) console.log(`Benchmark smoke run: ${smokePassed ? '1 passed' : '1 failed'}`);
const passed = summary.passed + (runSmoke && smokePassed ? 1 : 0);
const failed = summary.failed + (runSmoke && !smokePassed ? 1 : 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(wtr.status === 0 && failed === 0 && passed > 0 ? 0 : wtr.status || 1);
