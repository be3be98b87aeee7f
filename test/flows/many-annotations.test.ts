import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { type Annotation, type EssayReader } from '../../src/index.js';
import { describeOffsets, MemoryStore } from '../../src/core/index.js';
import { paintedTexts } from '../highlights.js';
import { cards, dragSelect, frames } from '../helpers.js';
import { cardControl, readerControl, toolbarControl } from '../harness.js';

/*
 * With hundreds of annotations the reader renders only the cards near the viewport: every annotation keeps its
 * marker and highlight, and the reader scrolling or following a link finds its card there, level with its passage.
 */

const COUNT = 320;

/** A reader over the demo's essay (real prose, many screens long) holding COUNT annotations spread through it. */
async function manyReader(): Promise<{ r: EssayReader; items: Annotation[] }> {
  const page = new DOMParser().parseFromString(await (await fetch('/demo/index.html')).text(), 'text/html');
  const essay = page.querySelector('essay-reader')!.innerHTML;
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<essay-reader document-id="many-doc">${essay}</essay-reader>`;
  const r = host.querySelector('essay-reader')!;
  r.store = new MemoryStore();
  await r.updateComplete;
  await frames(2);
  const text = r.textIndex.text;
  const step = Math.floor(text.length / COUNT);
  const items = Array.from({ length: COUNT }, (_, i) => {
    const start = text.indexOf(' ', i * step) + 1;
    const end = text.indexOf(' ', start + 12);
    return {
      id: `urn:x-test:many:${i}`,
      type: 'Annotation',
      motivation: 'commenting',
      body: [{ type: 'TextualBody', value: `Note ${i}`, purpose: 'commenting' }],
      target: { source: 'many-doc', selector: describeOffsets(r.textIndex, start, end) },
    } as Annotation;
  });
  const report = await r.importAnnotations(items);
  expect(report.added).to.equal(COUNT);
  await r.updateComplete;
  await frames(3);
  return { r, items };
}

const onScreen = (el: Element | Range) => {
  const box = el.getBoundingClientRect();
  return box.bottom > 0 && box.top < innerHeight && box.height > 0;
};

describe(`a reader with ${COUNT} annotations`, function () {
  this.timeout(30_000);
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => scrollTo(0, 0));

  it('renders the cards, markers and highlights near the viewport only; every passage on screen is highlighted, wherever the reader scrolls', async () => {
    const { r, items } = await manyReader();
    scrollTo(0, 0);
    await waitUntil(() => cards(r).length > 0, 'cards near the top');
    await frames(3);
    const rendered = cards(r).length;
    expect(rendered, `${rendered} cards rendered of ${COUNT}`).to.be.below(COUNT / 2);
    const markers = [...r.querySelectorAll('[data-essay-note-marker]')].filter((m) => m.getAttribute('aria-label')!.startsWith('Your annotation'));
    expect(markers.length, 'markers for the passages near the viewport, not all 320 (each one costs a layout of the text)').to.be.below(COUNT / 2);
    expect(markers.length, 'one for each card shown').to.be.at.least(rendered);
    // Each highlight registered costs Chromium a check on every frame in which the page changes: only those near.
    expect(paintedTexts().length, 'highlights for the passages near the viewport, not all 320').to.be.below(COUNT / 2);
    const onScreenPassages = () => items.filter((a) => onScreen(r.rangeFor(a.id)!)).map((a) => r.rangeFor(a.id)!.toString());
    const top = onScreenPassages();
    expect(top.length, 'some passages on the first screen').to.be.above(3);
    expect(
      top.filter((t) => !paintedTexts().includes(t)),
      'every passage on screen is highlighted',
    ).to.deep.equal([]);
    // Far down the essay, the passages that come into view are highlighted as they come.
    const far = r.rangeFor(items[COUNT - 20].id)!;
    scrollBy(0, far.getBoundingClientRect().top - innerHeight / 2);
    await frames(3);
    const below = onScreenPassages();
    expect(below.length, 'some passages on that screen').to.be.above(3);
    expect(
      below.some((t) => top.includes(t)),
      'another screen',
    ).to.equal(false);
    await waitUntil(() => below.every((t) => paintedTexts().includes(t)), 'every passage scrolled to is highlighted');
    expect(r.annotations.length).to.equal(items.length);
  });

  it('leaves the essay alone while the page flies past (a screen a frame), then marks and shows what the reader stopped at', async () => {
    const { r, items } = await manyReader();
    scrollTo(0, 0);
    await frames(10);
    let frame = 0;
    const changedIn: number[] = [];
    // Markers going in or out of the text, cards into or out of the margin.
    const observer = new MutationObserver(() => changedIn.push(frame));
    observer.observe(r, { childList: true, subtree: true });
    observer.observe(r.shadowRoot!, { childList: true, subtree: true });
    const end = document.documentElement.scrollHeight - innerHeight;
    for (let y = innerHeight; y < end; y += innerHeight) {
      scrollTo(0, y);
      frame++;
      await frames(1);
    }
    const flung = frame;
    expect(flung, 'screens flown past').to.be.above(4);
    expect(
      changedIn.filter((f) => f > 2 && f < flung),
      'frames of the fling in which the essay or the margin changed',
    ).to.deep.equal([]);
    observer.disconnect();
    // Stopped: the passages on screen get their highlights, markers and cards.
    const here = items.filter((a) => onScreen(r.rangeFor(a.id)!));
    expect(here.length, 'passages on the screen stopped at').to.be.above(3);
    await waitUntil(() => here.every((a) => cards(r).some((c) => c.annotation?.id === a.id)), 'their cards are shown');
    await waitUntil(() => here.every((a) => paintedTexts().includes(r.rangeFor(a.id)!.toString())), 'their passages are painted');
    const labels = [...r.querySelectorAll('[data-essay-note-marker]')].map((m) => m.getAttribute('aria-label'));
    expect(
      here.filter((a) => !labels.includes(`Your annotation: ${(a.body as { value: string }[])[0].value}`)).map((a) => a.id),
      'without a marker',
    ).to.deep.equal([]);
  });

  it('renders the cards of the passages a reader scrolls to; a click on a marker brings its card level and on top', async () => {
    const { r, items } = await manyReader();
    const last = items[COUNT - 5];
    const range = r.rangeFor(last.id)!;
    (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
    await waitUntil(() => cards(r).some((c) => c.annotation?.id === last.id), 'its card is rendered once its passage is near');
    expect(
      cards(r).some((c) => c.annotation?.id === items[0].id),
      'the first one, far above, is not rendered',
    ).to.equal(false);
    await frames(2);

    const target = [...r.querySelectorAll<HTMLElement>('[data-essay-note-marker]')].find(
      (m) => m.getAttribute('aria-label') === 'Your annotation: Note ' + (COUNT - 5),
    )!;
    const box = target.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
    await resetMouse();
    await new Promise((resolve) => setTimeout(resolve, 400)); // the cards glide into place
    await frames(2);
    const card = cards(r).find((c) => c.annotation?.id === last.id)!;
    const passage = r.rangeFor(last.id)!.getClientRects()[0];
    expect(onScreen(card), 'on screen').to.equal(true);
    expect(Math.abs(card.getBoundingClientRect().top - passage.top), 'level with its passage').to.be.below(40);
    const cardBox = card.getBoundingClientRect();
    expect(r.shadowRoot!.elementFromPoint(cardBox.left + cardBox.width / 2, cardBox.top + 8) === card, 'and on top').to.equal(true);
  });

  it('follows a link to a far annotation: its card is rendered, opened level with its passage, and focused', async () => {
    const { r, items } = await manyReader();
    scrollTo(0, document.documentElement.scrollHeight);
    const first = items[3];
    // Near changes wait for the scroll to slow (a few frames): then the first cards, far above, are let go.
    await waitUntil(() => !cards(r).some((c) => c.annotation?.id === first.id), 'not rendered while far away');
    expect(r.goToLink(`#annotation-${encodeURIComponent(first.id)}`)).to.equal(true);
    await waitUntil(() => cards(r).some((c) => c.annotation?.id === first.id), 'rendered');
    const card = () => cards(r).find((c) => c.annotation?.id === first.id)!;
    await waitUntil(() => card().matches(':focus-within') || r.shadowRoot!.activeElement === card(), 'focused', { timeout: 3000 });
    await waitUntil(() => onScreen(card()), 'on screen', { timeout: 3000 });
    // The card glides into place (longer on a busy machine): it must arrive level with its passage, and stay.
    const offset = () => Math.abs(card().getBoundingClientRect().top - r.rangeFor(first.id)!.getClientRects()[0].top);
    await waitUntil(() => offset() < 40, 'level with its passage', { timeout: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(offset(), 'still level once the glide is over').to.be.below(40);
  });

  it('puts a deleted card back where it was, focused and in view, when the reader presses Undo', async () => {
    const { r, items } = await manyReader();
    const target = items[Math.floor(items.length / 3)];
    r.rangeFor(target.id)!.startContainer.parentElement!.scrollIntoView({ block: 'center' });
    await waitUntil(() => cards(r).some((c) => c.dataset.id === target.id), 'its card near the viewport');
    await frames(6);
    const scrolled = scrollY;
    cardControl(
      cards(r).find((c) => c.dataset.id === target.id)!,
      'delete',
    ).click();
    await waitUntil(() => !r.annotations.some((a) => a.id === target.id), 'deleted');
    await waitUntil(() => r.shadowRoot!.activeElement?.getAttribute('data-action') === 'undo', 'Undo has focus');
    expect(r.shadowRoot!.activeElement === readerControl(r, 'undo')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => r.annotations.some((a) => a.id === target.id), 'put back');
    await frames(4);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const card = cards(r).find((c) => c.dataset.id === target.id)!;
    // Compared as a boolean: chai describing a card of this reader, on failure, ran for minutes.
    expect(
      r.shadowRoot!.activeElement === card,
      `focus goes to the card put back, not to ${r.shadowRoot!.activeElement?.localName ?? document.activeElement?.localName}`,
    ).to.equal(true);
    const box = card.getBoundingClientRect();
    expect(box.top >= 0 && box.bottom <= innerHeight, `the card is in view (its top at ${Math.round(box.top)})`).to.equal(true);
    expect(Math.abs(box.top - r.rangeFor(target.id)!.getClientRects()[0].top), 'level with its passage').to.be.below(60);
    const onTop = r.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + 10);
    expect(onTop === card || card.contains(onTop), 'and on top').to.equal(true);
    expect(Math.abs(scrollY - scrolled), 'the page did not move').to.be.below(4);
  });

  it('keeps a new comment’s card level with its passage, in view and focused, once the reader saves it among many', async () => {
    const { r } = await manyReader();
    // Readers crowd the lines after a passage of section 2 with notes: the margin cannot put all their cards
    // beside their passages, and stacks them below.
    const text = r.textIndex.text;
    const from = text.indexOf('limbic revision') + 40;
    const crowd = Array.from({ length: 40 }, (_, i) => {
      const start = text.indexOf(' ', from + i * 30) + 1;
      return {
        id: `urn:x-test:many:crowd:${i}`,
        type: 'Annotation',
        motivation: 'commenting',
        body: [{ type: 'TextualBody', value: `Crowd ${i}`, purpose: 'commenting' }],
        target: { source: 'many-doc', selector: describeOffsets(r.textIndex, start, text.indexOf(' ', start + 8)) },
      } as Annotation;
    });
    expect((await r.importAnnotations(crowd)).added).to.equal(crowd.length);
    const paragraph = [...r.querySelectorAll('p')].find((p) => p.textContent!.includes('limbic revision'))!;
    paragraph.id ||= 'limbic';
    paragraph.scrollIntoView({ block: 'center' });
    await frames(6);
    const scrolled = scrollY;
    await dragSelect(r, `#${paragraph.id}`, 'limbic', 'revision');
    await waitUntil(() => !r.shadowRoot!.querySelector<HTMLElement>('[part="toolbar"]')!.hidden, 'toolbar shown');
    toolbarControl(r, 'comment').click();
    const mine = () => cards(r).find((c) => !c.dataset.id!.startsWith('urn:x-test:many'));
    await waitUntil(() => mine()?.shadowRoot!.activeElement?.localName === 'textarea', 'the editor has focus');
    await sendKeys({ type: 'The book the essay leans on.' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    const card = mine()!;
    await waitUntil(() => !card.editing, 'saved');
    // Long enough for the margin to lay out again and the card to glide wherever it goes.
    await frames(4);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(r.shadowRoot!.activeElement === card, 'focus stays with the card').to.equal(true);
    const box = card.getBoundingClientRect();
    expect(box.top >= 0 && box.bottom <= innerHeight, `the saved card is in view (its top at ${Math.round(box.top)})`).to.equal(true);
    const passage = r.rangeFor(card.dataset.id!)!.getClientRects()[0];
    expect(Math.abs(box.top - passage.top), 'level with its passage').to.be.below(60);
    const onTop = r.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + 10);
    expect(onTop === card || card.contains(onTop), 'and on top').to.equal(true);
    expect(cardControl(card, 'edit').isConnected, 'showing the saved comment, with Edit').to.equal(true);
    expect(Math.abs(scrollY - scrolled), 'the page did not move').to.be.below(4);
    await resetMouse();
  });
});

