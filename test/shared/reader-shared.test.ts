import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import { MemoryStore } from '../../src/core/index.js';
import type { EssayAnnotationCard, EssayReader } from '../../src/index.js';
import { SharedLayers, sharedDocuments, YjsStore } from '../../src/shared/index.js';
import { cardControl } from '../harness.js';
import { essay, frames } from '../helpers.js';
import { note as makeNote } from './notes.js';

/* Two readers on one essay, each in their own <essay-reader> with a private layer and the shared one on the real
   Hocuspocus server: what one shares the other sees, live, as someone else's; replies in a shared thread are shared;
   the server's refusal is shown; and the reader always sees where the shared layer stands. */

const port = async () => (await fetch('/__shared/port')).text();
const names: Record<string, string> = { 'reader-a': 'Reader A', 'reader-b': 'Reader B', moderator: 'Moderator' };

async function sharedReader(token: string, documentId: string) {
  const reader = { id: token, name: names[token], role: token === 'moderator' ? ('moderator' as const) : ('reader' as const) };
  const shared = sharedDocuments({ url: `ws://localhost:${await port()}`, token, offline: false, reader, refusalShownFor: 1500 });
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const template = document.createElement('template');
  template.innerHTML = `<essay-reader document-id="${documentId}">${essay}</essay-reader>`;
  const el = template.content.firstElementChild as EssayReader;
  const statuses: string[] = [];
  el.addEventListener('essay-store-status', (e) => statuses.push(e.detail.state));
  el.store = new SharedLayers(new MemoryStore(), new YjsStore(shared.docFor, { reader, connection: shared }));
  host.append(el);
  await el.updateComplete;
  await frames();
  return { el, shared, statuses };
}

const statusPart = (r: EssayReader) => r.shadowRoot!.querySelector<HTMLElement>('[part="store-status"]');
const cardFor = (r: EssayReader, id: string) => r.shadowRoot!.querySelector<EssayAnnotationCard>(`essay-annotation-card[data-id="${CSS.escape(id)}"]`);
const controls = (card: Element) => [...card.shadowRoot!.querySelectorAll<HTMLElement>('[data-action]')].map((b) => b.dataset.action);

