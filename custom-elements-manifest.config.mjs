export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/core/**'],
  outdir: '.',
  litelement: true,
};
