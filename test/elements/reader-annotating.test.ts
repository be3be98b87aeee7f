import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import { type EssayReader } from '../../src/index.js';
import { LocalStorageStore, MemoryStore } from '../../src/core/index.js';
import { FakeStorage } from '../core/store/fake-storage.js';
import { paintedTexts } from '../highlights.js';
import { annotation, cards, dragSelect, frames, longReader, reader, select, toolbar, wordRect, onWideReaderPage } from '../helpers.js';
import { cardControl, readerControl, toolbarControl } from '../harness.js';

describe('annotating by hand: selection, toolbar, card, colour, re-attach', () => {
  onWideReaderPage();

  it('creates a highlight from a mouse selection through the toolbar', async () => {
    const r = await reader();
    const from = wordRect(r, '#p2', 'limbic');
    const to = wordRect(r, '#p2', 'revision');
    await sendMouse({ type: 'move', position: [Math.round(from.left + 1), Math.round(from.top + from.height / 2)] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(to.right - 1), Math.round(to.top + to.height / 2)] });
    expect(toolbar(r).hidden, 'hidden while the pointer is down').to.equal(true);
    await sendMouse({ type: 'up' });
    await resetMouse();
    await waitUntil(() => !toolbar(r).hidden, 'toolbar shown');
    const bar = toolbar(r).getBoundingClientRect();
    expect(bar.left).to.be.at.least(0);
    expect(bar.right).to.be.at.most(innerWidth);
    expect(bar.bottom).to.be.at.most(innerHeight);
    const created = oneEvent(r, 'essay-annotation-create');
    toolbarControl(r, 'highlight').click();
    const { detail } = await created;
    expect((detail.annotation.target as { selector: { exact?: string }[] }).selector[0].exact).to.equal('limbic revision');
    await waitUntil(() => cards(r).length === 1, 'a card in the margin');
    expect(paintedTexts()).to.include('limbic revision');
    // The words the reader sees: a highlight's card offers to comment (a comment's, to edit).
    expect(cardControl(cards(r)[0], 'edit').textContent!.trim()).to.equal('Comment');
  });

  it('opens the editor of a new comment where the reader is, without moving the page', async () => {
    const r = await longReader();
    r.querySelector('#p2')!.scrollIntoView({ block: 'center' });
    await frames();
    const before = scrollY;
    expect(before, 'the passage is far down the page').to.be.greaterThan(800);
    await dragSelect(r, '#p2', 'limbic', 'revision');
    await waitUntil(() => !toolbar(r).hidden, 'toolbar shown');
    toolbarControl(r, 'comment').click();
    await waitUntil(() => cards(r)[0]?.shadowRoot!.activeElement?.localName === 'textarea', 'the editor has focus');
    const field = () => cards(r)[0].shadowRoot!.querySelector('textarea')!.getBoundingClientRect();
    // The margin lays the new card out beside its passage (it may glide there).
    await waitUntil(() => field().top >= 0 && field().bottom <= innerHeight, 'the editor comes into view', { timeout: 3000 });
    expect(Math.abs(scrollY - before), 'the page did not move').to.be.below(4);
    const editor = field();
    expect(editor.top, 'the editor is inside the viewport').to.be.at.least(0);
    expect(editor.bottom).to.be.at.most(innerHeight);
    const x = editor.left + editor.width / 2;
    const y = editor.top + editor.height / 2;
    const onTop = cards(r)[0].shadowRoot!.elementFromPoint(x, y);
    expect(onTop?.localName, 'and on top').to.equal('textarea');
    r.parentElement!.remove();
  });

  it('keeps a draft when Escape closes the editor, leaves no empty comment, and gives focus back to the card', async () => {
    const r = await reader();
    select(r, '#p2', 'limbic revision');
    document.dispatchEvent(new Event('selectionchange'));
    await waitUntil(() => !toolbar(r).hidden, 'toolbar shown');
    toolbarControl(r, 'comment').click();
    await waitUntil(() => cards(r)[0]?.shadowRoot!.activeElement?.localName === 'textarea', 'the editor has focus');
    await sendKeys({ type: 'half a thought' });
    await sendKeys({ press: 'Escape' });
    const card = cards(r)[0];
    await waitUntil(() => !card.editing, 'the editor closed');
    await card.updateComplete;
    expect(document.activeElement, 'focus stays with the card, not <body>').to.equal(r);
    expect(card.shadowRoot!.activeElement?.textContent?.trim(), 'on its Comment button').to.equal('Comment');
    expect(r.annotations[0].motivation, 'no empty comment left behind').to.equal('highlighting');
    expect(card.shadowRoot!.textContent, 'the card says a draft is kept').to.include('Draft');
    cardControl(card, 'edit').click();
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('textarea')!.value, 'reopening restores the draft').to.equal('half a thought');
  });

  it('moves through the toolbar with arrow keys, Home and End, as one tab stop', async () => {
    const r = await reader();
    select(r, '#p2', 'limbic revision');
    document.dispatchEvent(new Event('selectionchange'));
    await waitUntil(() => !toolbar(r).hidden, 'toolbar shown');
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'KeyA' });
    await sendKeys({ up: 'Alt' });
    const focused = () => r.shadowRoot!.activeElement?.textContent?.trim();
    await waitUntil(() => focused() === 'Highlight', 'focus in the toolbar');
    const steps: string[] = [];
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowLeft', 'End', 'Home']) {
      await sendKeys({ press: key });
      steps.push(focused()!);
    }
    expect(steps).to.deep.equal(['Comment', 'Copy link', 'Highlight', 'Copy link', 'Copy link', 'Highlight']);
    const stops = [...toolbar(r).querySelectorAll('button')].filter((b) => b.tabIndex === 0).length;
    expect(stops, 'one button in the tab order').to.equal(1);
  });

  it('creates a comment by keyboard: Shift+arrows, Alt+A to the toolbar, type, Ctrl+Enter', async () => {
    const r = await reader();
    // Start from a selection of the first letter (as caret browsing would) and extend it with Shift+arrows.
    select(r, '#p3', 'P');
    await sendKeys({ down: 'Shift' });
    for (let i = 1; i < 'Proponents'.length; i++) await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ up: 'Shift' });
    expect(getSelection()!.toString()).to.equal('Proponents');
    await waitUntil(() => !toolbar(r).hidden, 'toolbar shown for a keyboard selection');
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'KeyA' });
    await sendKeys({ up: 'Alt' });
    await waitUntil(() => r.shadowRoot!.activeElement === toolbarControl(r, 'highlight'), 'focus in the toolbar');
    // A toolbar is one tab stop: the arrow keys move within it.
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cards(r)[0]?.shadowRoot?.querySelector('textarea'), 'the comment box is open');
    await waitUntil(() => cards(r)[0].shadowRoot!.activeElement?.localName === 'textarea', 'focus in the comment box');
    await sendKeys({ type: 'Who are they?' });
    const updated = oneEvent(r, 'essay-annotation-update');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    const { detail } = await updated;
    expect((detail.annotation.body as { value: string }[])[0].value).to.equal('Who are they?');
    expect(detail.annotation.motivation).to.equal('commenting');
    await waitUntil(() => cards(r)[0].shadowRoot!.querySelector('[part="body"]')?.textContent === 'Who are they?');
  });

  it('ignores selections outside the essay text and dismisses the toolbar with Escape', async () => {
    const r = await reader();
    select(r, '#p1', 'human heart');
    await waitUntil(() => !toolbar(r).hidden);
    await sendKeys({ press: 'Escape' });
    expect(toolbar(r).hidden).to.equal(true);
    const heading = r.querySelector('h2 [data-essay-section-number]')!;
    const range = document.createRange();
    range.selectNodeContents(heading);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    await frames();
    expect(toolbar(r).hidden).to.equal(true);
  });

  it('edits, replies, deletes and undoes the delete', async () => {
    const store = new MemoryStore();
    const r = await reader(store);
    const first = await r.addAnnotation(annotation('limbic revision'));
    await waitUntil(() => cards(r).length === 1);
    const card = cards(r)[0];
    cardControl(card, 'edit').click();
    await card.updateComplete;
    card.shadowRoot!.querySelector('textarea')!.value = 'Remodelled, together.';
    cardControl(card, 'save').click();
    await waitUntil(() => card.shadowRoot!.querySelector('[part="body"]')?.textContent === 'Remodelled, together.', 'edited');
    expect(cardControl(card, 'edit').textContent!.trim()).to.equal('Edit');
    cardControl(card, 'reply').click();
    await card.updateComplete;
    card.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea.reply')!.value = 'Like a duet.';
    cardControl(card, 'post-reply').click();
    await waitUntil(() => card.shadowRoot!.querySelector('[part="replies"]')?.textContent?.includes('Like a duet.'), 'reply shown');
    expect((await store.load('test-doc')).length).to.equal(2);

    const deleted = oneEvent(r, 'essay-annotation-delete');
    cardControl(card, 'delete').click();
    await deleted;
    await waitUntil(() => cards(r).length === 0, 'card gone');
    expect(await store.load('test-doc')).to.deep.equal([]);
    const status = r.shadowRoot!.querySelector('[part="status"]')!;
    expect(status.textContent).to.contain('Annotation deleted.');
    readerControl(r, 'undo', status).click();
    await waitUntil(() => cards(r).length === 1, 'card back');
    const restored = await store.load('test-doc');
    expect(restored.map((a) => a.id)).to.include(first!.id);
    expect(restored.length).to.equal(2);
    expect(cards(r)[0].shadowRoot!.querySelector('[part="replies"]')!.textContent).to.contain('Like a duet.');
  });

  it('annotates a selection that starts in a heading and crosses paragraphs and a pull-quote', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const r = document.createElement('essay-reader') as EssayReader;
    r.store = new MemoryStore();
    r.innerHTML = `<h2>The book</h2><p id="a">First paragraph.</p><essay-pullquote>Own words.</essay-pullquote><p id="b">Second paragraph.</p>`;
    host.append(r);
    await r.updateComplete;
    await frames();
    const range = document.createRange();
    range.setStart(r.querySelector('h2 [data-essay-section-number]')!.firstChild!, 0);
    range.setEnd(r.querySelector('#b')!.firstChild!, 6);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    await waitUntil(() => !toolbar(r).hidden, 'toolbar for a selection starting in a section number');
    toolbarControl(r, 'highlight').click();
    await waitUntil(() => r.annotations.length === 1);
    expect(r.rangeFor(r.annotations[0].id)!.toString().replace(/\s+/g, ' ')).to.equal('The book#First paragraph.Own words.Second');
  });

  it('changes an annotation’s colour (a W3C tagging body) and repaints it', async () => {
    const r = await reader();
    const a = (await r.addAnnotation(annotation('limbic revision')))!;
    await waitUntil(() => cards(r).length === 1);
    const select = cards(r)[0].shadowRoot!.querySelector('select')!;
    select.value = 'green';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => JSON.stringify(r.annotations.find((x) => x.id === a.id)!.body).includes('"purpose":"tagging"'));
    await frames();
    expect(paintedTexts('essay-hl-green-')).to.include('limbic revision');
  });

  it('shows a recoloured highlight in its own colour after a reload, with no comment made of the colour tag', async () => {
    const storage = new FakeStorage();
    const first = await reader(new LocalStorageStore({ storage }));
    // A plain highlight, recoloured pink: its only body is the W3C tagging body that holds the colour.
    await first.addAnnotation(
      annotation('limbic revision', { motivation: 'highlighting', body: [{ type: 'TextualBody', value: 'pink', purpose: 'tagging' }] }),
    );
    first.remove();
    const second = await reader(new LocalStorageStore({ storage }));
    await waitUntil(() => cards(second).length === 1, 'the annotation is back');
    await frames();
    const card = cards(second)[0];
    expect(card.shadowRoot!.querySelector('select')!.value, 'the colour menu').to.equal('pink');
    expect(paintedTexts('essay-hl-pink-'), 'the colour painted').to.include('limbic revision');
    expect(card.shadowRoot!.querySelector('[part="body"]'), 'no comment').to.equal(null);
    expect(card.shadowRoot!.querySelector('.actions button')!.textContent!.trim()).to.equal('Comment');
  });

  it('re-attaches an unanchored annotation to a new selection', async () => {
    const r = await reader();
    const lost = (await r.addAnnotation(annotation('words that were edited away')))!;
    await r.updateComplete;
    await waitUntil(() => r.orphanAnnotations.length === 1);
    select(r, '#p3', 'embodied cognition');
    const panel = r.shadowRoot!.querySelector('[part="orphans"]')!;
    readerControl(r, 'reattach', panel).click();
    await waitUntil(() => r.orphanAnnotations.length === 0, 'no longer an orphan');
    expect(r.rangeFor(lost.id)!.toString()).to.equal('embodied cognition');
  });
});

