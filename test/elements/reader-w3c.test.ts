import { expect } from '@open-wc/testing';
import { type Annotation } from '../../src/index.js';
import { MemoryStore } from '../../src/core/index.js';
import { W3C_ANNOTATIONS } from '../data/w3c-annotation-examples.js';
import { cards, reader } from '../helpers.js';

/* The recommendation's examples, pointed at this essay, go through the reader: imported, stored, shown, exported. */

const DOC = 'test-doc';

/** The example with every document it targets replaced by this essay (bodies are left as they are). */
function onThisEssay(json: Record<string, unknown>): Record<string, unknown> {
  const target = (t: unknown): unknown => {
    if (typeof t === 'string') return DOC;
    const o = t as Record<string, unknown>;
    if (Array.isArray(o.items)) return { ...o, items: o.items.map(target) };
    if ('source' in o) return { ...o, source: typeof o.source === 'string' ? DOC : { ...(o.source as object), id: DOC } };
    return { ...o, id: DOC };
  };
  const copy = structuredClone(json);
  copy.target = Array.isArray(copy.target) ? copy.target.map(target) : target(copy.target);
  return copy;
}

describe('reader annotations: every W3C example', () => {
  it('imports all 41 annotation examples, shows each, keeps them through a reload and exports them unchanged', async () => {
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    try {
      const store = new MemoryStore();
      const r = await reader(store);
      const items = W3C_ANNOTATIONS.map((e) => onThisEssay(e.json));
      const report = await r.importAnnotations(JSON.stringify(items));
      expect(report.rejected).to.deep.equal([]);
      expect(report.added).to.equal(41);
      await r.updateComplete;
      const shown = new Set(cards(r).map((c) => c.annotation?.id));
      const unanchored = new Set(r.orphanAnnotations.map((a) => a.id));
      const missing = items.map((i) => i.id as string).filter((id) => !shown.has(id) && !unanchored.has(id));
      expect(missing, 'each is a card (in the margin or among the page notes) or listed as unanchored').to.deep.equal([]);
      expect(r.pageNotes.length, 'the ones about the whole page').to.be.greaterThan(30);

      const pageNotes = r.shadowRoot!.querySelector('[part="page-notes"]')!;
      const card = (id: string) => [...pageNotes.querySelectorAll('essay-annotation-card')].find((c) => c.annotation?.id === id)!;
      for (const c of pageNotes.querySelectorAll('essay-annotation-card')) await (c as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      expect(card('http://example.org/anno6').shadowRoot!.textContent, 'a String Body is its comment').to.include('Comment text');
      expect(card('http://example.org/anno39').shadowRoot!.textContent, 'a note on a Composite of pages').to.include('These pages together provide evidence');
      expect(unanchored.has('http://example.org/anno38'), 'a passage only an XPointer finds is unanchored, not placed by positions counted inside it').to.equal(
        true,
      );
      const orphans = [...r.shadowRoot!.querySelectorAll('li')].find((li) => li.textContent!.includes('I really love this particular bit of text'));
      expect(orphans !== undefined, 'listed with its comment: the first option of its Choice').to.equal(true);
      const html = card('http://example.org/anno5').shadowRoot!;
      expect(html.textContent, 'an HTML body is shown as its text').to.include("<p>j'adore !</p>");
      expect(
        html.querySelector('p') === null || ![...html.querySelectorAll('p')].some((p) => p.textContent === "j'adore !"),
        'and never parsed into elements',
      ).to.equal(true);

      // A reload: a new reader over the same store.
      r.remove();
      const again = await reader(store);
      const exported = again.exportAnnotations().first.items;
      const byId = new Map(exported.map((a: Annotation) => [a.id, a]));
      for (const item of items) {
        const { '@context': _context, ...rest } = item;
        expect(byId.get(item.id as string), `${item.id} written back unchanged`).to.deep.equal(rest);
      }
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
  });
});
