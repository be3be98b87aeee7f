import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { EssayReader } from '../../src/index.js';
import { openDemo } from './open-demo.js';

/* The demo under a strict Content-Security-Policy (scripts/csp.mjs): the whole annotating flow works, nothing is blocked. */

const reports = async () => (await (await fetch('/__csp-report')).json()) as string[];

describe('the demo under a strict Content-Security-Policy', () => {
  beforeEach(() => fetch('/__csp-report', { method: 'DELETE' }));
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('is served with the policy, which forbids eval and inline script', async () => {
    const response = await fetch('/demo/index.html?csp=strict');
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).to.include("script-src 'self'");
    expect(policy).to.include("require-trusted-types-for 'script'");
    const doc = await openDemo(1400, '', 900, '?csp=strict');
    const win = doc.defaultView as Window & typeof globalThis;
    let evaluated = true;
    try {
      win.eval('1');
    } catch {
      evaluated = false;
    }
    expect(evaluated, 'eval is blocked: the policy is in force').to.equal(false);
    // And a violation reaches the report endpoint the next test reads (so "no report" there means none happened).
    const style = doc.createElement('style');
    style.textContent = 'p { color: red }';
    doc.head.append(style);
    await waitUntil(async () => (await reports()).some((r) => r.includes('style-src')), 'an inline style is reported', { timeout: 5000 });
  });

  it('lets a reader select, comment, reload and export without a single violation', async () => {
    let doc = await openDemo(1400, '', 900, '?csp=strict');
    let reader = doc.querySelector('essay-reader') as EssayReader;
    const win = doc.defaultView!;
    const phrase = 'He should have asked for the address.';
    const start = reader.textIndex.text.indexOf(phrase);
    const range = reader.textIndex.rangeFor(start, start + phrase.length);
    (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
    win.getSelection()!.removeAllRanges();
    win.getSelection()!.addRange(range);
    doc.dispatchEvent(new Event('selectionchange'));
    const toolbar = reader.shadowRoot!.querySelector<HTMLElement>('[part="toolbar"]')!;
    await waitUntil(() => !toolbar.hidden, 'the toolbar appears over the selection');
    [...toolbar.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Comment')!.click();
    const card = () =>
      [...reader.shadowRoot!.querySelectorAll('essay-annotation-card')].find((c) => c.shadowRoot?.querySelector('textarea') || c.annotation?.id);
    await waitUntil(() => card()?.shadowRoot?.activeElement?.localName === 'textarea', 'the editor has focus');
    await sendKeys({ type: 'Asked, and answered' });
    [...card()!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Save')!.click();
    await waitUntil(() => reader.annotations.some((a) => JSON.stringify(a.body).includes('Asked, and answered')), 'saved');
    const id = reader.annotations.find((a) => JSON.stringify(a.body).includes('Asked, and answered'))!.id;
    expect(await reader.exportMarkdown(), 'the Markdown export (a module loaded on demand) works').to.include('Asked, and answered');

    // A reload: the annotation comes back from IndexedDB, on its passage.
    const frame = document.querySelector('iframe')!;
    frame.contentWindow!.location.reload();
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    doc = frame.contentDocument!;
    await waitUntil(() => (doc.querySelector('essay-reader') as EssayReader | null)?.annotations?.some((a) => a.id === id), 'back after the reload', {
      timeout: 8000,
    });
    reader = doc.querySelector('essay-reader') as EssayReader;
    await waitUntil(() => reader.rangeFor(id)?.toString() === phrase, 'on its passage');
    await reader.removeAnnotation(id);
    await new Promise((resolve) => setTimeout(resolve, 300)); // reports are sent after the fact
    expect(await reports(), 'no violation reported').to.deep.equal([]);
  });
});
