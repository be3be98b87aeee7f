import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { EssayReader } from '../../src/index.js';
import { MemoryStore } from '../../src/core/index.js';
import { contrast } from '../colour.js';
import { essay, frames } from '../helpers.js';

/* The docs' three themes (demo/themes/*.css): made only with --essay-* properties and ::part(), they paint what
   they say, keep text readable (WCAG contrast) and leave the reader axe-clean. */

const themes = ['sepia', 'night', 'newsprint'];

async function themed(name: string): Promise<{ reader: EssayReader; sheet: CSSStyleSheet }> {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(await (await fetch(`/demo/themes/${name}.css`)).text());
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<essay-reader class="theme-${name}" document-id="theme-doc">${essay}</essay-reader>`;
  const reader = host.querySelector('essay-reader')!;
  reader.store = new MemoryStore();
  await reader.updateComplete;
  await frames();
  return { reader, sheet };
}

describe('the docs’ themes', () => {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => (document.adoptedStyleSheets = []));

  for (const name of themes) {
    it(`${name}: only --essay-* properties on the reader, and ::part() rules`, async () => {
      const { sheet } = await themed(name);
      expect(sheet.cssRules.length).to.be.greaterThan(1);
      for (const rule of sheet.cssRules) {
        expect(rule).to.be.instanceOf(CSSStyleRule);
        const { selectorText, style } = rule as CSSStyleRule;
        if (selectorText === `essay-reader.theme-${name}`) {
          for (const property of style) expect(property, `${name}: ${property}`).to.match(/^--essay-/);
        } else {
          expect(selectorText, `${name}: a rule that is not a part`).to.match(new RegExp(`^essay-reader\\.theme-${name}::part\\([\\w-]+\\)$`));
        }
      }
    });

    it(`${name}: paints its colours, readable (WCAG AA) and axe-clean`, async () => {
      const { reader, sheet } = await themed(name);
      const declared = (sheet.cssRules[0] as CSSStyleRule).style;
      const probe = document.createElement('span');
      reader.append(probe);
      probe.style.color = declared.getPropertyValue('--essay-color-background');
      const background = getComputedStyle(probe).color;
      probe.remove();
      const paragraph = reader.querySelector('p')!;
      expect(getComputedStyle(reader).backgroundColor, 'the background is the theme’s').to.equal(background);
      const text = getComputedStyle(paragraph).color;
      expect(contrast(text, background), 'body text').to.be.at.least(4.5);
      const number = reader.querySelector('[data-essay-section-number]')!;
      expect(contrast(getComputedStyle(number).color, background), 'section numbers in the accent').to.be.at.least(4.5);
      const time = reader.shadowRoot!.querySelector('[part="reading-time"]')!;
      expect(contrast(getComputedStyle(time).color, background), 'muted text').to.be.at.least(4.5);
      await expect(reader).to.be.accessible();
    });
  }

  it('their ::part() rules reach the parts', async () => {
    const { reader } = await themed('sepia');
    expect(getComputedStyle(reader.shadowRoot!.querySelector('[part="reading-time"]')!).fontVariantCaps).to.equal('small-caps');
    document.adoptedStyleSheets = [];
    const newsprint = (await themed('newsprint')).reader;
    const toc = newsprint.shadowRoot!.querySelector('essay-toc')!;
    const link = toc.shadowRoot!.querySelector('[part~="toc-link"]')!;
    expect(getComputedStyle(link).textTransform).to.equal('uppercase');
  });
});
