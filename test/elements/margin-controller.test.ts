import { expect, fixture, html as testHtml, waitUntil } from '@open-wc/testing';
import { css, html, LitElement } from 'lit';
import { TextIndex } from '../../src/core/text/text-index.js';
import { EssayText } from '../../src/elements/essay-reader/essay-text.js';
import { MarginController } from '../../src/elements/essay-reader/margin/margin-controller.js';
import type { MarginElement, MarginEntry, MarginSource } from '../../src/elements/essay-reader/margin/margin-entry.js';
import { essay, frames } from '../helpers.js';

/*
 * The margin alone, without <essay-reader>: a bare Lit host with a margin column, an EssayText over its light DOM,
 * and a source that is only a list of passages. What the margin does here is what it does in the reader.
 */

class MarginHost extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      grid-template-columns: 30rem var(--column, 14rem);
      position: relative;
    }
    ::slotted([data-entry]) {
      position: absolute;
      top: 0;
    }
  `;
  readonly text = new EssayText(this, () => this.margin?.update());
  margin?: MarginController;
  override render() {
    return html`<div><slot></slot></div>
      <div class="margin"></div>`;
  }
}
customElements.define('margin-host-test', MarginHost);

/** An entry element as the margin needs one: a box with layout, number, active and no arrow. */
function entryElement(label: string): MarginElement {
  const element = Object.assign(document.createElement('aside'), { layout: null, number: null, active: false, arrowElement: null });
  element.dataset.entry = '';
  element.setAttribute('data-essay-skip', '');
  element.textContent = label;
  return element as unknown as MarginElement;
}

/** A source of passages given by their text, each with its element in the host. */
class ListSource implements MarginSource {
  virtual = false;
  nearCalls: ReadonlySet<string>[] = [];
  constructor(
    private readonly host: HTMLElement,
    private readonly quotes: string[],
  ) {}
  readonly elements = new Map<string, MarginElement>();
  locate(index: TextIndex): MarginEntry[] {
    return this.quotes.map((quote, i) => {
      const id = `entry-${i}`;
      let element = this.elements.get(id);
      if (!element) {
        element = entryElement(quote);
        this.elements.set(id, element);
        this.host.append(element);
      }
      const start = index.text.indexOf(quote);
      return { element, id, start, end: start + quote.length, label: quote, authored: false };
    });
  }
  near(ids: ReadonlySet<string>) {
    this.nearCalls.push(ids);
  }
  reveal() {}
}

async function marginOver(quotes: string[], column = '14rem') {
  const host = await fixture<MarginHost>(testHtml`<margin-host-test style="--column: ${column}"></margin-host-test>`);
  host.insertAdjacentHTML('afterbegin', essay);
  const source = new ListSource(host, quotes);
  host.margin = new MarginController(host, host.text, [source], {
    column: () => host.shadowRoot!.querySelector<HTMLElement>('.margin'),
    noteNumbers: () => false,
    forceMarks: () => false,
  });
  host.margin.update();
  await frames(3);
  return { host, source, margin: host.margin };
}

describe('MarginController alone', () => {
  it('puts a marker right after each passage and places each entry level with its passage', async () => {
    const quotes = ['limbic system', 'limbic revision', 'embodied cognition'];
    const { host, source, margin } = await marginOver(quotes);
    const markers = [...host.querySelectorAll('[data-essay-note-marker]')];
    expect(markers).to.have.length(3);
    quotes.forEach((quote, i) => {
      const passage = margin.rangeFor(`entry-${i}`)!;
      expect(passage.toString()).to.equal(quote);
      expect(markers[i].previousSibling!.textContent!.endsWith(quote), `marker ${i} after its passage`).to.equal(true);
      const element = source.elements.get(`entry-${i}`)!;
      expect(element.layout).to.equal('margin');
      expect(Math.abs(element.getBoundingClientRect().top - passage.getClientRects()[0].top), `entry ${i} level`).to.be.below(3);
    });
    // The markers are the margin's own: the essay's text reads as it did.
    expect(TextIndex.build(host).text).to.equal(host.text.index.text);
  });

  it('makes entries popovers from their markers when there is no margin column, and opens one from its marker', async () => {
    const { host, source } = await marginOver(['limbic revision'], '0px');
    const element = source.elements.get('entry-0')!;
    expect(element.layout).to.equal('popover');
    expect(element.getAttribute('popover')).to.equal('auto');
    host.querySelector<HTMLButtonElement>('[data-essay-note-marker]')!.click();
    await waitUntil(() => element.matches(':popover-open'), 'the popover opens from its marker');
  });

  it('emphasises an entry and moves it level with its passage when it is opened', async () => {
    const { source, margin } = await marginOver(['limbic system', 'limbic revision']);
    margin.open('entry-1');
    const element = source.elements.get('entry-1')!;
    expect(element.active).to.equal(true);
    expect(source.elements.get('entry-0')!.active).to.equal(false);
  });

  it('asks a virtual source only for the passages near the viewport', async () => {
    // The essay repeated far below the viewport: its passages there are not near.
    const quotes = ['limbic system'];
    const host = await fixture<MarginHost>(testHtml`<margin-host-test></margin-host-test>`);
    host.insertAdjacentHTML('afterbegin', `${essay}<div style="height: 400vh"></div><p id="far">A far passage about embodied cognition.</p>`);
    const source = new ListSource(host, [...quotes, 'A far passage']);
    source.virtual = true;
    const margin = new MarginController(host, host.text, [source], {
      column: () => host.shadowRoot!.querySelector<HTMLElement>('.margin'),
      noteNumbers: () => false,
      forceMarks: () => false,
    });
    margin.update();
    await waitUntil(() => source.nearCalls.length > 0, 'the source is told which passages are near');
    const near = source.nearCalls.at(-1)!;
    expect([...near]).to.deep.equal(['entry-0']);
  });
});
