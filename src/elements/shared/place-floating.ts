import { arrow, autoUpdate, computePosition, flip, hide, offset, shift, type Placement, type ReferenceElement } from '@floating-ui/dom';

export interface FloatingOptions {
  placement: Placement;
  /** Gap between the reference and the floating element, in CSS pixels. */
  gap: number;
  /** An arrow inside the floating element, pointed at the reference. */
  arrowElement?: HTMLElement | null;
  /**
   * Called when the reference leaves the viewport (scrolled away), instead of hiding the floating element: to
   * close it, say, or to keep it where a reader is typing into it.
   */
  onReferenceHidden?: () => void;
}

/**
 * Places `floating` (position: fixed) beside `reference` with @floating-ui/dom, and keeps it there while the page
 * scrolls or either element resizes (floating-ui's `autoUpdate`). A floating surface that stays where it was when
 * the page moved under it covers unrelated text and swallows taps meant for what is now beneath it; this one
 * follows, and hides itself (`visibility: hidden`, so it takes no pointer input) once the reference is out of view,
 * unless `onReferenceHidden` says what to do instead.
 * Returns the function that stops following.
 */
export function placeFloating(reference: ReferenceElement, floating: HTMLElement, options: FloatingOptions): () => void {
  const { placement, gap, arrowElement, onReferenceHidden } = options;
  let stop = () => {};
  const update = async () => {
    // Taken out of the document while open (a deleted card): nothing to follow any more.
    if (!floating.isConnected) return stop();
    const result = await computePosition(reference, floating, {
      strategy: 'fixed',
      placement,
      middleware: [
        offset(gap),
        flip({ padding: 8 }),
        shift({ padding: 8, crossAxis: true }),
        ...(arrowElement ? [arrow({ element: arrowElement, padding: 6 })] : []),
        hide(),
      ],
    });
    const hidden = !!result.middlewareData.hide?.referenceHidden;
    Object.assign(floating.style, { left: `${result.x}px`, top: `${result.y}px`, transform: 'none', visibility: hidden && !onReferenceHidden ? 'hidden' : '' });
    if (hidden) onReferenceHidden?.();
    if (arrowElement && result.middlewareData.arrow) {
      const below = result.placement.startsWith('bottom');
      Object.assign(arrowElement.style, {
        left: result.middlewareData.arrow.x != null ? `${result.middlewareData.arrow.x}px` : '',
        top: below ? '-6px' : '',
        bottom: below ? '' : '-6px',
      });
    }
  };
  const cleanup = autoUpdate(reference, floating, () => void update());
  stop = cleanup;
  return cleanup;
}

/** A floating-ui reference for a live range: its box is read afresh on every update, so it follows the text. */
export function rangeReference(range: Range): ReferenceElement {
  const start = range.startContainer;
  return {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
    contextElement: start instanceof Element ? start : (start.parentElement ?? undefined),
  };
}
