import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EssayNote, EssayReader } from '../../src/index.js';
import { paintedTexts } from '../highlights.js';

const filler = 'Theodore walks the sidewalk and the stairs to the subway while the camera pans out over more and more people. ';
const paragraphs = [
  `<p id="p1">I also read A General Theory of Love by Thomas Lewis, a book about how mammals bond. ${filler.repeat(2)}</p>`,
  `<essay-note quote="A General Theory of Love"><p>A book of 2000.</p></essay-note>`,
  `<p id="p2">The authors call it limbic revision, and the triune brain is the model. ${filler.repeat(3)}</p>`,
  `<essay-note quote="limbic revision" color="green"><p>Limbic revision: how relationships remodel the emotional brain of each partner over the years, slowly.</p></essay-note>`,
  `<essay-note quote="the triune brain"><p>MacLean’s three-layer model of the brain, now thought a simplification.</p></essay-note>`,
  `<p id="p3">${filler.repeat(6)} Proponents of embodied cognition hold a view.</p>`,
  `<essay-note quote="embodied cognition"><p>Thought depends on the body.</p></essay-note>`,
];

async function reader(attributes = '', extra = ''): Promise<EssayReader> {
  const el = await fixture<EssayReader>(html`<div></div>`);
  el.innerHTML = `<essay-reader ${attributes}><h2>Notes</h2>${paragraphs.join('')}${extra}</essay-reader>`;
  const r = el.querySelector('essay-reader')!;
  await r.updateComplete;
  await settled(r);
  return r;
}

/** Two frames: the layout runs in the next one after any change. */
async function settled(r: EssayReader) {
  await new Promise(requestAnimationFrame);
  await new Promise(requestAnimationFrame);
  await r.updateComplete;
}