describe('essay-reader with a private and a shared layer, on the shared server', () => {
  before(() => setViewport({ width: 1400, height: 900 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('keeps a note private until it is shared; then the other reader sees it as another’s, replies, and cannot delete it', async () => {
    const documentId = `shared-${crypto.randomUUID()}`;
    const a = await sharedReader('reader-a', documentId);
    const b = await sharedReader('reader-b', documentId);
    try {
      await waitUntil(() => statusPart(a.el)?.dataset.state === 'synced' && statusPart(b.el)?.dataset.state === 'synced', 'both shown as synced', {
        timeout: 8000,
      });
      expect(statusPart(a.el)!.textContent).to.equal('Shared annotations up to date.');
      expect(a.statuses.at(-1), 'and fired').to.equal('synced');

      const note = makeNote(`urn:uuid:${crypto.randomUUID()}`, 'Limbic revision: the book’s central idea', 'limbic revision', documentId);
      await a.el.addAnnotation(note);
      await waitUntil(() => cardFor(a.el, note.id), 'a’s card');
      const mine = cardFor(a.el, note.id)!;
      expect(cardControl(mine, 'share').getAttribute('aria-pressed'), 'private at first').to.equal('false');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(cardFor(b.el, note.id), 'b does not see a private note').to.equal(null);

      cardControl(mine, 'share').click();
      await waitUntil(() => cardFor(b.el, note.id), 'b sees it once shared', { timeout: 8000 });
      await waitUntil(() => cardControl(cardFor(a.el, note.id)!, 'share').getAttribute('aria-pressed') === 'true', 'a’s card says shared');
      const theirs = cardFor(b.el, note.id)!;
      await theirs.updateComplete;
      expect(theirs.getAttribute('aria-label')).to.equal('Reader A’s note on “limbic revision”');
      expect(theirs.shadowRoot!.querySelector('[part="meta"]')!.textContent).to.include('Reader A');
      expect(controls(theirs), 'another’s: reply and link only').to.deep.equal(['reply', 'copy-link']);
      // Its marker in the text says whose it is, as the card does.
      const markerLabels = () => [...b.el.querySelectorAll('[data-essay-note-marker]')].map((m) => m.getAttribute('aria-label'));
      await waitUntil(() => markerLabels().length === 1, 'b’s marker');
      expect(markerLabels()[0]).to.equal('Reader A’s annotation: Limbic revision: the book’s central idea');

      // B replies in the shared thread, through the card.
      cardControl(theirs, 'reply').click();
      await theirs.updateComplete;
      theirs.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea.reply')!.value = 'And Samantha outgrows it.';
      cardControl(theirs, 'post-reply').click();
      await waitUntil(
        () => cardFor(a.el, note.id)?.shadowRoot!.querySelector('[part="replies"]')?.textContent?.includes('And Samantha outgrows it.'),
        'a sees b’s reply',
        {
          timeout: 8000,
        },
      );
      expect(cardFor(a.el, note.id)!.shadowRoot!.querySelector('[part="replies"]')!.textContent).to.include('Reader B');

      // B's reader asked to delete a's note (a page script might): refused, said, and the note stays on b's page.
      const errors: { kind: string; message: string }[] = [];
      b.el.addEventListener('essay-store-error', (e) => errors.push(e.detail));
      const heard = b.statuses.length;
      await b.el.removeAnnotation(note.id);
      expect(errors.map((e) => e.kind)).to.deep.equal(['forbidden']);
      expect(errors[0].message).to.include('reader-b may not delete');
      await waitUntil(() => cardFor(b.el, note.id), 'the note stays on b’s page');
      await waitUntil(() => statusPart(b.el)?.dataset.state === 'synced', 'b in sync', { timeout: 8000 });
      expect(b.statuses.slice(heard), 'nothing was sent for the server to refuse').not.to.include('refused');

      // A makes it private again: it leaves b's page (b's reply stays b's, shared, listed without its parent).
      cardControl(cardFor(a.el, note.id)!, 'share').click();
      await waitUntil(() => !cardFor(b.el, note.id), 'gone from b once private', { timeout: 8000 });
      expect(cardFor(a.el, note.id), 'still a’s').to.not.equal(null);
    } finally {
      a.shared.destroy();
      b.shared.destroy();
    }
  });

  it('lets a moderator hide another reader’s shared note from every page, with the card’s Hide; it stays stored', async () => {
    const documentId = `shared-${crypto.randomUUID()}`;
    const a = await sharedReader('reader-a', documentId);
    const mod = await sharedReader('moderator', documentId);
    try {
      const note = makeNote(`urn:uuid:${crypto.randomUUID()}`, 'Off-topic advertising', 'embodied cognition', documentId);
      await a.el.addAnnotation(note);
      await waitUntil(() => cardFor(a.el, note.id), 'a’s card');
      expect(controls(cardFor(a.el, note.id)!), 'a reader has no Hide').not.to.include('hide');
      cardControl(cardFor(a.el, note.id)!, 'share').click();
      await waitUntil(() => cardFor(mod.el, note.id), 'the moderator sees it', { timeout: 8000 });
      const seen = cardFor(mod.el, note.id)!;
      await seen.updateComplete;
      expect(controls(seen)).to.deep.equal(['reply', 'copy-link', 'hide']);
      cardControl(seen, 'hide').click();
      await waitUntil(() => !cardFor(mod.el, note.id), 'gone from the moderator’s page');
      await waitUntil(() => !cardFor(a.el, note.id), 'and from the author’s', { timeout: 8000 });
      const stored = await (await fetch(`/__shared/stored/${encodeURIComponent(documentId)}`)).json();
      await waitUntil(
        async () => (await (await fetch(`/__shared/stored/${encodeURIComponent(documentId)}`)).json())?.hidden.includes(note.id),
        'stored as hidden',
        { timeout: 8000 },
      );
      expect(stored?.ids ?? [note.id], 'kept in the data').to.include(note.id);
    } finally {
      a.shared.destroy();
      mod.shared.destroy();
    }
  });
});