describe('a reader with 250 author notes', function () {
  this.timeout(30_000);
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => scrollTo(0, 0));

  /** The demo's essay with a note after every paragraph's first words, 250 in all (several per paragraph). */
  async function notesReader(): Promise<EssayReader> {
    const page = new DOMParser().parseFromString(await (await fetch('/demo/index.html')).text(), 'text/html');
    const source = page.querySelector('essay-reader')!;
    source.querySelectorAll('essay-note').forEach((n) => n.remove());
    const paragraphs = [...source.querySelectorAll('p')].filter((p) => (p.textContent ?? '').split(/\s+/).length > 30);
    let made = 0;
    for (let round = 0; made < 250; round++) {
      for (const p of paragraphs) {
        if (made === 250) break;
        const words = (p.textContent ?? '').trim().split(/\s+/);
        const quote = words.slice(round * 4, round * 4 + 3).join(' ');
        if (words.length < round * 4 + 3) continue;
        const note = page.createElement('essay-note');
        note.setAttribute('quote', quote);
        note.setAttribute('occurrence', '1');
        note.textContent = `Note ${++made} on “${quote}”`;
        p.after(note);
      }
    }
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = `<essay-reader document-id="many-notes">${source.innerHTML}</essay-reader>`;
    const r = host.querySelector('essay-reader')!;
    r.store = new MemoryStore();
    await r.updateComplete;
    await frames(4);
    return r;
  }

  it('lays out only the notes near the viewport; the far ones are hidden until their passage comes near', async () => {
    const r = await notesReader();
    const notes = [...r.querySelectorAll('essay-note')];
    expect(notes.length).to.equal(250);
    await waitUntil(() => notes.some((n) => n.hasAttribute('data-essay-far')), 'far notes are set aside');
    const shown = notes.filter((n) => !n.hasAttribute('data-essay-far'));
    expect(shown.length, `${shown.length} laid out`).to.be.below(200);
    expect(shown.length).to.be.greaterThan(0);
    const last = notes[notes.length - 1];
    const lastPassage = r.rangeFor(last.id)!;
    const highlighted = (note: Element) => paintedTexts().includes(r.rangeFor(note.id)!.toString());
    expect(highlighted(shown[0]), 'a passage near the top is highlighted').to.equal(true);
    expect(highlighted(last), 'a passage far below is not highlighted yet (each highlight costs every frame)').to.equal(false);
    (lastPassage.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
    await waitUntil(() => !last.hasAttribute('data-essay-far'), 'a note comes back when its passage is near');
    await waitUntil(() => highlighted(last), 'and its passage is highlighted');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(onScreen(last) || last.getBoundingClientRect().top > 0, 'and is placed in the margin, not at the top').to.equal(true);
  });

  it('opens a far note from its marker, level with its passage, focused', async () => {
    const r = await notesReader();
    const notes = [...r.querySelectorAll('essay-note')];
    const target = notes[200];
    const passage = r.rangeFor(target.id)!;
    (passage.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
    await frames(3);
    r.openNote(target.id);
    await waitUntil(() => document.activeElement === target || target.matches(':focus-within'), 'focused');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const top = r.rangeFor(target.id)!.getClientRects()[0].top;
    expect(Math.abs(target.getBoundingClientRect().top - top), 'level with its passage').to.be.below(40);
    expect(onScreen(target)).to.equal(true);
  });
});
