import { formatReadingTime, stringsOf } from '../../i18n/locale.js';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { countWords, type Numbering, type OutlineEntry } from '../../core/outline/outline.js';
import { scrollIntoViewAndHold } from '../shared/hold-in-view.js';
import { ScrollSpyController } from '../shared/scroll-spy-controller.js';
import type { EssayText } from './essay-text.js';
import { decorateHeadings, findHeadings } from './sections.js';

/**
 * The essay's sections: numbers its headings and gives each a self link, keeps the outline, the word count and
 * which section is being read (a scroll spy), and renders the contents rail. On first render it scrolls to the page's fragment
 * itself: ids made by script did not exist when the browser looked for it.
 */
export class EssaySections implements ReactiveController {
  /** The numbered outline of the essay, as the contents shows it. */
  outline: OutlineEntry[] = [];
  /** The id of the heading of the section being read, or null above the first. */
  currentId: string | null = null;
  /** Words in the essay. */
  words = 0;
  private hashTried = false;
  private countedVersion = -1;
  /** Whether the contents are shown on a narrow layout (the Contents button). */
  private tocOpen = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly text: EssayText,
    private readonly options: {
      numbering(): { numbering: Numbering; start: number };
      /** The reader scrolled into another section. */
      onSection(id: string | null): void;
    },
  ) {
    host.addController(this);
    this.spy = new ScrollSpyController(host, (id) => {
      this.currentId = id;
      host.requestUpdate();
      options.onSection(id);
    });
  }

  private readonly spy: ScrollSpyController;

  hostUpdated() {
    if (this.hashTried) return;
    this.hashTried = true;
    this.scrollToHash();
  }

  /**
   * Numbers the headings again and rebuilds the outline and the word count.
   * @returns the new outline when it differs from the last, else null.
   */
  refresh(): OutlineEntry[] | null {
    const headings = findHeadings(this.host);
    const strings = stringsOf(this.host);
    const { numbering, start } = this.options.numbering();
    const entries =
      headings.length === 0
        ? []
        : this.text.withoutObserving(() =>
            decorateHeadings(headings, {
              numbering: numbering === 'none' ? 'none' : 'decimal',
              start: Number.isFinite(start) ? Math.trunc(start) : 1,
              selfLinkLabel: (text) => strings.linkToSection(text),
            }),
          );
    // Counted again only when the words changed (a 200k-word essay takes 20 ms to count).
    const index = this.text.index;
    const version = this.text.versionOf(index);
    if (version !== this.countedVersion) {
      this.words = countWords(index.text);
      this.countedVersion = version;
    }
    this.spy.observe(headings);
    this.host.requestUpdate();
    if (sameOutline(entries, this.outline)) return null;
    this.outline = entries;
    return entries;
  }

  private setTocOpen(open: boolean) {
    this.tocOpen = open;
    this.host.requestUpdate();
  }

  /** The rail: the contents (a button shows them on narrow layouts) and the reading time. */
  renderRail(minutes: number) {
    const t = stringsOf(this.host);
    // prettier-ignore
    return html`<div class="rail-space"></div><div class="rail" part="rail">
      <div class="rail-inner">
        ${
          this.outline.length
            ? html`<button
              class="toc-toggle"
              part="toc-toggle"
              aria-expanded=${this.tocOpen ? 'true' : 'false'}
              aria-controls="toc"
              @click=${() => this.setTocOpen(!this.tocOpen)}
            >
              ${t.contents}
            </button>`
            : nothing
        }
        ${minutes > 0 ? html`<p class="reading-time" part="reading-time">${formatReadingTime(t, minutes)}</p>` : nothing}
        <essay-toc
          id="toc"
          class=${this.tocOpen ? 'open' : ''}
          part="toc"
          exportparts="toc-list, toc-link, toc-link-current, section-number"
          .entries=${this.outline}
          .currentId=${this.currentId}
          @essay-toc-navigate=${() => this.setTocOpen(false)}
        ></essay-toc>
      </div>
    </div>`;
  }

  /** Scrolls to the element the page's fragment names, if it is in the essay. */
  private scrollToHash() {
    if (!location.hash) return;
    let id: string;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return;
    }
    const target = id ? this.host.ownerDocument.getElementById(id) : null;
    if (target && this.host.contains(target)) {
      scrollIntoViewAndHold(target, 'start');
    }
  }
}

function sameOutline(a: OutlineEntry[], b: OutlineEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((entry, i) => entry.id === b[i].id && entry.number === b[i].number && entry.text === b[i].text && entry.level === b[i].level)
  );
}
