import { EssayPullquote } from './essay-pullquote.js';

export { EssayPullquote };

if (!customElements.get('essay-pullquote')) customElements.define('essay-pullquote', EssayPullquote);

declare global {
  interface HTMLElementTagNameMap {
    'essay-pullquote': EssayPullquote;
  }
}
