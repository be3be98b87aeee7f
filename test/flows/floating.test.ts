import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { annotation, cards, dragSelect, frames, longReader, select, toolbar } from '../helpers.js';
import type { EssayReader } from '../../src/index.js';
import { toolbarControl } from '../harness.js';

/* Floating surfaces (the selection toolbar, note and card popovers) as a reader sees them while the page moves. */

const touchTap = (x: number, y: number) => executeServerCommand('touch-tap', { position: [Math.round(x), Math.round(y)] });

function selectionRect(): DOMRect {
  return getSelection()!.getRangeAt(0).getBoundingClientRect();
}

/** Whether the element the reader would hit at the centre of `el` is `el` itself or inside it. */
function onTop(r: EssayReader, el: Element): boolean {
  const box = el.getBoundingClientRect();
  const hit = r.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return !!hit && (hit === el || el.contains(hit));
}

describe('floating surfaces follow the page', () => {
  afterEach(async () => {
    getSelection()?.removeAllRanges();
    await setViewport({ width: 800, height: 600 });
  });

  it('puts the toolbar above a mouse selection and keeps it there as the page scrolls', async () => {
    await setViewport({ width: 1400, height: 900 });
    const r = await longReader();
    r.querySelector('#p2')!.scrollIntoView({ block: 'center' });
    await frames();
    await dragSelect(r, '#p2', 'limbic', 'revision');
    await waitUntil(() => !toolbar(r).hidden, 'toolbar shown');
    const gap = () => selectionRect().top - toolbar(r).getBoundingClientRect().bottom;
    await waitUntil(() => gap() >= 0 && gap() <= 16, `toolbar just above the selection (gap ${gap()})`);
    const first = gap();
    scrollBy(0, 200);
    await frames(3);
    expect(Math.abs(gap() - first), 'the toolbar moved with the text').to.be.below(2);
    expect(onTop(r, toolbar(r)), 'and is on top').to.equal(true);
    scrollTo(0, 0);
    await frames(3);
    expect(selectionRect().top, 'the selection is out of view').to.be.above(innerHeight);
    expect(getComputedStyle(toolbar(r)).visibility, 'so is its toolbar').to.equal('hidden');
    r.parentElement!.remove();
  });

  it('gives a touch selection a bar along the bottom edge with 44 px targets, and comments from it', async () => {
    await setViewport({ width: 390, height: 800 });
    const r = await longReader(6);
    r.querySelector('#p2')!.scrollIntoView({ block: 'center' });
    await frames();
    // A tap on the text (a touch pointer, as a phone sends), then the selection a long press and its handles make.
    const p1 = r.querySelector('#p1')!.getBoundingClientRect();
    await touchTap(p1.left + 20, Math.max(p1.top, 0) + 10);
    select(r, '#p2', 'limbic revision');
    await waitUntil(() => !toolbar(r).hidden, 'toolbar shown');
    const bar = toolbar(r).getBoundingClientRect();
    expect(bar.bottom, 'at the bottom edge').to.be.closeTo(innerHeight, 1);
    expect(bar.left).to.be.closeTo(0, 1);
    expect(bar.right, 'edge to edge').to.be.closeTo(document.documentElement.clientWidth, 1);
    expect(selectionRect().bottom, 'clear of the selection').to.be.at.most(bar.top);
    for (const b of toolbar(r).querySelectorAll('button')) {
      const box = b.getBoundingClientRect();
      expect(box.height, `${b.textContent} is tall enough to tap`).to.be.at.least(44);
      expect(box.width, `${b.textContent} is wide enough to tap`).to.be.at.least(44);
      expect(onTop(r, b), `${b.textContent} is on top`).to.equal(true);
    }
    const before = scrollY;
    const comment = toolbarControl(r, 'comment').getBoundingClientRect();
    await touchTap(comment.left + comment.width / 2, comment.top + comment.height / 2);
    await waitUntil(() => cards(r)[0]?.matches(':popover-open'), 'the editor opens in a popover');
    await waitUntil(() => cards(r)[0].shadowRoot!.activeElement?.localName === 'textarea', 'with focus');
    expect(r.annotations[0].target).to.have.nested.property('selector[0].exact', 'limbic revision');
    expect(Math.abs(scrollY - before), 'the page did not move').to.be.below(4);
    cards(r)[0].hidePopover();
    r.parentElement!.remove();
  });

  it('keeps an open popover below its marker as the page scrolls, and closes it once the marker scrolls away', async () => {
    await setViewport({ width: 390, height: 800 });
    const r = await longReader();
    await r.addAnnotation(annotation('limbic revision'));
    await waitUntil(() => cards(r)[0]?.layout === 'popover', 'card in popover mode');
    const card = cards(r)[0];
    const marker = r.querySelector<HTMLElement>('[data-essay-note-marker]')!;
    marker.scrollIntoView({ block: 'center' });
    await frames();
    const m = marker.getBoundingClientRect();
    await touchTap(m.left + m.width / 2, m.top + m.height / 2);
    await waitUntil(() => card.matches(':popover-open'), 'opened by a tap on the marker');
    const offset = () => card.getBoundingClientRect().top - marker.getBoundingClientRect().bottom;
    await frames(2);
    const first = offset();
    scrollBy(0, 120);
    await frames(3);
    expect(Math.abs(offset() - first), 'the popover moved with its marker').to.be.below(2);
    expect(onTop(r, card), 'and is on top').to.equal(true);
    await expect(r, 'axe-clean with a card open as a popover').to.be.accessible();
    scrollBy(0, -1500);
    await waitUntil(() => !card.matches(':popover-open'), 'closed once its marker left the screen');
    r.parentElement!.remove();
  });
});
