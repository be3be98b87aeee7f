// Writes essay-reader.css (the stylesheet pages link before the script) from src/styles/*.ts, the same sources
// the elements use, so the two cannot drift. Part of `npm run analyze`; CI checks the committed file is current.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';

const result = await build({ entryPoints: ['src/styles/stylesheet.ts'], bundle: true, format: 'esm', platform: 'node', write: false });
const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`;
const { stylesheet } = await import(url);
writeFileSync(new URL('../essay-reader.css', import.meta.url), stylesheet);
