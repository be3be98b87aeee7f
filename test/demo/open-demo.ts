import { waitUntil } from '@open-wc/testing';

/** Loads the demo page as a reader would, in a frame of its own, and waits until the reader has rendered. */
export async function openDemo(width = 1400, hash = '', height = 900, query = ''): Promise<Document> {
  const frame = document.createElement('iframe');
  Object.assign(frame.style, { width: `${width}px`, height: `${height}px`, border: '0' });
  frame.src = `/demo/index.html${query}${hash}`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const doc = frame.contentDocument!;
  await waitUntil(() => doc.querySelector('essay-reader')?.shadowRoot?.querySelector('essay-toc'), 'the reader rendered', { timeout: 8000 });
  return doc;
}
