import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { EssayPullquote, EssayReader } from '../../src/index.js';

describe('<essay-pullquote>', () => {
  it('with its own text is a real figure and blockquote with an attribution', async () => {
    const el = await fixture<EssayPullquote>(html`<essay-pullquote cite="Samantha">The heart is not like a box.</essay-pullquote>`);
    const figure = el.shadowRoot!.querySelector('figure')!;
    expect(figure.querySelector('blockquote slot')).to.not.equal(null);
    expect(figure.querySelector('figcaption')!.textContent!.trim()).to.equal('— Samantha');
    expect(el.hasAttribute('aria-hidden')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('takes its attribution from a slot', async () => {
    const el = await fixture<EssayPullquote>(html`<essay-pullquote cite="ignored">Words.<span slot="attribution">Her (2013)</span></essay-pullquote>`);
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="attribution"]')!;
    expect(slot.assignedNodes()[0].textContent).to.equal('Her (2013)');
  });

  it('with quote= shows the passage, hidden from assistive technology as a duplicate', async () => {
    const host = await fixture<EssayReader>(html`<essay-reader>
      <essay-pullquote quote="space   between the words"></essay-pullquote>
      <p>It is in this endless space
        between the words that I am finding myself.</p>
    </essay-reader>`);
    const pq = host.querySelector('essay-pullquote')!;
    await pq.updateComplete;
    expect(pq.shadowRoot!.querySelector('blockquote')!.textContent).to.equal('space between the words');
    expect(pq.getAttribute('aria-hidden')).to.equal('true');
    // Not counted twice: the pull-quote is not part of the essay's text.
    expect(host.textIndex.text.match(/space between/g)!.length).to.equal(1);
  });

  it('scrolls to the passage and flashes it when activated', async () => {
    const host = await fixture<EssayReader>(html`<essay-reader>
      <essay-pullquote quote="the address"></essay-pullquote>
      <div style="height: 3000px"></div>
      <p id="end">He should have asked for the address.</p>
    </essay-reader>`);
    const pq = host.querySelector('essay-pullquote')!;
    await pq.updateComplete;
    pq.shadowRoot!.querySelector<HTMLElement>('figure')!.click();
    const end = host.querySelector('#end')!;
    await waitUntil(
      () => {
        const top = end.getBoundingClientRect().top;
        return top > 0 && top < innerHeight;
      },
      'the passage scrolled into view',
      { timeout: 4000 },
    );
    const flash = (CSS as unknown as { highlights?: Map<string, { values(): Iterable<AbstractRange> }> }).highlights?.get('essay-flash');
    if (flash) {
      const [range] = [...flash.values()] as Range[];
      expect(range.toString()).to.equal('the address');
    } else {
      expect(end.hasAttribute('data-essay-flash')).to.equal(true);
    }
    window.scrollTo(0, 0);
  });

  it('renders nothing and fires an error naming the quote when it matches no passage', async () => {
    const host = document.createElement('essay-reader');
    host.innerHTML = '<p>Some essay text.</p>';
    const pq = document.createElement('essay-pullquote');
    pq.quote = 'words that are not there';
    host.prepend(pq);
    document.body.append(host);
    const event = await oneEvent(host, 'essay-pullquote-error');
    expect(event.detail.quote).to.equal('words that are not there');
    expect(event.detail.message).to.contain('"words that are not there" matches no passage');
    await pq.updateComplete;
    expect(pq.shadowRoot!.querySelector('figure')).to.equal(null);
    expect(pq.getBoundingClientRect().height).to.equal(0);
    host.remove();
  });
});