const notesOf = (r: EssayReader) => [...r.querySelectorAll('essay-note')];
const intersects = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('<essay-note> in the margin', () => {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('sits level with its passage, in the margin beside the essay column', async () => {
    const r = await reader();
    const note = notesOf(r)[0];
    expect(note.layout).to.equal('margin');
    const passage = r.rangeFor(note.id)!;
    expect(passage.toString()).to.equal('A General Theory of Love');
    await waitUntil(() => Math.abs(note.getBoundingClientRect().top - passage.getClientRects()[0].top) <= 4, 'note level with passage', { timeout: 2000 });
    const essayColumn = r.shadowRoot!.querySelector('.essay')!.getBoundingClientRect();
    expect(note.getBoundingClientRect().left).to.be.at.least(essayColumn.right);
  });

  it('moves to its new passage, with its highlight, when its quote is changed after it was placed', async () => {
    const r = await reader();
    const note = notesOf(r)[3];
    expect(r.rangeFor(note.id)!.toString()).to.equal('embodied cognition');
    const changed = oneEvent(note, 'essay-note-change');
    note.quote = 'Proponents';
    await changed;
    await waitUntil(() => r.rangeFor(note.id)?.toString() === 'Proponents', 'the note is anchored to its new quote');
    await settled(r);
    const passage = r.rangeFor(note.id)!;
    expect(paintedTexts()).to.include('Proponents');
    expect(paintedTexts()).to.not.include('embodied cognition');
    await waitUntil(() => Math.abs(note.getBoundingClientRect().top - passage.getClientRects()[0].top) <= 4, 'level with the new passage');
  });

  it('never overlaps another note, and keeps the order of the passages', async () => {
    const r = await reader();
    await aTimeout(300); // transitions
    const rects = notesOf(r).map((n) => n.getBoundingClientRect());
    for (let i = 1; i < rects.length; i++) {
      expect(intersects(rects[i - 1], rects[i]), `notes ${i - 1} and ${i} overlap`).to.equal(false);
      expect(rects[i].top).to.be.greaterThan(rects[i - 1].top);
    }
  });

  it('paints passages with the Highlight API and leaves the essay text untouched', async () => {
    const r = await reader();
    const painted = paintedTexts();
    expect(painted).to.include.members(['A General Theory of Love', 'limbic revision', 'the triune brain', 'embodied cognition']);
    expect(r.querySelectorAll('mark').length).to.equal(0);
    // Apart from the marker buttons the library owns, each paragraph is exactly what the author wrote.
    for (const source of paragraphs.filter((p) => p.startsWith('<p'))) {
      const id = /id="(p\d)"/.exec(source)![1];
      const clone = r.querySelector(`#${id}`)!.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('[data-essay-skip]').forEach((el) => el.remove());
      clone.normalize();
      const template = document.createElement('template');
      template.innerHTML = source;
      expect(clone.outerHTML).to.equal((template.content.firstElementChild as HTMLElement).outerHTML);
    }
  });

  it('paints with <mark> elements when the Highlight API is forced off', async () => {
    const r = await reader('force-marks');
    const marks = [...r.querySelectorAll('mark[data-essay-mark]')];
    expect(marks.map((m) => m.textContent)).to.include.members(['A General Theory of Love', 'limbic revision']);
    expect(r.querySelector('mark[data-essay-mark="green"]')!.textContent).to.equal('limbic revision');
    const note = notesOf(r)[0];
    await waitUntil(() => Math.abs(note.getBoundingClientRect().top - r.rangeFor(note.id)!.getClientRects()[0].top) <= 4, 'note level with passage');
  });

  it('moves focus from a passage marker to its note and back, by keyboard', async () => {
    const r = await reader();
    const note = notesOf(r)[1];
    const marker = r.querySelectorAll<HTMLButtonElement>('[data-essay-note-marker]')[1];
    expect(marker.getAttribute('aria-label')).to.match(/^Note 2: Limbic revision/);
    marker.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => document.activeElement === note, 'focus on the note');
    expect(note.getAttribute('role')).to.equal('note');
    expect(note.getAttribute('aria-label')).to.equal('Note on “limbic revision”');
    expect(note.active).to.equal(true);
    // The note being read sits exactly level with its passage.
    await waitUntil(() => Math.abs(note.getBoundingClientRect().top - r.rangeFor(note.id)!.getClientRects()[0].top) <= 2, 'active note level', {
      timeout: 2000,
    });
    await sendKeys({ press: 'Tab' });
    expect(note.shadowRoot!.activeElement?.textContent).to.equal('Back to the passage');
    await sendKeys({ press: 'Enter' });
    expect(document.activeElement).to.equal(marker);
  });

  it('focuses the note when its highlighted passage is clicked', async () => {
    const r = await reader();
    const note = notesOf(r)[3];
    const rect = r.rangeFor(note.id)!.getClientRects()[0];
    await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
    await resetMouse();
    await waitUntil(() => document.activeElement === note, 'the note has focus');
  });

  it('numbers passages and notes with note-numbers', async () => {
    const r = await reader('note-numbers');
    const markers = [...r.querySelectorAll('[data-essay-note-marker]')].map((m) => m.textContent);
    expect(markers).to.deep.equal(['1', '2', '3', '4']);
    const numbers = notesOf(r).map((n) => n.shadowRoot!.querySelector('[part="number"]')?.textContent);
    expect(numbers).to.deep.equal(['1', '2', '3', '4']);
  });

  it('keeps the author’s note numbers when a reader annotates a passage before them', async () => {
    const r = await reader('note-numbers');
    await r.addAnnotation({
      id: 'urn:uuid:5f0c1a52-3c55-4d6e-9b1e-2f1f7c1e0a11',
      type: 'Annotation',
      motivation: 'highlighting',
      target: { source: location.href, selector: [{ type: 'TextQuoteSelector', exact: 'a book about how mammals bond' }] },
    });
    await settled(r);
    await settled(r);
    const notes = notesOf(r).map((n) => n.shadowRoot!.querySelector('[part="number"]')?.textContent);
    expect(notes, 'the notes keep 1 to 4').to.deep.equal(['1', '2', '3', '4']);
    const authorMarkers = [...r.querySelectorAll('[data-essay-note-marker]')]
      .filter((m) => /^Note /.test(m.getAttribute('aria-label')!))
      .map((m) => m.textContent);
    expect(authorMarkers, 'their markers too').to.deep.equal(['1', '2', '3', '4']);
    const card = r.shadowRoot!.querySelector('essay-annotation-card')!;
    expect(card.shadowRoot!.querySelector('.number'), 'the reader’s annotation is not numbered like a note').to.equal(null);
    // The default store keeps it for this page: leave none behind for the next test.
    await r.removeAnnotation('urn:uuid:5f0c1a52-3c55-4d6e-9b1e-2f1f7c1e0a11');
  });

  it('lists a note whose quote is not in the essay as unanchored and fires an event', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const event = oneEvent(host, 'essay-note-orphan');
    host.innerHTML = `<essay-reader><p>Some text.</p><essay-note quote="a passage that was deleted">Kept.</essay-note></essay-reader>`;
    const { detail } = await event;
    expect(detail.quote).to.equal('a passage that was deleted');
    expect(detail.message).to.contain('"a passage that was deleted" matches no passage');
    const r = host.querySelector('essay-reader')!;
    await r.updateComplete;
    const list = r.shadowRoot!.querySelector('[part="orphans"]')!;
    expect(list.textContent).to.contain('a passage that was deleted');
    expect(list.textContent).to.contain('Kept.');
    expect(r.querySelector<EssayNote>('essay-note')!.layout).to.equal('orphan');
  });

  it('gives each note without an id one of its own, also when an unanchored note anchors after an edit', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = `<essay-reader><essay-note quote="a passage the author adds later"><p>Added.</p></essay-note>${paragraphs.join('')}</essay-reader>`;
    const r = host.querySelector('essay-reader')!;
    await r.updateComplete;
    await settled(r);
    const [late] = notesOf(r);
    expect(late.layout).to.equal('orphan');
    r.querySelector('#p3')!.insertAdjacentHTML('afterend', '<p>Here is a passage the author adds later, in a revision.</p>');
    await waitUntil(() => late.layout === 'margin', 'the late note anchors');
    await settled(r);
    const ids = notesOf(r).map((note) => note.id);
    expect(new Set(ids).size, `ids ${ids.join(', ')}`).to.equal(ids.length);
    // Each marker opens its own note.
    for (const note of notesOf(r)) {
      const markers = [...r.querySelectorAll<HTMLButtonElement>(`[data-essay-note-marker][aria-controls="${note.id}"]`)];
      expect(markers.length, `markers of ${note.textContent}`).to.equal(1);
      markers[0].click();
      await waitUntil(() => document.activeElement === note, `the marker opens ${note.textContent}`);
    }
  });

  it('reads a sidenote inside its passage as the author’s, not the essay’s, from the first look (a reader built with createElement)', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const r = document.createElement('essay-reader');
    r.innerHTML = `<h2>Notes</h2><p>The authors call it limbic revision<essay-note quote="limbic revision, and the triune brain">Two ideas.</essay-note>, and the triune brain is the model. ${filler}</p>`;
    const orphans: string[] = [];
    r.addEventListener('essay-note-orphan', (event) => orphans.push(event.detail.message));
    host.append(r);
    await r.updateComplete;
    await settled(r);
    expect(orphans, 'no note reported unanchored').to.deep.equal([]);
    const note = r.querySelector('essay-note')!;
    expect(note.layout).to.equal('margin');
    expect(r.shadowRoot!.querySelector('[part="orphans"]'), 'no list of unanchored notes').to.equal(null);
  });

  for (const attributes of ['', 'force-marks']) {
    it(`paints a passage around a sidenote inside it, not the sidenote's own words (${attributes || 'highlights'})`, async () => {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      host.innerHTML = `<essay-reader ${attributes}><h2>Notes</h2><p>The authors call it limbic revision<essay-note quote="limbic revision, and the triune brain"><em>Two ideas.</em></essay-note>, and the triune brain is the model. ${filler}</p></essay-reader>`;
      const r = host.querySelector('essay-reader')!;
      await r.updateComplete;
      await settled(r);
      const note = r.querySelector('essay-note')!;
      expect(note.layout).to.equal('margin');
      const painted = attributes ? [...r.querySelectorAll('mark[data-essay-mark]')].map((mark) => mark.textContent) : paintedTexts();
      expect(painted.join('|'), 'the passage painted on both sides of the note, the note not at all').to.equal('limbic revision|, and the triune brain');
      // The note's words, in the margin, are on the page's background: no highlight behind them.
      const words = note.querySelector('em')!;
      expect(words.closest('mark'), 'no mark around the note').to.equal(null);
    });
  }

  it('fires essay-note-change only for a change, not as the notes upgrade', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const changes: EventTarget[] = [];
    host.addEventListener('essay-note-change', (event) => changes.push(event.target!));
    host.innerHTML = `<essay-reader><h2>Notes</h2>${paragraphs.join('')}</essay-reader>`;
    const r = host.querySelector('essay-reader')!;
    await r.updateComplete;
    await settled(r);
    expect(notesOf(r).every((note) => note.layout === 'margin')).to.equal(true);
    expect(changes.length, 'events as the notes upgraded').to.equal(0);
    notesOf(r)[0].color = 'blue';
    await waitUntil(() => changes.length === 1, 'an event for a real change');
  });

  it('anchors a note whose quote was set as a property before it upgraded', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const template = document.createElement('template');
    template.innerHTML = `<essay-reader><h2>Notes</h2>${paragraphs[0]}${paragraphs[2]}<essay-note><p>Set by a script.</p></essay-note></essay-reader>`;
    const r = template.content.querySelector('essay-reader')!;
    // Not upgraded yet (a template's content is inert): the property is the element's own, as a framework sets it.
    Object.assign(template.content.querySelector('essay-note')!, { quote: 'limbic revision' });
    host.append(r);
    await r.updateComplete;
    const note = r.querySelector('essay-note')!;
    await waitUntil(() => note.layout === 'margin', 'the note is placed');
    expect(r.rangeFor(note.id)?.toString()).to.equal('limbic revision');
  });

  it('puts the margin on the left in right-to-left documents', async () => {
    const r = await reader('dir="rtl"');
    const note = notesOf(r)[0];
    const essayColumn = r.shadowRoot!.querySelector('.essay')!.getBoundingClientRect();
    expect(note.getBoundingClientRect().right).to.be.at.most(essayColumn.left);
  });

  it('has no accessibility violations with notes shown', async () => {
    const r = await reader('note-numbers');
    await expect(r).to.be.accessible();
  });
});

