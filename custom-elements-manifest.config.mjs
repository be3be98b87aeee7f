import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';

export default {
  globs: ['src/**/*.ts'],
  // The React entry defines no element, and its components share the elements' names; the shared entry (Yjs)
  // defines none either.
  // src/jsx.ts is written from the manifest (scripts/jsx-types.mjs), so it is not read into it.
  exclude: ['src/**/*.styles.ts', 'src/core/**', 'src/react/**', 'src/shared/**', 'src/jsx.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // The analyzer lists modules in the order the file system returned them, which differs between
      // checkouts; sorting keeps the committed manifest comparable, so CI can tell when it is stale.
      name: 'sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
    {
      // The manifest describes the package as shipped: its modules are dist/*.js (the sources are not published).
      name: 'shipped-paths',
      packageLinkPhase({ customElementsManifest }) {
        const shipped = (value) => value.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/$1.js');
        const visit = (node) => {
          if (Array.isArray(node)) return node.forEach(visit);
          if (!node || typeof node !== 'object') return;
          for (const [key, value] of Object.entries(node)) {
            if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shipped(value);
            else visit(value);
          }
        };
        visit(customElementsManifest);
      },
    },
    // Autocomplete in editors, from the same manifest: VS Code's HTML and CSS custom data, and JetBrains web-types
    // (referenced from package.json). After sorting and shipped-paths: the same output in every checkout, naming
    // the shipped modules.
    customElementVsCodePlugin({ outdir: '.', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir: '.', packageJson: false, hideLogs: true }),
  ],
};
