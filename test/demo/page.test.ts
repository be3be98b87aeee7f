import { expect, waitUntil } from '@open-wc/testing';
import { openDemo as open } from './open-demo.js';

/* The demo page as it loads: nothing moves under the reader, deep links land in view, nothing is too wide. */

/** The demo as it is painted before its script runs; `upgrade()` then runs the script. */
async function openBeforeScript(width: number, height = 900) {
  const source = await (await fetch('/demo/index.html')).text();
  const frame = document.createElement('iframe');
  Object.assign(frame.style, { width: `${width}px`, height: `${height}px`, border: '0' });
  frame.srcdoc = source.replace('<head>', '<head><base href="/demo/">').replace(/<script type="module"[^>]*><\/script>/, '');
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const doc = frame.contentDocument!;
  await doc.fonts.ready;
  return {
    doc,
    async upgrade() {
      const script = doc.createElement('script');
      script.type = 'module';
      script.src = '/demo/main.ts';
      doc.head.append(script);
      await waitUntil(() => doc.querySelector('essay-reader')?.shadowRoot?.querySelector('essay-toc'), 'the reader rendered', { timeout: 8000 });
      await settle();
    },
  };
}

const settle = (ms = 800) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the essay's blocks in the first screen are. */
function firstScreen(doc: Document): { label: string; left: number; top: number }[] {
  const height = doc.defaultView!.innerHeight;
  return [...doc.querySelectorAll('essay-reader > :is(h1, h2, h3, p, blockquote, essay-pullquote)')]
    .map((el, i) => ({ el, label: `${el.localName} #${i}`, rect: el.getBoundingClientRect() }))
    .filter(({ rect }) => rect.top < height && rect.bottom > 0)
    .map(({ label, rect }) => ({ label, left: Math.round(rect.left), top: Math.round(rect.top) }));
}

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

describe('the demo page never jumps', () => {
  for (const width of [1400, 1000, 390]) {
    it(`moves nothing on the first screen when the elements upgrade, at ${width} px`, async () => {
      const page = await openBeforeScript(width);
      const before = firstScreen(page.doc);
      expect(before.length, 'some of the essay is on the first screen').to.be.at.least(2);
      await page.upgrade();
      const after = firstScreen(page.doc);
      for (const block of before) {
        const now = after.find((b) => b.label === block.label);
        expect(now, `${block.label} is still on the first screen`).to.not.equal(undefined);
        expect(Math.abs(now!.left - block.left), `${block.label}: moved sideways from ${block.left} to ${now!.left}`).to.be.at.most(1);
        expect(Math.abs(now!.top - block.top), `${block.label}: moved down from ${block.top} to ${now!.top}`).to.be.at.most(1);
      }
    });

    it(`has a cumulative layout shift of 0.00 as it loads, at ${width} px (where the browser measures it)`, async () => {
      const doc = await open(width);
      await settle(1000);
      const win = doc.defaultView! as Window & typeof globalThis;
      if (!win.PerformanceObserver.supportedEntryTypes.includes('layout-shift')) return;
      const shifts = await new Promise<{ value: number }[]>((resolve) => {
        const seen: { value: number }[] = [];
        new win.PerformanceObserver((list) => seen.push(...(list.getEntries() as unknown as { value: number }[]))).observe({
          type: 'layout-shift',
          buffered: true,
        });
        setTimeout(() => resolve(seen), 200);
      });
      const cls = shifts.reduce((sum, s) => sum + s.value, 0);
      expect(cls, `CLS ${cls.toFixed(4)}`).to.be.below(0.005);
    });

    it(`lands a deep link's heading fully in view, at ${width} px`, async () => {
      const first = await open(width);
      const id = first.querySelectorAll('essay-reader h2')[1].id;
      const doc = await open(width, `#${id}`);
      await settle(1200);
      const heading = doc.getElementById(id)!.getBoundingClientRect();
      const bar = doc.querySelector('essay-reader')!.shadowRoot!.querySelector('.rail-inner')!.getBoundingClientRect();
      const below = bar.top < 10 && bar.height > 0 && bar.bottom < 100 ? bar.bottom : 0;
      expect(heading.top, `the heading's top (${heading.top}) is below any bar at the top (${below})`).to.be.at.least(below);
      expect(heading.bottom).to.be.at.most(doc.defaultView!.innerHeight);
    });

    it(`is no wider than the screen, at ${width} px`, async () => {
      const doc = await open(width);
      expect(doc.documentElement.scrollWidth, 'no sideways scrolling').to.be.at.most(doc.documentElement.clientWidth);
    });
  }
});
