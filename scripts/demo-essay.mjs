// The demo essay's HTML, as written inside <essay-reader> in demo/index.html: what the server-rendering scripts
// render (ssr-check.mjs in CI, ssr-render.mjs for the hydration test).
import { readFileSync } from 'node:fs';

/** @param {string} who the script asking, for the error when the demo has no reader */
export function demoEssay(who) {
  const page = readFileSync(new URL('../demo/index.html', import.meta.url), 'utf8');
  const essay = /<essay-reader[^>]*>([\s\S]*)<\/essay-reader>/.exec(page)?.[1];
  if (!essay) throw new Error(`${who}: demo/index.html has no <essay-reader>`);
  return essay;
}
