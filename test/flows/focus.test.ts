import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { annotation, cards, frames, longReader, reader, select, toolbar, wordRect } from '../helpers.js';
import { contrast } from '../colour.js';

/* Where focus goes in the reader's flows, as a keyboard user finds it. */

async function altA() {
  await sendKeys({ down: 'Alt' });
  await sendKeys({ press: 'a' });
  await sendKeys({ up: 'Alt' });
}

const markers = (r: HTMLElement) => [...r.querySelectorAll<HTMLElement>('[data-essay-note-marker]')];

describe('focus in the reader’s flows', () => {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => getSelection()?.removeAllRanges());

  it('after Highlight, focus is on the new card beside its passage, and the page stays put', async () => {
    const r = await longReader();
    r.querySelector('#p2')!.scrollIntoView({ block: 'center' });
    await frames();
    const before = scrollY;
    select(r, '#p2', 'limbic revision');
    await waitUntil(() => !toolbar(r).hidden, 'toolbar shown');
    await altA();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cards(r).length === 1 && r.shadowRoot!.activeElement === cards(r)[0], 'focus on the new card');
    const box = () => cards(r)[0].getBoundingClientRect();
    // The margin lays the new card out beside its passage (it may glide there).
    await waitUntil(() => box().top >= 0 && box().bottom <= innerHeight, 'the card comes into view', { timeout: 3000 });
    const card = box();
    expect(card.top, 'the card is on screen').to.be.at.least(0);
    expect(card.bottom).to.be.at.most(innerHeight);
    expect(Math.abs(scrollY - before), 'the page did not move').to.be.below(4);
    expect(r.shadowRoot!.querySelector('[part="status"]')!.textContent).to.include('Highlighted');
    r.parentElement!.remove();
  });

  it('Escape in the toolbar gives back the selection, Tab goes on from it, and the toolbar stays away until it changes', async () => {
    const r = await reader();
    await r.addAnnotation(annotation('embodied cognition'));
    await waitUntil(() => markers(r).length === 1, 'a marker after the next paragraph’s passage');
    select(r, '#p2', 'limbic revision');
    await waitUntil(() => !toolbar(r).hidden, 'toolbar shown');
    await altA();
    expect(r.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Highlight');
    await sendKeys({ press: 'Escape' });
    await frames(3);
    expect(toolbar(r).hidden, 'toolbar dismissed').to.equal(true);
    expect(toolbar(r).contains(r.shadowRoot!.activeElement), 'focus left the toolbar').to.equal(false);
    expect(getSelection()!.toString(), 'the reader’s selection is back').to.equal('limbic revision');
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement === markers(r)[0], `Tab goes on from the selection, to ${document.activeElement?.localName}`).to.equal(true);
    select(r, '#p2', 'neural networks');
    await waitUntil(() => !toolbar(r).hidden, 'a new selection brings the toolbar back');
  });

  it('Tab past a card’s last control goes on in the text after its passage; Shift+Tab before its first goes to its marker', async () => {
    const r = await reader();
    await r.addAnnotation(annotation('limbic revision'));
    await r.addAnnotation(annotation('embodied cognition'));
    await waitUntil(() => cards(r).length === 2 && markers(r).length === 2, 'two cards and their markers');
    await frames(2);
    markers(r)[0].focus();
    await sendKeys({ press: 'Enter' });
    const card = cards(r)[0];
    await waitUntil(() => r.shadowRoot!.activeElement === card, 'focus on the first card');
    // Tab through the card's controls until focus leaves the reader's shadow root.
    for (let i = 0; i < 12 && (document.activeElement === r || !document.activeElement); i++) await sendKeys({ press: 'Tab' });
    expect(document.activeElement === markers(r)[1], `on the next marker in the text, not ${document.activeElement?.localName}`).to.equal(true);
    markers(r)[0].focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => r.shadowRoot!.activeElement === card, 'focus on the first card again');
    await sendKeys({ press: 'Tab' });
    expect(card.shadowRoot!.activeElement?.textContent?.trim(), 'on its first button').to.equal('Edit');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(document.activeElement === markers(r)[0], `back on its marker, not ${document.activeElement?.localName}`).to.equal(true);
  });

  it('shows the focused toolbar button with a ring at least 3:1 against the toolbar', async () => {
    const r = await reader();
    select(r, '#p2', 'limbic revision');
    await waitUntil(() => !toolbar(r).hidden, 'toolbar shown');
    await altA();
    const focused = r.shadowRoot!.activeElement as HTMLElement;
    const style = getComputedStyle(focused);
    expect(style.outlineStyle).to.not.equal('none');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    const ratio = contrast(style.outlineColor, getComputedStyle(toolbar(r)).backgroundColor);
    expect(ratio, `ring contrast ${ratio.toFixed(2)}:1`).to.be.at.least(3);
    await sendKeys({ press: 'Escape' });
  });

  it('gives a note marker the height of its digit, so its focus ring goes round it', async () => {
    const r = await reader(undefined, 'note-numbers');
    await r.addAnnotation(annotation('limbic revision'));
    const host = r.parentElement!;
    const note = document.createElement('essay-note');
    note.setAttribute('quote', 'embodied cognition');
    note.textContent = 'Lakoff and Johnson, Philosophy in the Flesh.';
    r.append(note);
    await waitUntil(() => markers(r).some((m) => m.textContent!.trim() === '1'), 'the author’s note has its numbered marker');
    const digit = markers(r).find((m) => m.textContent!.trim() === '1')!;
    const box = digit.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(digit).fontSize);
    expect(box.height, 'as tall as its digit').to.be.at.least(size * 0.9);
    expect(box.bottom, 'raised above the baseline of its line').to.be.below(wordRect(r, '#p3', 'cognition').bottom);
    host.remove();
  });
});
