import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EssayReader } from '../../src/index.js';
import { BUNDLED_LANGUAGES, loadStrings } from '../../src/i18n/locale.js';
import { en, type EssayStrings } from '../../src/i18n/strings.js';
import { toolbarControl, cardControl } from '../harness.js';
import { cards, essay, frames, select } from '../helpers.js';
import { MemoryStore } from '../../src/core/index.js';

/* The reader speaks the page's language: every text it shows or says comes from one table per language, picked by
   the nearest `lang`, and a page can override any of them per reader. */

async function readerIn(attributes: string, content = essay, wrapper = ''): Promise<EssayReader> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<div ${wrapper}><essay-reader document-id="lang-doc" ${attributes}>${content}</essay-reader></div>`;
  const r = host.querySelector('essay-reader')!;
  r.store = new MemoryStore();
  await r.updateComplete;
  await frames();
  return r;
}

const shadowText = (r: EssayReader, selector: string) => r.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

describe('languages', () => {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => {
    getSelection()?.removeAllRanges();
    localStorage.removeItem('essay-reader:annotations:lang-doc');
  });

  it('speaks German under lang="de": contents, reading time, toolbar, card, marker and status', async () => {
    const r = await readerIn('lang="de"');
    await waitUntil(() => shadowText(r, '[part="toc-toggle"]') === 'Inhalt', 'the German strings load and the rail re-renders');
    expect(shadowText(r, '[part="reading-time"]')).to.match(/^1 Min\.? Lesezeit$/);
    expect(r.querySelector('h2 [data-essay-self-link]')!.getAttribute('title')).to.equal('Link zum Abschnitt: The book');
    select(r, '#p2', 'limbic revision');
    document.dispatchEvent(new Event('selectionchange'));
    await waitUntil(() => !toolbarControl(r, 'highlight').closest('[part="toolbar"]')!.hasAttribute('hidden'), 'the toolbar shows');
    expect(toolbarControl(r, 'highlight').textContent!.trim()).to.equal('Markieren');
    expect(toolbarControl(r, 'highlight').closest('[part="toolbar"]')!.getAttribute('aria-label')).to.equal('Auswahl annotieren');
    toolbarControl(r, 'highlight').click();
    await waitUntil(() => cards(r).length === 1, 'a card');
    const card = cards(r)[0];
    await card.updateComplete;
    expect(cardControl(card, 'delete').textContent!.trim()).to.equal('Löschen');
    expect(card.getAttribute('aria-label')).to.equal('Ihre Notiz zu „limbic revision“');
    expect(card.shadowRoot!.querySelector('[part="meta"]')!.textContent!.trim()).to.equal('gerade eben');
    expect(r.querySelector('[data-essay-note-marker]')!.getAttribute('aria-label')).to.equal('Ihre Annotation: Markierung: limbic revision');
    expect(shadowText(r, '[part="status"]')).to.equal('Markiert.');
  });

  it('switches language when the page changes lang, without a reload', async () => {
    const r = await readerIn('lang="en"', `${essay}<essay-note quote="limbic revision"><p>Lewis, Amini and Lannon.</p></essay-note>`);
    expect(shadowText(r, '[part="toc-toggle"]')).to.equal('Contents');
    const note = r.querySelector('essay-note')!;
    expect(note.getAttribute('aria-label')).to.equal('Note on “limbic revision”');
    r.setAttribute('lang', 'fr');
    await waitUntil(() => shadowText(r, '[part="toc-toggle"]') === 'Sommaire', 'the rail speaks French');
    await waitUntil(() => note.getAttribute('aria-label') === 'Note sur «\u00a0limbic revision\u00a0»', 'the note is named in French');
    expect(r.querySelector('h2 [data-essay-self-link]')!.getAttribute('title')).to.equal('Lien vers la section\u00a0: The book');
    expect(note.shadowRoot!.querySelector('[part="back"]')!.textContent!.trim()).to.equal('Retour au passage');
    const toc = r.shadowRoot!.querySelector('essay-toc')!;
    await toc.updateComplete;
    expect(toc.shadowRoot!.querySelector('nav')!.getAttribute('aria-label')).to.equal('Sommaire');
  });

  it('takes the language from an ancestor, and a page’s own strings over it', async () => {
    const r = await readerIn('', essay, 'lang="es-MX"');
    await waitUntil(() => shadowText(r, '[part="toc-toggle"]') === 'Índice', 'Spanish from the wrapper (es-MX speaks es)');
    r.strings = { contents: 'Tabla de contenido', readingTime: (d) => `Lectura: ${d}` };
    await waitUntil(() => shadowText(r, '[part="toc-toggle"]') === 'Tabla de contenido', 'the override shows');
    expect(shadowText(r, '[part="reading-time"]')).to.equal('Lectura: 1 min');
    r.strings = null;
    await waitUntil(() => shadowText(r, '[part="toc-toggle"]') === 'Índice', 'and goes again');
  });

  it('refuses strings that are unknown or of the wrong kind, saying which', async () => {
    const r = await readerIn('');
    expect(() => (r.strings = { contnets: 'x' } as unknown as Partial<EssayStrings>)).to.throw(
      TypeError,
      '<essay-reader>: strings.contnets: there is no such string',
    );
    expect(() => (r.strings = { readingTime: '5 min' } as unknown as Partial<EssayStrings>)).to.throw(
      TypeError,
      'strings.readingTime: expected a function that returns a string, got string',
    );
    expect(() => (r.strings = 'de' as unknown as Partial<EssayStrings>)).to.throw(TypeError, 'expected an object of strings, got string');
    expect(shadowText(r, '[part="toc-toggle"]')).to.equal('Contents');
  });

  it('lays out right to left in Arabic: margin on the left, rail on the right, notes on top and in view', async () => {
    // Article 1 of the Universal Declaration of Human Rights, in the United Nations' Arabic text.
    const arabic = `<h2>المادة ١</h2><p id="a1">يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا وعليهم أن يعامل بعضهم بعضًا بروح الإخاء.</p>
      <essay-note quote="في الكرامة والحقوق"><p>الكرامة أولًا.</p></essay-note>`;
    const r = await readerIn('', arabic, 'lang="ar" dir="rtl"');
    await waitUntil(() => shadowText(r, '[part="toc-toggle"]') === 'المحتويات', 'Arabic strings');
    const note = r.querySelector('essay-note')!;
    await waitUntil(() => note.layout === 'margin', 'the note is in the margin');
    await frames();
    const column = r.shadowRoot!.querySelector('[part="essay"]')!.getBoundingClientRect();
    const noteBox = note.getBoundingClientRect();
    const rail = r.shadowRoot!.querySelector('[part="rail"]')!.getBoundingClientRect();
    expect(noteBox.right, 'the margin is left of the essay').to.be.at.most(column.left);
    expect(rail.left, 'the rail is right of the essay').to.be.at.least(column.right);
    expect(noteBox.left).to.be.at.least(0);
    const hit = document.elementFromPoint(noteBox.left + noteBox.width / 2, noteBox.top + 8);
    expect(note.contains(hit) || note.shadowRoot!.contains(hit), 'the note is on top where it is drawn').to.equal(true);
    expect(note.getAttribute('aria-label')).to.equal('ملاحظة على «\u2068في الكرامة والحقوق\u2069»');
  });
});

describe('bundled translations', () => {
  it('are complete: every string English has, of the same kind, saying what they are given', async () => {
    expect(BUNDLED_LANGUAGES).to.include.members(['en', 'de', 'fr', 'es', 'ja', 'ar']);
    for (const lang of BUNDLED_LANGUAGES) {
      const strings = await loadStrings(lang);
      expect(strings.lang, `${lang} loads its own strings`).to.equal(lang);
      for (const key of Object.keys(en) as (keyof EssayStrings)[]) {
        const value = strings[key];
        expect(typeof value, `${lang}.${key}`).to.equal(typeof en[key]);
        if (typeof value === 'function') {
          const said = (value as (...a: string[]) => string)('ARG1', 'ARG2');
          expect(said, `${lang}.${key} says what it is given`).to.contain(key === 'noteMarker' ? 'ARG2' : 'ARG1');
        }
        if (lang !== 'en' && typeof value === 'string' && key !== 'lang') expect(value, `${lang}.${key} is translated`).to.not.equal(en[key]);
      }
      expect(Object.keys(strings.colours).sort()).to.deep.equal(Object.keys(en.colours).sort());
    }
  });
});