describe('reader annotations on a narrow layout', () => {
  before(() => setViewport({ width: 600, height: 800 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('opens a note followed by link straight after it was added, instead of throwing', async () => {
    const r = await reader();
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    try {
      const [note] = await Promise.all([r.addAnnotation(annotation('embodied cognition'))]);
      // The link is followed before the margin has laid the new card out as a popover.
      expect(r.goToLink(`#annotation-${encodeURIComponent(note!.id)}`)).to.equal(true);
      await waitUntil(() => cards(r)[0]?.matches(':popover-open'), 'its popover opens once laid out');
      await frames(2);
      const box = cards(r)[0].getBoundingClientRect();
      expect(box.top >= 0 && box.bottom <= innerHeight, 'on screen').to.equal(true);
      const hit = r.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + Math.min(20, box.height / 2));
      expect(hit === cards(r)[0], 'and on top').to.equal(true);
      cards(r)[0].hidePopover();
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
  });

  it('opens the editor in a popover when Comment is pressed on a phone-width page', async () => {
    await setViewport({ width: 390, height: 800 });
    try {
      const r = await reader();
      r.querySelector('#p2')!.scrollIntoView({ block: 'center' });
      await frames();
      const before = scrollY;
      select(r, '#p2', 'limbic revision');
      document.dispatchEvent(new Event('selectionchange'));
      await waitUntil(() => !toolbar(r).hidden, 'toolbar shown');
      toolbarControl(r, 'comment').click();
      await waitUntil(() => cards(r)[0]?.matches(':popover-open'), 'the card opens as a popover');
      await waitUntil(() => cards(r)[0].shadowRoot!.activeElement?.localName === 'textarea', 'the editor has focus');
      await frames(3);
      const field = cards(r)[0].shadowRoot!.querySelector('textarea')!.getBoundingClientRect();
      expect(field.top, 'the editor is on screen').to.be.at.least(0);
      expect(field.bottom).to.be.at.most(innerHeight);
      expect(cards(r)[0].shadowRoot!.elementFromPoint(field.left + field.width / 2, field.top + field.height / 2)?.localName, 'and on top').to.equal(
        'textarea',
      );
      expect(Math.abs(scrollY - before), 'the page did not move').to.be.below(4);
      cards(r)[0].hidePopover();
    } finally {
      await setViewport({ width: 600, height: 800 });
    }
  });

  it('opens a card from its marker as a popover; Escape, an outside click and the marker close it', async () => {
    const r = await reader();
    await r.addAnnotation(annotation('limbic revision'));
    await waitUntil(() => cards(r).length === 1 && cards(r)[0].layout === 'popover', 'card in popover mode');
    const card = cards(r)[0];
    const marker = r.querySelector<HTMLButtonElement>('[data-essay-note-marker]')!;
    marker.scrollIntoView({ block: 'center' });
    marker.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => card.matches(':popover-open'), 'opened from the keyboard');
    await waitUntil(() => r.shadowRoot!.activeElement === card, 'focus in the card');
    const rect = card.getBoundingClientRect();
    expect(rect.left).to.be.at.least(0);
    expect(rect.right).to.be.at.most(innerWidth);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !card.matches(':popover-open'), 'closed by Escape');
    await waitUntil(() => document.activeElement === marker, 'focus back on the marker');
    marker.click();
    await waitUntil(() => card.matches(':popover-open'), 'open again');
    await sendMouse({ type: 'click', position: [5, 5] });
    await waitUntil(() => !card.matches(':popover-open'), 'closed by an outside click');
    const box = marker.getBoundingClientRect();
    const centre: [number, number] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
    await sendMouse({ type: 'click', position: centre });
    await waitUntil(() => card.matches(':popover-open'), 'opened by the marker');
    await sendMouse({ type: 'click', position: centre });
    await resetMouse();
    await waitUntil(() => !card.matches(':popover-open'), 'closed by the marker again');
  });
});
