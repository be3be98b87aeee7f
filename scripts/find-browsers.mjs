// Finds the Chromium and Firefox ESR that `npm test` and `npm run bench` drive.
// Order: CHROME_PATH / FIREFOX_PATH, then PATH. npm cannot download browsers on our machines, so when one is
// missing and we run as root with apt-get, Debian's `chromium` / `firefox-esr` are installed (about a minute).
// Otherwise we stop with one line that says what to install or set.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES = {
  chrome: { env: 'CHROME_PATH', names: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'], debian: 'chromium' },
  firefox: { env: 'FIREFOX_PATH', names: ['firefox-esr', 'firefox'], debian: 'firefox-esr' },
};

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

function locate(kind) {
  const { env, names } = CANDIDATES[kind];
  const fromEnv = process.env[env];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      console.error(`${env}=${fromEnv} is not an executable file: point it at a ${kind === 'chrome' ? 'Chromium/Chrome' : 'Firefox'} binary or unset it.`);
      process.exit(1);
    }
    return fromEnv;
  }
  for (const name of names) {
    const found = onPath(name);
    if (found) return found;
  }
  return null;
}

function canInstallWithApt() {
  return typeof process.getuid === 'function' && process.getuid() === 0 && onPath('apt-get') !== null;
}

function aptInstall(packages) {
  console.error(`Installing Debian's ${packages.join(' and ')} for the browser tests (about a minute)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  return install.status === 0;
}

/**
 * @param {Array<'chrome'|'firefox'>} kinds which browsers are needed
 * @returns {{chrome?: string, firefox?: string}} absolute paths
 */
export function findBrowsers(kinds = ['chrome', 'firefox']) {
  const found = Object.fromEntries(kinds.map((kind) => [kind, locate(kind)]));
  const missing = kinds.filter((kind) => !found[kind]);
  if (missing.length > 0 && canInstallWithApt() && aptInstall(missing.map((kind) => CANDIDATES[kind].debian))) {
    for (const kind of missing) found[kind] = locate(kind);
  }
  const stillMissing = kinds.filter((kind) => !found[kind]);
  if (stillMissing.length > 0) {
    const what = stillMissing.map((kind) => `${CANDIDATES[kind].debian} (or set ${CANDIDATES[kind].env})`).join(' and ');
    console.error(`Cannot find a browser to test in: install ${what}, then run the command again.`);
    process.exit(1);
  }
  return found;
}

/** Flags for headless Chromium on a machine with a closed network, running as root. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Test pages run side by side; without these, Chromium throttles requestAnimationFrame and observers in the
  // pages it considers hidden, and layout-driven tests hang.
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

export function browserVersion(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown version';
  }
}
