import { stringsOf } from '../../i18n/locale.js';
import type { EssayStrings } from '../../i18n/strings.js';
import { html, type ReactiveController } from 'lit';
import { describe as describeRange } from '../../core/anchoring/describe.js';
import { DRAFT, textOf, type Annotation } from '../../core/model/annotation.js';
import { replyTarget, withColor, withComment } from '../../core/model/helpers.js';
import type { CardAction } from '../essay-annotation-card/essay-annotation-card.js';
import type { EssayElement } from '../shared/essay-element.js';
import type { AnnotationLayer } from './annotation-layer.js';
import type { EssayText } from './essay-text.js';
import type { MarginController } from './margin/margin-controller.js';
import { SelectionToolbarController } from './selection-toolbar-controller.js';
import type { StatusController } from './status-controller.js';

/** What the reader's actions are handed. */
export interface ActionParts {
  layer: AnnotationLayer;
  text: EssayText;
  margin: MarginController;
  status: StatusController;
  /** A link to an annotation's passage, or to a range. */
  linkFor(target: Annotation | Range): string;
  /** The document new annotations target. */
  source(): string;
  /** Whether a reader may annotate now (`annotatable` and not `readonly`). */
  annotatable(): boolean;
}

/**
 * What a reader does with annotations, by hand: the selection toolbar (Highlight, Comment, Copy link), the cards'
 * buttons (save, reply, colour, delete with Undo, retry, copy link), Re-attach for an unanchored one, and the
 * prompt before leaving the page with something unsaved.
 */
export class AnnotationActions implements ReactiveController {
  private readonly toolbar: SelectionToolbarController;

  constructor(
    private readonly host: EssayElement,
    private readonly parts: ActionParts,
  ) {
    host.addController(this);
    this.toolbar = new SelectionToolbarController(host, {
      toolbar: () => host.shadowRoot?.querySelector<HTMLElement>('.toolbar') ?? null,
      accepts: (range) => this.accepts(range),
    });
  }

  hostConnected() {
    this.host.addEventListener('essay-card-action', this.onCardAction);
    window.addEventListener('beforeunload', this.onBeforeUnload);
  }

  hostDisconnected() {
    this.host.removeEventListener('essay-card-action', this.onCardAction);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  /** A selection readers may annotate: one that holds essay text (not only notes or the library's UI). */
  private accepts(range: Range): boolean {
    if (!this.parts.annotatable()) return false;
    if (!this.host.contains(range.startContainer) || !this.host.contains(range.endContainer)) return false;
    // Ends inside a section number, a marker, a note or a pull-quote map to the nearest essay text; a selection
    // with no essay text in it at all (only a note, say) is not annotatable.
    const index = this.parts.text.index;
    const { start, end } = index.offsetsOf(range);
    return index.text.slice(start, end).trim().length > 0;
  }

  private async annotateSelection(motivation: 'highlighting' | 'commenting') {
    const range = this.toolbar.range;
    if (!range) return;
    const { layer, margin, status } = this.parts;
    const annotation = layer.annotations.create(range, this.parts.text.index, motivation);
    this.toolbar.hide();
    this.host.ownerDocument.getSelection()?.removeAllRanges();
    const added = await layer.add(annotation);
    if (!added) return;
    await this.host.updateComplete;
    // The margin places a new card in the next frame or two (on a narrow page, as a popover): act on it then.
    for (let i = 0; i < 10 && !margin.isPlaced(added.id); i++) await new Promise(requestAnimationFrame);
    const card = layer.cards.cardFor(added.id);
    if (!card) return;
    if (motivation === 'commenting') {
      margin.open(added.id);
      card.edit();
    } else if (margin.narrow) {
      // A highlight on a phone leaves the text in view: focus goes to its marker, which opens the card.
      margin.markerFor(added.id)?.focus({ preventScroll: true });
      status.show(this.t.highlightedMarker);
    } else {
      // Focus goes to the new card, beside the passage, where Comment, Colour and the rest are.
      margin.open(added.id);
      status.show(this.t.highlighted);
    }
  }

  private async copyLink() {
    const range = this.toolbar.range;
    if (!range) return;
    const link = this.parts.linkFor(range);
    this.toolbar.hide();
    await this.copy(link);
  }

  private async copy(text: string) {
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      copied = false;
    }
    this.parts.status.show(copied ? this.t.linkCopied : this.t.copyThisLink(text));
  }

  /** Deletes an annotation and offers Undo in the status line, with focus on it. */
  async deleteWithUndo(id: string) {
    const undo = await this.parts.layer.remove(id);
    this.parts.status.show(this.t.annotationDeleted, () => void this.undo(id, undo));
    await this.parts.status.focusUndo();
  }

  /**
   * Puts back what a delete took out, and brings the annotation's card back level with its passage, focused: the
   * Undo button that had focus goes with its message, and focus fell to the page (with many cards, the card put
   * back was laid out with the stack, out of view).
   */
  private async undo(id: string, putBack: () => Promise<void>) {
    const done = putBack();
    // In memory at once (the store saves meanwhile): rendered and placed in the reader's next update.
    await this.host.updateComplete;
    this.parts.margin.open(id);
    await done;
  }