describe('<essay-note> on a narrow layout', () => {
  before(() => setViewport({ width: 600, height: 800 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('hides the margin; the marker opens the note in a popover that stays on screen and closes on Escape', async () => {
    const r = await reader();
    const note = notesOf(r)[1];
    expect(note.layout).to.equal('popover');
    expect(note.getBoundingClientRect().height).to.equal(0); // not shown until asked for
    const marker = r.querySelectorAll<HTMLButtonElement>('[data-essay-note-marker]')[1];
    marker.scrollIntoView({ block: 'center' });
    marker.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => note.matches(':popover-open'), 'popover open');
    await waitUntil(() => document.activeElement === note, 'focus in the note');
    const rect = note.getBoundingClientRect();
    expect(rect.left).to.be.at.least(0);
    expect(rect.right).to.be.at.most(window.innerWidth);
    expect(rect.top).to.be.at.least(0);
    expect(rect.bottom).to.be.at.most(window.innerHeight);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !note.matches(':popover-open'), 'popover closed');
    expect(document.activeElement).to.equal(marker);
    // The marker again opens it, and again closes it.
    marker.click();
    await waitUntil(() => note.matches(':popover-open'), 'popover open again');
    marker.click();
    await waitUntil(() => !note.matches(':popover-open'), 'closed by the marker');
  });

  it('closes the popover on an outside click', async () => {
    const r = await reader();
    const note = notesOf(r)[0];
    const marker = r.querySelector<HTMLButtonElement>('[data-essay-note-marker]')!;
    marker.scrollIntoView({ block: 'center' });
    marker.click();
    await waitUntil(() => note.matches(':popover-open'), 'open');
    await sendMouse({ type: 'click', position: [5, 5] });
    await resetMouse();
    await waitUntil(() => !note.matches(':popover-open'), 'closed by an outside click');
  });
});
