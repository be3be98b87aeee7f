import { EssayToc } from './essay-toc.js';

export { EssayToc };

if (!customElements.get('essay-toc')) customElements.define('essay-toc', EssayToc);

declare global {
  interface HTMLElementTagNameMap {
    'essay-toc': EssayToc;
  }
}
