import type { AnnotationDocument } from './annotation-layer.js';

/** What a reader's annotations belong to follows from: its `document-id`, its id, and the page it is on. */
interface ReaderPlace {
  readonly documentId: string;
  readonly id: string;
  readonly ownerDocument: Document;
}

/**
 * Where a reader's annotations belong. The document they target (`source`) is `document-id`, else the canonical
 * URL, else this page's address without its fragment and tracking parameters (`utm_*`, `fbclid`, …), so that
 * `/?p=1` and `/?p=2` are two documents. They are stored under it, followed by `#<id>` when the reader has an id,
 * so that several readers on one page keep separate collections.
 */
export function annotationDocument(reader: ReaderPlace): AnnotationDocument & { canonical(): string } {
  const canonical = () => reader.ownerDocument.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href ?? '';
  const source = () => reader.documentId || canonical() || pageAddress(location);
  const id = () => reader.documentId || (reader.id ? `${source()}#${reader.id}` : source());
  return {
    canonical,
    source,
    id,
    isThis: (of) => [source(), id(), reader.documentId].includes(of) || of === location.href.split('#')[0],
    // Where an earlier version kept this page's annotations, if elsewhere: the path without its query, which every
    // `?p=` of a blog shared. What anchors in this essay is brought over from there once (and left there too).
    legacyId: () => {
      if (reader.documentId || canonical()) return null;
      const legacy = `${location.origin}${location.pathname}`;
      if (legacy === source()) return null;
      return reader.id ? `${legacy}#${reader.id}` : legacy;
    },
  };
}

/** Parameters that say where a visitor came from, not which page this is. */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|yclid|twclid)$/i;

/** A page's address without its fragment and without tracking parameters. */
export function pageAddress(url: { origin: string; pathname: string; search: string }): string {
  const params = new URLSearchParams(url.search);
  for (const name of [...params.keys()]) if (TRACKING.test(name)) params.delete(name);
  const search = params.toString();
  return `${url.origin}${url.pathname}${search ? `?${search}` : ''}`;
}
