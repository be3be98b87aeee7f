// Dev-server plugin for the hydration test: serves /__ssr/demo.html, the demo essay as @lit-labs/ssr renders it
// (scripts/ssr-render.mjs, in a Node process of its own so that its DOM shim stays out of the test runner's).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export function ssrPages() {
  let page;
  return {
    name: 'ssr-pages',
    async serve(context) {
      if (context.path !== '/__ssr/demo.html') return;
      page ??= promisify(execFile)(process.execPath, ['scripts/ssr-render.mjs'], { maxBuffer: 64 << 20 }).then((r) => r.stdout);
      return { body: await page, type: 'html' };
    },
  };
}
