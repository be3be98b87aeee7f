/** Inputs by which a reader takes over the scroll position. */
const TAKEOVER = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

/**
 * Scrolls `target` into view and keeps it where it landed while the page settles: for `ms` milliseconds, or until
 * the reader scrolls, taps, clicks or types. Elements upgrade, fonts load, notes leave the flow for the margin and
 * images get their size after a deep link has scrolled; each of those moves what lies below it, so a heading
 * scrolled to with a 64 px margin ended up cut off above the viewport. Reads one rectangle a frame.
 */
export function scrollIntoViewAndHold(target: Element, block: ScrollLogicalPosition, behavior: ScrollBehavior = 'auto', ms = 2000): void {
  const doc = target.ownerDocument;
  const view = doc.defaultView;
  if (!view) return;
  target.scrollIntoView({ block, behavior });
  // A smooth scroll is still moving: there is no place to hold yet.
  if (behavior === 'smooth') return;
  const landed = target.getBoundingClientRect().top;
  let frame = 0;
  const stop = () => {
    view.cancelAnimationFrame(frame);
    for (const type of TAKEOVER) view.removeEventListener(type, stop, true);
  };
  for (const type of TAKEOVER) view.addEventListener(type, stop, { capture: true, passive: true });
  const until = performance.now() + ms;
  const check = () => {
    if (!target.isConnected || performance.now() > until) return stop();
    const drift = target.getBoundingClientRect().top - landed;
    if (Math.abs(drift) >= 1) view.scrollBy({ top: drift, behavior: 'instant' });
    frame = view.requestAnimationFrame(check);
  };
  frame = view.requestAnimationFrame(check);
}
