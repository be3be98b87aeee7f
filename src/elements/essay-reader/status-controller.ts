import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { stringsOf } from '../../i18n/locale.js';

/**
 * The reader's live status line (`role="status"`): "Link copied.", "Annotation deleted." with Undo. A message
 * goes after 4 s, or 10 s when it offers Undo.
 */
export class StatusController implements ReactiveController {
  private status: { message: string; undo?: () => void } | null = null;
  private timer = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostDisconnected() {
    clearTimeout(this.timer);
  }

  /** Says `message`; with `undo`, offers an Undo button that runs it. */
  show(message: string, undo?: () => void) {
    clearTimeout(this.timer);
    this.status = { message, undo };
    this.host.requestUpdate();
    this.timer = window.setTimeout(() => this.clear(), undo ? 10_000 : 4_000);
  }

  /** Moves focus to the Undo button, once it is rendered. */
  async focusUndo() {
    await this.host.updateComplete;
    this.host.shadowRoot?.querySelector<HTMLButtonElement>('.status button')?.focus();
  }

  private clear() {
    this.status = null;
    this.host.requestUpdate();
  }

  render() {
    const status = this.status;
    const undo = () => {
      this.clear();
      status?.undo?.();
    };
    return html`<div class=${status ? 'status shown' : 'status'} part="status" role="status">
      ${status ? html`${status.message}${status.undo ? html` <button type="button" data-action="undo" @click=${undo}>${stringsOf(this.host).undo}</button>` : nothing}` : nothing}
    </div>`;
  }
}
