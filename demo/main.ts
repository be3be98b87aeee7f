// The demo loads the library the way a page would: one import that defines every element.
import '../src/index.js';
import type { EssayReader } from '../src/index.js';

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

reader.addEventListener('essay-store-error', (event) => {
  status.value = event.detail.message;
});