  /** Moves an unanchored annotation to the text selected now. */
  async reattach(id: string) {
    const selection = this.host.ownerDocument.getSelection();
    const range = selection && selection.rangeCount && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    const current = this.parts.layer.annotations.get(id);
    if (!current) return;
    if (!range || !this.accepts(range)) {
      this.parts.status.show(this.t.reattachHint);
      return;
    }
    const selector = describeRange(range, this.parts.text.index);
    // The target that carried the lost passage gets the new one; any other targets (an image, another resource of
    // a multi-target annotation) are kept as they were.
    const targets = Array.isArray(current.target) ? current.target : [current.target];
    let at = targets.findIndex((t) => typeof t === 'object' && t !== null && 'selector' in t);
    if (at === -1) at = 0;
    const old = targets[at];
    const moved = { ...(typeof old === 'object' && old !== null ? old : {}), source: this.parts.source(), selector };
    const target = targets.length === 1 ? moved : targets.map((t, i) => (i === at ? moved : t));
    // A reply whose parent is gone becomes a note on the passage it is attached to.
    const motivation = replyTarget(current) !== null ? 'commenting' : current.motivation;
    await this.parts.layer.update(id, { target, motivation });
  }

  private readonly onCardAction = async (event: HTMLElementEventMap['essay-card-action']) => {
    const detail: CardAction = event.detail;
    const { layer } = this.parts;
    const current = layer.annotations.get(detail.id);
    if (!current) return;
    switch (detail.action) {
      case 'save':
        await layer.update(detail.id, { ...withComment(current, detail.text), [DRAFT]: undefined });
        break;
      case 'draft': {
        // Kept with the annotation so that it survives a reload; not an edit of the annotation (no 'modified').
        if ((current[DRAFT] ?? null) === detail.text) break;
        const { [DRAFT]: _previous, ...rest } = current;
        await layer.annotations.put(detail.text ? { ...rest, [DRAFT]: detail.text } : (rest as Annotation));
        break;
      }
      case 'color':
        await layer.update(detail.id, withColor(current, detail.color));
        break;
      case 'reply':
        await layer.add(layer.annotations.reply(detail.id, detail.text));
        break;
      case 'delete':
        await this.deleteWithUndo(detail.id);
        break;
      case 'retry':
        await layer.annotations.flush();
        break;
      case 'copy-link':
        await this.copy(this.parts.linkFor(current));
        break;
      case 'share':
        await layer.share(detail.id, detail.shared);
        break;
      case 'hide':
        await layer.hide(detail.id);
        break;
      case 'cancel':
        // A comment begun from the toolbar and cancelled before a word was saved is a highlight, not an empty one.
        if (current.motivation === 'commenting' && !textOf(current)) await layer.update(detail.id, { motivation: 'highlighting' });
        break;
    }
  };

  /**
   * Leaving the page with a comment typed and not saved, or with an annotation the store refused, asks first (the
   * browser's own prompt). A typed draft is kept with its annotation at once as well, so that it comes back if the
   * reader leaves anyway.
   */
  private readonly onBeforeUnload = (event: BeforeUnloadEvent) => {
    let unsaved = false;
    for (const card of this.parts.layer.cards.rendered()) {
      const text = card.unsavedText;
      const id = card.annotation?.id;
      if (!text || !id) continue;
      unsaved = true;
      card.emit('essay-card-action', { action: 'draft', id, text });
    }
    // Anything the store has not taken yet (a save in flight, or one it refused) is not safe to leave behind.
    if (!unsaved && this.parts.layer.annotations.unsaved.size === 0) return;
    event.preventDefault();
    event.returnValue = '';
  };

  /** The strings the reader speaks. */
  private get t(): EssayStrings {
    return stringsOf(this.host);
  }

  /** The toolbar for a selection. */
  renderToolbar() {
    const t = this.t;
    // prettier-ignore
    return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label=${t.toolbar} aria-keyshortcuts="Alt+A" hidden @keydown=${rovingFocus}>
      <button type="button" part="toolbar-button" tabindex="0" data-action="highlight" @pointerdown=${keepSelection} @click=${() => this.annotateSelection('highlighting')}>${t.highlight}</button>
      <button type="button" part="toolbar-button" tabindex="-1" data-action="comment" @pointerdown=${keepSelection} @click=${() => this.annotateSelection('commenting')}>${t.comment}</button>
      <button type="button" part="toolbar-button" tabindex="-1" data-action="copy-link" @pointerdown=${keepSelection} @click=${() => this.copyLink()}>${t.copyLink}</button>
    </div>`;
  }
}

/**
 * Arrow keys, Home and End move focus among a toolbar's buttons, and only the focused one is in the tab order (a
 * roving tabindex, as the ARIA toolbar pattern asks): Tab leaves the toolbar in one step.
 */
function rovingFocus(event: KeyboardEvent) {
  const toolbar = event.currentTarget as HTMLElement;
  const buttons = [...toolbar.querySelectorAll<HTMLButtonElement>('button')];
  const current = buttons.indexOf((toolbar.getRootNode() as ShadowRoot).activeElement as HTMLButtonElement);
  if (current < 0) return;
  const last = buttons.length - 1;
  const moves: Record<string, number> = {
    ArrowRight: current === last ? 0 : current + 1,
    ArrowDown: current === last ? 0 : current + 1,
    ArrowLeft: current === 0 ? last : current - 1,
    ArrowUp: current === 0 ? last : current - 1,
    Home: 0,
    End: last,
  };
  const next = moves[event.key];
  if (next === undefined) return;
  event.preventDefault();
  buttons.forEach((button, i) => (button.tabIndex = i === next ? 0 : -1));
  buttons[next].focus();
}

/** Keeps the document's selection when a toolbar button is pressed. */
function keepSelection(event: PointerEvent) {
  event.preventDefault();
}
