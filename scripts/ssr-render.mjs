// Renders the demo essay with @lit-labs/ssr from the sources, and prints the page: what a server sends before any
// script runs. Used by the hydration test (through scripts/ssr-pages.mjs, which serves it to the browsers), so it
// needs no build: esbuild compiles src/ for Node into node_modules/.cache, with lit and the other dependencies left
// to Node, so that the elements and @lit-labs/ssr share one lit.
import { demoEssay } from './demo-essay.mjs';
import { build } from 'esbuild';

const out = new URL('../node_modules/.cache/essay-reader-ssr/index.mjs', import.meta.url);
await build({
  entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
  outfile: out.pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'es2022',
  packages: 'external',
  tsconfig: new URL('../tsconfig.json', import.meta.url).pathname,
  logLevel: 'silent',
});
await import(out.href);
const { render } = await import('@lit-labs/ssr');
const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
const { html } = await import('lit');
const { unsafeHTML } = await import('lit/directives/unsafe-html.js');

const essay = demoEssay('ssr-render');
const body = await collectResult(render(html`<essay-reader id="essay" document-id="ssr-hydration" note-numbers>${unsafeHTML(essay)}</essay-reader>`));
process.stdout.write(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="stylesheet" href="/essay-reader.css" />
    <script>
      // Before any module: every error and console error, for the test to read.
      window.hydrationErrors = [];
      addEventListener('error', (e) => hydrationErrors.push(e.message + ' ' + ((e.error && e.error.stack) || '')));
      addEventListener('unhandledrejection', (e) => hydrationErrors.push(String(e.reason)));
      const consoleError = console.error.bind(console);
      console.error = (...args) => (hydrationErrors.push(args.join(' ')), consoleError(...args));
    </script>
    <script type="module" src="/test/ssr/hydrate-entry.ts"></script>
  </head>
  <body>
    ${body}
    <script>
      // After parsing, before the (deferred) modules: the first part of each element's server-rendered shadow root.
      window.serverParts = [...document.querySelectorAll('essay-reader, essay-note, essay-pullquote')].map((el) => [el, el.shadowRoot && el.shadowRoot.querySelector('[part]')]);
    </script>
  </body>
</html>
`);
