/** Whether sequential focus navigation (Tab) stops at `el`. */
export function isTabStop(el: Element): el is HTMLElement {
  if (!(el instanceof HTMLElement) || el.tabIndex < 0) return false;
  if (el instanceof HTMLAnchorElement && !el.hasAttribute('href')) return false;
  if ((el as HTMLButtonElement).disabled || el.closest('[inert]')) return false;
  return el.getClientRects().length > 0;
}

/** The Tab stops inside `root`, in the order Tab visits them: through shadow roots, slots in their place. */
export function tabStopsIn(root: Element): HTMLElement[] {
  const stops: HTMLElement[] = [];
  const visit = (el: Element) => {
    if (el instanceof HTMLSlotElement) {
      for (const assigned of el.assignedElements({ flatten: true })) visit(assigned);
      return;
    }
    if (el !== root && isTabStop(el)) stops.push(el);
    for (const child of (el.shadowRoot ?? el).children) visit(child);
  };
  visit(root);
  return stops;
}

/** The first Tab stop after `from` in document order inside `within` (light DOM), skipping what `skip` says. */
export function nextTabStopAfter(from: Node, within: Element, skip: (el: Element) => boolean): HTMLElement | null {
  const walker = within.ownerDocument.createTreeWalker(within, NodeFilter.SHOW_ELEMENT);
  walker.currentNode = from;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node as Element;
    if (!from.contains(el) && isTabStop(el) && !skip(el)) return el;
  }
  return null;
}

/** The focused element, looking into shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
