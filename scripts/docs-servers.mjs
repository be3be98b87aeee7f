// What the docs' examples need from the dev servers (web-test-runner's and Vite's): the package imported by name
// resolves to its sources, and demo/examples/annotation-server.mjs answers at /api/annotations.
import { readFile } from 'node:fs/promises';
import { annotationHandler } from '../demo/examples/annotation-server.mjs';

/** The package's own name, as the examples import it, mapped to its sources. */
export const SELF_IMPORTS = {
  'essay-reader': '/src/index.ts',
  'essay-reader/core.js': '/src/core/index.ts',
  'essay-reader/jsx.js': '/src/jsx.ts',
  'essay-reader/react.js': '/src/react/index.ts',
  'essay-reader/shared.js': '/src/shared/index.ts',
};

/** web-test-runner plugin: resolves {@link SELF_IMPORTS}. */
export function selfImports() {
  return {
    name: 'self-imports',
    resolveImport({ source }) {
      return SELF_IMPORTS[source];
    },
  };
}

/**
 * web-test-runner plugin: `import text from './file?raw'` as Vite has it (the docs page shows its examples'
 * sources so, which are the very files the tests run).
 */
export function rawImports() {
  return {
    name: 'raw-imports',
    async serve(context) {
      // The tests compare what the page shows with the file: /__source/{path}.txt is the file's text.
      if (context.path.startsWith('/__source/') && context.path.endsWith('.txt')) {
        return { body: await readFile(new URL(`..${context.path.slice('/__source'.length, -'.txt'.length)}`, import.meta.url), 'utf8'), type: 'txt' };
      }
      if (!context.URL.searchParams.has('raw')) return;
      const text = await readFile(new URL(`..${context.path}`, import.meta.url), 'utf8');
      return { body: `export default ${JSON.stringify(text)};`, type: 'js' };
    },
  };
}

/**
 * web-test-runner middleware: the example annotation server, one instance per `/__store/{run}` prefix, so that
 * each test run (and each browser, running at once) has a server of its own.
 */
export function annotationServers() {
  const servers = new Map();
  return async (ctx, next) => {
    // The docs page's own reader talks to /api/annotations (a document id of its own per test keeps runs apart).
    const match = /^(?:\/__store\/([\w-]+))?(\/api\/annotations\/.*)$/.exec(ctx.path);
    if (!match) return next();
    const [, run = 'docs', rest] = match;
    if (!servers.has(run)) servers.set(run, annotationHandler());
    ctx.respond = false;
    ctx.req.url = rest + (ctx.querystring ? `?${ctx.querystring}` : '');
    await servers.get(run)(ctx.req, ctx.res);
  };
}

/** Vite plugin: the example annotation server at /api/annotations, for the docs page's live reader. */
export function annotationServerPlugin() {
  return {
    name: 'annotation-server',
    configureServer(server) {
      const handle = annotationHandler();
      server.middlewares.use((req, res, next) => void handle(req, res, next).catch(next));
    },
  };
}
