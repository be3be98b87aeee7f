// `npm test`: every test, headless, in Chromium and Firefox ESR, then one plain total line.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { findBrowsers } from './find-browsers.mjs';

const browsers = findBrowsers(['chrome', 'firefox']);
const summaryFile = '.test-results/summary.json';
rmSync(summaryFile, { force: true });

const result = spawnSync(
  process.execPath,
  ['node_modules/@web/test-runner/dist/bin.js', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, CHROME_PATH: browsers.chrome, FIREFOX_PATH: browsers.firefox, WTR_SUMMARY_FILE: summaryFile },
  },
);

let summary;
try {
  summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  console.error('The test runner wrote no report: it did not finish a run.');
  process.exit(result.status || 1);
}
for (const [browser, counts] of Object.entries(summary.browsers)) {
  console.log(`${browser}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}
console.log(`${summary.passed} passed, ${summary.failed} failed`);
const ok = result.status === 0 && summary.failed === 0 && summary.passed > 0;
process.exit(ok ? 0 : result.status || 1);
