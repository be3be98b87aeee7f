// The test runner serves the browser ES modules; React ships CommonJS only. This dev-server plugin bundles React,
// ReactDOM and react-dom/client once, with esbuild, into one module (one copy of React, as hooks need), and
// serves `react`, `react-dom` and `react-dom/client` as small modules whose default export is what a bundler's
// default import of them gives. Used only by the React wrapper's test.
import { build } from 'esbuild';

const FACADES = { react: 'React', 'react-dom': 'ReactDOM', 'react-dom/client': 'ReactDOMClient' };
const PREFIX = '/__react/';

export function reactModules() {
  let bundle;
  return {
    name: 'react-modules',
    resolveImport({ source }) {
      if (source in FACADES) return `${PREFIX}${FACADES[source]}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return;
      const name = context.path.slice(PREFIX.length, -'.js'.length);
      if (name === 'bundle') {
        bundle ??= build({
          stdin: {
            contents: Object.entries(FACADES)
              .map(([specifier, as]) => `import * as ${as} from '${specifier}'; export { ${as} };`)
              .join('\n'),
            resolveDir: process.cwd(),
          },
          bundle: true,
          format: 'esm',
          write: false,
          define: { 'process.env.NODE_ENV': '"production"' },
          logLevel: 'silent',
        }).then((result) => result.outputFiles[0].text);
        return { body: await bundle, type: 'js' };
      }
      if (!Object.values(FACADES).includes(name)) return;
      return { body: `import { ${name} } from '${PREFIX}bundle.js';\nexport default ${name}.default ?? ${name};\n`, type: 'js' };
    },
  };
}
