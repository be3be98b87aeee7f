// Vite's `?raw` imports (and the test runner's, scripts/docs-servers.mjs): a file's text.
declare module '*?raw' {
  const text: string;
  export default text;
}
