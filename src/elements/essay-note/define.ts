import { EssayNote } from './essay-note.js';

export { EssayNote };

if (!customElements.get('essay-note')) customElements.define('essay-note', EssayNote);

declare global {
  interface HTMLElementTagNameMap {
    'essay-note': EssayNote;
  }
}
