// CI: the package in Node, as a server renders it. Every entry imports without a browser (no window, no
// document), and the demo essay renders with @lit-labs/ssr: each element's shadow root as declarative shadow DOM,
// the essay's own HTML untouched in the light DOM, a pull-quote with its words. Run after `npm run build`.
import { demoEssay } from './demo-essay.mjs';
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

const entries = [
  'index.js',
  'core/index.js',
  'react/index.js',
  'jsx.js',
  'shared/index.js',
  ...['essay-reader', 'essay-toc', 'essay-pullquote', 'essay-note'].map((tag) => `elements/${tag}/define.js`),
];
for (const entry of entries) await import(`../dist/${entry}`);

const { render } = await import('@lit-labs/ssr');
const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
const essay = demoEssay('ssr-check');
const quote = 'it’s in this endless space between the words that I’m finding myself now';
const out = await collectResult(
  render(html`<essay-reader document-id="ssr">${unsafeHTML(essay)}<essay-pullquote quote=${quote}></essay-pullquote></essay-reader>`),
);

const problems = [];
const expect = (ok, what) => ok || problems.push(what);
expect(/<essay-reader[^>]*><template shadowroot(mode)?="open"/.test(out), "essay-reader's shadow root is declarative shadow DOM");
expect(out.includes('part="essay"') && out.includes('<slot></slot>'), 'the essay column slots the light DOM');
expect(out.includes('<h2>Spike Jonze sets up a profoundly interesting parallel'), 'the essay’s own HTML is in the light DOM, as written');
expect(/<essay-pullquote[^>]*><template shadowroot(mode)?="open"/.test(out), "the pull-quote's shadow root is rendered");
expect(out.includes('endless space between the words'), 'the pull-quote carries its words');
// The plain-text core, as a server re-anchors annotations: no DOM anywhere, positions counting the raw string.
const { TextIndex, describeOffsets, locate } = await import('../dist/core/index.js');
const plain = essay.replace(/<[^>]+>/g, ' ');
const passage = 'space between the words';
const before = TextIndex.fromText(plain);
const at = before.text.indexOf(passage);
const selectors = describeOffsets(before, at, at + passage.length);
expect(selectors[1].start === plain.indexOf(passage), 'a position counts the raw string, as other tools count it');
const edited = TextIndex.fromText(`A new first paragraph. ${plain.replace(passage, 'space between all the words')}`);
const match = locate(selectors, edited);
expect(match && edited.text.slice(match.start, match.end) === 'space between all the words', 'an edited passage is found again on a server');
let refusal = '';
try {
  before.rangeFor(0, 1);
} catch (error) {
  refusal = String(error);
}
expect(/TypeError: TextIndex.rangeFor: .*no DOM/.test(refusal), 'asking a string index for a DOM range is a clear TypeError, not a ReferenceError');
if (problems.length) {
  console.error(`ssr-check: the server rendering is wrong: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(
  `ssr-check: ${entries.length} entries import in Node; the demo essay renders (${out.length.toLocaleString('en')} characters); annotations re-anchor on its plain text`,
);
