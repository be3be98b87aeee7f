import { buildOutline, type Numbering, type OutlineEntry } from '../../core/outline/outline.js';
import { isSkippedElement } from '../../core/text/text-index.js';

export const NUMBER_ATTRIBUTE = 'data-essay-section-number';
export const SELF_LINK_ATTRIBUTE = 'data-essay-self-link';

/** The section headings of an essay: `<h2>` and `<h3>` not inside library UI, duplicates or hidden content. */
export function findHeadings(root: Element): HTMLHeadingElement[] {
  return [...root.querySelectorAll<HTMLHeadingElement>('h2, h3')].filter((heading) => !insideSkipped(heading, root));
}

function insideSkipped(element: Element, root: Element): boolean {
  for (let node = element.parentElement; node && node !== root; node = node.parentElement) {
    if (isSkippedElement(node)) return true;
  }
  return false;
}

/** A heading's text without what the library added to it. */
export function headingText(heading: Element): string {
  let text = '';
  const walker = heading.ownerDocument.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('[data-essay-skip]')) text += node.nodeValue;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Numbers the headings in the light DOM and gives each an id and a self-link. Safe to call again: it updates what
 * it added before instead of adding it twice.
 */
export function decorateHeadings(
  headings: readonly HTMLHeadingElement[],
  options: { numbering: Numbering; start: number; selfLinkLabel: (text: string) => string },
): OutlineEntry[] {
  const doc = headings[0]?.ownerDocument;
  if (!doc) return [];
  const ours = new Set(headings.map((h) => h.id).filter(Boolean));
  const takenIds = [...doc.querySelectorAll('[id]')].map((el) => el.id).filter((id) => !ours.has(id));
  const entries = buildOutline(
    headings.map((heading) => ({
      level: heading.localName === 'h3' ? 3 : 2,
      text: headingText(heading),
      // An id we generated earlier is regenerated (the text may have changed); an author's id is kept.
      id: heading.hasAttribute('data-essay-generated-id') ? undefined : heading.id || undefined,
      unnumbered: heading.hasAttribute('data-unnumbered'),
    })),
    { numbering: options.numbering, start: options.start, takenIds },
  );
  headings.forEach((heading, i) => {
    const entry = entries[i];
    if (heading.id !== entry.id) {
      heading.id = entry.id;
      heading.setAttribute('data-essay-generated-id', '');
    }
    setNumber(heading, entry.number);
    setSelfLink(heading, entry.id, options.selfLinkLabel(entry.text));
  });
  return entries;
}

function setNumber(heading: HTMLHeadingElement, number: string | null) {
  let span = heading.querySelector<HTMLElement>(`:scope > [${NUMBER_ATTRIBUTE}]`);
  if (number === null) {
    span?.remove();
    return;
  }
  if (!span) {
    span = heading.ownerDocument.createElement('span');
    span.setAttribute(NUMBER_ATTRIBUTE, '');
    span.setAttribute('data-essay-skip', '');
    heading.prepend(span);
  }
  // The space is part of the number, so the heading reads (and copies) as "1 Title", not "1Title".
  const text = `${number} `;
  if (span.textContent !== text) span.textContent = text;
}

function setSelfLink(heading: HTMLHeadingElement, id: string, label: string) {
  let link = heading.querySelector<HTMLAnchorElement>(`:scope > [${SELF_LINK_ATTRIBUTE}]`);
  if (!link) {
    link = heading.ownerDocument.createElement('a');
    link.setAttribute(SELF_LINK_ATTRIBUTE, '');
    link.setAttribute('data-essay-skip', '');
    link.textContent = '#';
    // Inside the heading, the link's name would become part of the heading's ("… Link to section: …"), read
    // on every heading. It is for pointers: hidden from the accessibility tree and out of the tab order; the
    // contents lead to every section by keyboard and screen reader.
    link.setAttribute('aria-hidden', 'true');
    link.tabIndex = -1;
    heading.append(link);
  }
  link.href = `#${encodeURIComponent(id)}`;
  link.title = label;
}
