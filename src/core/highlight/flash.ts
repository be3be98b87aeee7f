/**
 * Briefly marks a passage so that a reader who was just taken to it sees where it is.
 *
 * Uses the CSS Custom Highlight API (`::highlight(essay-flash)`), which leaves the DOM untouched. Where that API
 * is missing, the element that holds the passage's start gets `data-essay-flash` for the same time.
 * @returns a function that ends the flash early.
 */
export function flashRange(range: Range, durationMs = 1600): () => void {
  const registry = (globalThis.CSS as { highlights?: HighlightRegistry } | undefined)?.highlights;
  if (registry && typeof Highlight === 'function') {
    const highlight = new Highlight(range.cloneRange());
    registry.set(FLASH_HIGHLIGHT, highlight);
    const end = () => {
      if (registry.get(FLASH_HIGHLIGHT) === highlight) registry.delete(FLASH_HIGHLIGHT);
    };
    setTimeout(end, durationMs);
    return end;
  }
  const start = range.startContainer;
  const element = start instanceof Element ? start : start.parentElement;
  if (!element) return () => {};
  element.setAttribute('data-essay-flash', '');
  const end = () => element.removeAttribute('data-essay-flash');
  setTimeout(end, durationMs);
  return end;
}

/** The name under which the flash is registered in `CSS.highlights`. */
export const FLASH_HIGHLIGHT = 'essay-flash';
