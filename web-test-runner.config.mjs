import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { CHROME_ARGS, findBrowsers } from './scripts/find-browsers.mjs';
import { testCommandsPlugin } from './scripts/test-commands.mjs';
import { cspMiddleware } from './scripts/csp.mjs';
import { reactModules } from './scripts/react-modules.mjs';
import { ssrPages } from './scripts/ssr-pages.mjs';
import { annotationServers, rawImports, selfImports } from './scripts/docs-servers.mjs';
import { DEMO_TOKENS, sharedServerPlugin } from './scripts/shared-server.mjs';
import { scaleOutPlugin } from './scripts/scale-out.mjs';

// scripts/test.mjs sets these; running `wtr` directly finds them the same way.
const paths =
  process.env.CHROME_PATH && process.env.FIREFOX_PATH
    ? { chrome: process.env.CHROME_PATH, firefox: process.env.FIREFOX_PATH }
    : findBrowsers(['chrome', 'firefox']);

/** Counts every test of every browser into one file, so `npm test` can print the plain total. */
function totalsReporter(file = process.env.WTR_SUMMARY_FILE) {
  return {
    onTestRunFinished({ sessions }) {
      if (!file) return;
      const browsers = {};
      const add = (name, key) => {
        browsers[name] ??= { passed: 0, failed: 0, skipped: 0 };
        browsers[name][key] += 1;
      };
      const walk = (name, suite) => {
        for (const test of suite.tests) add(name, test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed');
        for (const child of suite.suites) walk(name, child);
      };
      for (const session of sessions) {
        const name = session.browser.name;
        if (session.testResults) walk(name, session.testResults);
        // A file that failed to load or threw outside a test has errors but no failed test: count it.
        if (session.errors.length > 0 || (session.passed === false && !hasFailedTest(session.testResults))) add(name, 'failed');
      }
      const total = (key) => Object.values(browsers).reduce((sum, counts) => sum + counts[key], 0);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ browsers, passed: total('passed'), failed: total('failed'), skipped: total('skipped') }, null, 2));
    },
  };
}

function hasFailedTest(suite) {
  if (!suite) return false;
  return suite.tests.some((test) => !test.passed && !test.skipped) || suite.suites.some(hasFailedTest);
}

export default {
  files: ['test/**/*.test.ts'],
  // Lit's production build: dev mode only adds a console warning to every test file.
  nodeResolve: { exportConditions: ['production'] },
  rootDir: '.',
  concurrency: 2,
  concurrentBrowsers: 2,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  middleware: [cspMiddleware(), annotationServers()],
  plugins: [
    reactModules(),
    ssrPages(),
    selfImports(),
    rawImports(),
    sharedServerPlugin({ tokens: DEMO_TOKENS }),
    scaleOutPlugin({ tokens: DEMO_TOKENS }),
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    testCommandsPlugin(),
  ],
  browsers: [
    // Headless Chromium draws frames only in the tab in front, and these tests wait for frames: one page at a time.
    chromeLauncher({ concurrency: 1, launchOptions: { executablePath: paths.chrome, headless: true, args: CHROME_ARGS } }),
    // Firefox pauses animation frames in every tab but the focused one: one test page at a time.
    puppeteerLauncher({ concurrency: 1, launchOptions: { browser: 'firefox', executablePath: paths.firefox, headless: true } }),
  ],
  reporters: [defaultReporter(), totalsReporter()],
};
