// size-limit's budgets, one per entry (minified and gzipped). A JS file rather than JSON, for one reason:
// the bundled translations (src/i18n/locales/*) are loaded on demand, one per language a page speaks, so they
// are left out of the entries' figures as the Markdown serializer is (esbuild's `external`).
const lazyTranslations = (config) => ({ ...config, external: [...(config.external ?? []), './locales/*'] });

module.exports = [
  {
    name: "everything a page loads (the root entry with lit, @floating-ui/dom and idb bundled; the Markdown export's serializer is loaded on first use), minified and gzipped",
    path: 'dist/index.js',
    import: '*',
    gzip: true,
    limit: '70.2 kB',
    ignore: ['mdast-util-to-markdown'],
    modifyEsbuildConfig: lazyTranslations,
  },
  {
    name: 'the root entry without its dependencies, minified and gzipped',
    path: 'dist/index.js',
    import: '*',
    ignore: ['lit', '@floating-ui/dom', 'idb', 'mdast-util-to-markdown'],
    gzip: true,
    limit: '55.8 kB',
    modifyEsbuildConfig: lazyTranslations,
  },
  {
    name: 'the core entry (essay-reader/core.js), without its dependencies, minified and gzipped',
    path: 'dist/core/index.js',
    import: '*',
    ignore: ['idb', 'mdast-util-to-markdown'],
    gzip: true,
    limit: '22.2 kB',
    modifyEsbuildConfig: lazyTranslations,
  },
];
