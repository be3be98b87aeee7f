import { fixture, html } from '@open-wc/testing';
import { resetMouse, sendMouse, setViewport } from '@web/test-runner-commands';
import '../src/index.js';
import { type Annotation, type AnnotationStore, type EssayReader } from '../src/index.js';
import { MemoryStore } from '../src/core/index.js';

/* A small reader over real prose (from the essay the demo shows), and the ways tests drive it. */

export const essay = `<h2>The book</h2>
  <p id="p1">When we speak of the human heart, we are speaking about a set of capacities and functions that are largely the domain of the limbic system.</p>
  <p id="p2">The emotional attachment that we require is effected through a process that the authors call limbic revision, whereby the neural networks of individuals in relationships are jointly remodeled.</p>
  <p id="p3">Proponents of embodied cognition hold that it is not possible to create an artificial intelligence that mimics a basically human mind.</p>`;

export async function reader(store: AnnotationStore = new MemoryStore(), attributes = ''): Promise<EssayReader> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const template = document.createElement('template');
  template.innerHTML = `<essay-reader document-id="test-doc" ${attributes}>${essay}</essay-reader>`;
  const el = template.content.firstElementChild as EssayReader;
  el.store = store;
  host.append(el);
  await el.updateComplete;
  await frames();
  return el;
}

/**
 * The hooks of a suite of reader tests: a 1400 px page (margin and rail beside the essay), no selection left
 * behind, and no annotations left in localStorage under the test document.
 */
export function onWideReaderPage() {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => getSelection()?.removeAllRanges());
  beforeEach(() => localStorage.removeItem('essay-reader:annotations:test-doc'));
}

export const frames = async (n = 2) => {
  for (let i = 0; i < n; i++) await new Promise(requestAnimationFrame);
};

export const cards = (r: EssayReader) => [...r.shadowRoot!.querySelectorAll('essay-annotation-card')];
export const toolbar = (r: EssayReader) => r.shadowRoot!.querySelector<HTMLElement>('[part="toolbar"]')!;

/** The text node of `paragraph` that holds `text` (markers may have split the paragraph's text). */
export function textNode(r: EssayReader, paragraph: string | null, text: string): Text {
  const walker = document.createTreeWalker(paragraph === null ? r : r.querySelector(paragraph)!, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node as Text).data.includes(text)) return node as Text;
  throw new Error(`no text node in ${paragraph} holds "${text}"`);
}

/** The box of the first `word` in `paragraph` (a selector), or anywhere in the reader's text when it is null. */
export function wordRect(r: EssayReader, paragraph: string | null, word: string): DOMRect {
  const node = textNode(r, paragraph, word);
  const at = node.data.indexOf(word);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + word.length);
  return range.getBoundingClientRect();
}

/** Selects a range of text in the essay the way scripts and assistive tools do. */
export function select(r: EssayReader, paragraph: string, text: string) {
  const node = textNode(r, paragraph, text);
  const at = node.data.indexOf(text);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + text.length);
  const selection = getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}

export const annotation = (exact: string, extra: Partial<Annotation> = {}): Annotation => ({
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: 'Annotation',
  motivation: 'commenting',
  body: [{ type: 'TextualBody', value: `On ${exact}`, format: 'text/plain', purpose: 'commenting' }],
  target: { source: 'test-doc', selector: [{ type: 'TextQuoteSelector', exact }] },
  created: new Date().toISOString(),
  ...extra,
});

/** Selects from the start of `first` to the end of `last` in `paragraph` with a real mouse drag. */
export async function dragSelect(r: EssayReader, paragraph: string, first: string, last: string) {
  const from = wordRect(r, paragraph, first);
  const to = wordRect(r, paragraph, last);
  await sendMouse({ type: 'move', position: [Math.round(from.left + 1), Math.round(from.top + from.height / 2)] });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'move', position: [Math.round(to.right - 1), Math.round(to.top + to.height / 2)] });
  await sendMouse({ type: 'up' });
  await resetMouse();
}

/** A reader whose passage #p2 sits below `paragraphs` paragraphs of other prose, so the page can scroll. */
export async function longReader(paragraphs = 30): Promise<EssayReader> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const filler = '<p>Theodore walks the sidewalk and the stairs to the subway while the camera pans out over more and more people.</p>'.repeat(paragraphs);
  host.innerHTML = `<essay-reader document-id="test-doc">${essay.replace('<p id="p2">', `${filler}<p id="p2">`)}</essay-reader>`;
  const r = host.querySelector('essay-reader')!;
  r.store = new MemoryStore();
  await r.updateComplete;
  await frames();
  return r;
}
