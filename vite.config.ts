import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
// @ts-expect-error: a plain JavaScript module of the dev servers' helpers
import { annotationServerPlugin, SELF_IMPORTS } from './scripts/docs-servers.mjs';

// `npm start` serves the demo (demo/index.html) and the docs (demo/docs.html), which import the library straight
// from src/; the docs' examples import it by its name, mapped here to the sources too, and their store talks to the
// example annotation server.
const page = (name: string) => fileURLToPath(new URL(`./demo/${name}`, import.meta.url));

export default defineConfig({
  root: 'demo',
  plugins: [annotationServerPlugin()],
  resolve: {
    // Exact names: 'essay-reader' must not swallow 'essay-reader/core.js'.
    alias: Object.entries(SELF_IMPORTS as Record<string, string>).map(([name, path]) => ({
      find: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
      replacement: fileURLToPath(new URL(`.${path}`, import.meta.url)),
    })),
  },
  server: {
    open: false,
    fs: { allow: ['..'] },
  },
  build: {
    outDir: '../dist-demo',
    rollupOptions: { input: { demo: page('index.html'), docs: page('docs.html') } },
    emptyOutDir: true,
  },
});
