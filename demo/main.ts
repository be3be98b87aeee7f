// The demo loads the library the way a page would: one import that defines every element.
import '../src/index.js';
import { loadStrings, type EssayReader } from '../src/index.js';
import { IndexedDBStore } from '../src/core/index.js';

const reader = document.querySelector<EssayReader>('essay-reader')!;
const status = document.querySelector<HTMLOutputElement>('#tools-status')!;

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

document.querySelector('#export-json')!.addEventListener('click', () => {
  download('annotations.jsonld', 'application/ld+json', JSON.stringify(reader.exportAnnotations(), null, 2));
});

document.querySelector('#export-markdown')!.addEventListener('click', async () => {
  download('annotations.md', 'text/markdown', await reader.exportMarkdown());
});

document.querySelector<HTMLInputElement>('#import')!.addEventListener('change', async (event) => {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  try {
    const report = await reader.importAnnotations(await file.text());
    status.value = `Imported: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged (${report.older.length} older than yours), ${report.orphaned} unanchored, ${report.rejected.length} rejected.`;
  } catch (error) {
    status.value = `Not imported: ${(error as Error).message}`;
  }
  input.value = '';
});

// The reader's interface in another language (the essay stays in English, so its own lang stays "en"): the
// bundled strings, set as the reader's strings. Arabic turns the layout right to left; the direction can also be
// switched alone.
const language = document.querySelector<HTMLSelectElement>('#language')!;
const direction = document.querySelector<HTMLSelectElement>('#direction')!;
language.addEventListener('change', async () => {
  const lang = language.value;
  reader.strings = lang === 'en' ? null : await loadStrings(lang);
  direction.value = lang === 'ar' ? 'rtl' : 'ltr';
  direction.dispatchEvent(new Event('change'));
});
direction.addEventListener('change', () => {
  reader.dir = direction.value;
});

reader.addEventListener('essay-store-error', (event) => {
  status.value = event.detail.message;
});

// Shared mode: annotations kept private on this device until shared, and shared ones synced live with the other
// readers through the server `npm run serve:shared` starts (ws://localhost:1234, or ?server=…). The demo's
// readers are the server's demo tokens; a publisher's login would hand out a token instead. Open two windows,
// one as Reader A and one as Reader B (?reader=reader-a, ?reader=reader-b), to see each other's shared notes.
const layer = document.querySelector<HTMLSelectElement>('#layer')!;
const params = new URLSearchParams(location.search);
const readers: Record<string, { id: string; name: string; role?: 'reader' | 'moderator' }> = {
  'reader-a': { id: 'reader-a', name: 'Reader A' },
  'reader-b': { id: 'reader-b', name: 'Reader B' },
  moderator: { id: 'moderator', name: 'Moderator', role: 'moderator' },
};
let leave = () => {};
async function useLayer(token: string) {
  leave();
  leave = () => {};
  const who = readers[token];
  if (!who) {
    reader.store = new IndexedDBStore();
    reader.documentId = '';
    return;
  }
  // Loaded only in shared mode: a page that does not share does not pay for Yjs.
  const { sharedDocuments, SharedLayers, YjsStore } = await import('../src/shared/index.js');
  const shared = sharedDocuments({ url: params.get('server') ?? `ws://${location.hostname || 'localhost'}:1234`, token, reader: who });
  // One document for every reader of the essay, whatever each one's address.
  reader.documentId = params.get('doc') ?? 'what-sucks-about-her';
  reader.store = new SharedLayers(new IndexedDBStore({ name: `essay-reader-demo-${token}` }), new YjsStore(shared.docFor, { reader: who, connection: shared }));
  leave = () => shared.destroy();
}
layer.value = readers[params.get('reader') ?? ''] ? params.get('reader')! : '';
layer.addEventListener('change', () => void useLayer(layer.value));
if (layer.value) void useLayer(layer.value);
