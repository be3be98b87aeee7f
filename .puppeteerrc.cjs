/**
 * npm cannot download browsers on our machines (no internet but the registries), and
 * `@web/test-runner-puppeteer` depends on `puppeteer`, whose postinstall would try and fail
 * `npm install`. The tests drive the system's Chromium and Firefox ESR instead
 * (see scripts/find-browsers.mjs).
 * @type {import("puppeteer").Configuration}
 */
module.exports = {
  skipDownload: true,
};
