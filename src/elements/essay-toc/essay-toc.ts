import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { OutlineEntry } from '../../core/outline/outline.js';
import { EssayElement } from '../shared/essay-element.js';
import { scrollBehavior } from '../shared/motion.js';
import { styles } from './essay-toc.styles.js';

interface TocNode {
  entry: OutlineEntry;
  children: OutlineEntry[];
}

/**
 * The contents of an essay: its numbered sections as links, the section being read marked.
 * `<essay-reader>` renders one in its rail; place one anywhere else with `for="reader-id"`.
 *
 * @summary Table of contents with scroll-spy.
 * @tag essay-toc
 *
 * @fires {CustomEvent<{ id: string }>} essay-toc-navigate - A link in the contents was followed.
 *
 * @csspart toc - The navigation landmark.
 * @csspart toc-list - A list (the sections, or the subsections of one).
 * @csspart toc-link - A link to a section.
 * @csspart toc-link-current - The link of the section being read (with `aria-current="location"`).
 * @csspart section-number - A section's number.
 *
 * @cssprop [--essay-color-accent=#a4372a] - Colour of the current section's marker and of numbers.
 * @cssprop [--essay-color-muted=#6b6459] - Colour of the other links.
 */
export class EssayToc extends EssayElement {
  static override styles = styles;

  /** The sections to list (set by `<essay-reader>`, or taken from the reader named by `for`). */
  @property({ attribute: false }) entries: OutlineEntry[] = [];

  /** The id of the section being read. */
  @property({ attribute: false }) currentId: string | null = null;

  /** The id of an `<essay-reader>` elsewhere on the page whose contents to show. */
  @property() for: string | null = null;

  /** The accessible name of the navigation landmark (default: the `contents` string of its language). */
  @property() label: string | null = null;

  private source?: HTMLElement & { outline?: OutlineEntry[]; currentSectionId?: string | null };
  private readonly onOutline = (event: HTMLElementEventMap['essay-outline-change']) => {
    this.entries = event.detail.entries;
  };
  private readonly onSection = (event: HTMLElementEventMap['essay-section-change']) => {
    this.currentId = event.detail.id;
  };

  override connectedCallback() {
    super.connectedCallback();
    this.follow();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unfollow();
  }

  protected override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('for') && this.isConnected) this.follow();
  }

  private follow() {
    this.unfollow();
    if (!this.for) return;
    const reader = this.ownerDocument.getElementById(this.for) as EssayToc['source'] | null;
    if (!reader) return;
    this.source = reader;
    reader.addEventListener('essay-outline-change', this.onOutline);
    reader.addEventListener('essay-section-change', this.onSection);
    if (reader.outline) this.entries = reader.outline;
    if (reader.currentSectionId !== undefined) this.currentId = reader.currentSectionId;
  }

  private unfollow() {
    this.source?.removeEventListener('essay-outline-change', this.onOutline);
    this.source?.removeEventListener('essay-section-change', this.onSection);
    this.source = undefined;
  }

  private onClick(event: MouseEvent) {
    const link = (event.target as Element).closest('a');
    const id = link?.dataset.target;
    if (!link || !id) return;
    const target = this.ownerDocument.getElementById(id);
    if (!target) return;
    // Links in a shadow root do not always scroll the document to a light-DOM id: do it here, and keep the URL.
    event.preventDefault();
    history.pushState(null, '', `#${encodeURIComponent(id)}`);
    target.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
    // Move the reading (and sequential focus) position to the section, as following an in-page link does.
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
    this.emit('essay-toc-navigate', { id });
  }

  override render() {
    if (this.entries.length === 0) return nothing;
    // One listener for every link of the list (delegation): the links themselves are what keys and clicks reach.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    return html`<nav part="toc" aria-label=${this.label ?? this.t.contents} @click=${this.onClick}>
      <ol part="toc-list">
        ${group(this.entries).map(
          (node) => html`<li>
            ${this.link(node.entry)}
            ${
              node.children.length
                ? html`<ol part="toc-list">
                  ${node.children.map((child) => html`<li>${this.link(child)}</li>`)}
                </ol>`
                : nothing
            }
          </li>`,
        )}
      </ol>
    </nav>`;
  }

  private link(entry: OutlineEntry) {
    const current = entry.id === this.currentId;
    return html`<a
      part=${current ? 'toc-link toc-link-current' : 'toc-link'}
      href="#${encodeURIComponent(entry.id)}"
      data-target=${entry.id}
      aria-current=${current ? 'location' : nothing}
      >${entry.number ? html`<span part="section-number" class="number">${entry.number}</span>` : nothing}<span
        class="text"
        >${entry.text}</span
      ></a
    >`;
  }
}

/** Nests subsections under their section (a subsection before any section stands on its own). */
function group(entries: readonly OutlineEntry[]): TocNode[] {
  const nodes: TocNode[] = [];
  for (const entry of entries) {
    const parent = nodes[nodes.length - 1];
    if (entry.level === 3 && parent && parent.entry.level === 2) parent.children.push(entry);
    else nodes.push({ entry, children: [] });
  }
  return nodes;
}
