import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe as describeRange } from '../../core/anchoring/describe.js';
import { findQuote } from '../../core/anchoring/selectors.js';
import { locateTextFragment, parseTextFragment, textFragmentFor, toTextFragment } from '../../core/anchoring/text-fragment.js';
import { flashRange } from '../../core/highlight/flash.js';
import { anchoringSelectorsOf, type Annotation } from '../../core/model/annotation.js';
import { wellFormed } from '../../core/text/well-formed.js';
import type { TextIndex } from '../../core/text/text-index.js';
import { scrollIntoViewAndHold } from '../shared/hold-in-view.js';
import { scrollBehavior } from '../shared/motion.js';

/** What links lead to: passages of annotations, and their entries in the margin. */
export interface LinkTargets {
  /** The live range of an annotation's passage (or an author note's), or null. */
  rangeFor(id: string): Range | null;
  /** Where an annotation is found in the text, or null. */
  offsetsOf(annotation: Annotation): { start: number; end: number } | null;
  /** Shows an annotation's entry beside its passage. */
  open(id: string): void;
}

/**
 * Links into the essay: makes them (a standard text fragment, and `#annotation-<id>` for an annotation) and
 * follows them, on load and on `hashchange`, for browsers that do not handle text fragments natively. The page
 * opened at a link jumps there at once (and holds it while the page settles); later links scroll smoothly.
 */
export class LinksController implements ReactiveController {
  /** The page opened at a link into the essay: jump there at once. */
  private arrivedByLink = true;
  private resolvedHash = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly textIndex: () => TextIndex,
    private readonly targets: LinkTargets,
  ) {
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener('hashchange', this.onHashChange);
  }

  hostDisconnected() {
    window.removeEventListener('hashchange', this.onHashChange);
  }

  /** Follows the page's `#annotation-<id>` or text fragment, once it names something that is there. */
  resolveHash() {
    const hash = location.hash;
    if (!hash || hash === this.resolvedHash) return;
    if (this.goTo(hash)) {
      this.resolvedHash = hash;
      this.arrivedByLink = false;
    }
  }

  /**
   * Follows a link (a URL or just its fragment): `#annotation-<id>` scrolls to that annotation, a text fragment to
   * its passage, which flashes.
   * @returns whether the link named a passage of this essay.
   */
  goTo(link: string): boolean {
    const hash = link.includes('#') ? link.slice(link.indexOf('#')) : link;
    const annotation = /^#annotation-([^:]+)/.exec(hash);
    if (annotation) {
      let id = '';
      try {
        id = decodeURIComponent(annotation[1]);
      } catch {
        // not an id we made
      }
      if (id && this.scrollTo(id)) return true;
    }
    const index = this.textIndex();
    const fragment = parseTextFragment(hash);
    const match = fragment && locateTextFragment(fragment, index);
    if (!match) return false;
    const range = index.rangeFor(match.start, match.end);
    scrollIntoViewAndHold(range.startContainer.parentElement ?? this.host, 'center', this.behavior());
    flashRange(range, 3000);
    return true;
  }

  /** Scrolls to an annotation's passage, flashes it and shows its entry. */
  scrollTo(id: string): boolean {
    const range = this.targets.rangeFor(id);
    if (!range) return false;
    scrollIntoViewAndHold(range.startContainer.parentElement ?? this.host, 'center', this.behavior());
    flashRange(range);
    this.targets.open(id);
    return true;
  }

  /** A link to a passage: this page's URL with a text fragment, and `#annotation-<id>` for an annotation. */
  linkFor(target: Annotation | Range): string {
    const base = `${location.origin}${location.pathname}${location.search}`;
    const index = this.textIndex();
    if (target instanceof Range) {
      const { start, end } = index.offsetsOf(target);
      const [quote] = describeRange(target, index);
      return `${base}#${textFragmentFor(index, start, end) ?? toTextFragment(quote)}`;
    }
    const quote = findQuote(anchoringSelectorsOf(target));
    const match = this.targets.offsetsOf(target);
    const fragment = (match && textFragmentFor(index, match.start, match.end)) ?? (quote ? toTextFragment(quote) : '');
    return `${base}#annotation-${encodeURIComponent(wellFormed(target.id))}${fragment}`;
  }

  private behavior(): ScrollBehavior {
    return this.arrivedByLink ? 'auto' : scrollBehavior();
  }

  private readonly onHashChange = () => {
    this.resolvedHash = '';
    this.arrivedByLink = false;
    this.resolveHash();
  };
}
