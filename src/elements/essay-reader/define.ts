import { EssayReader } from './essay-reader.js';
// The reader renders an <essay-toc> in its rail.
import '../essay-toc/define.js';
// …and anchors the <essay-note>s inside it.
import '../essay-note/define.js';
// …and renders reader annotations as <essay-annotation-card>s.
import '../essay-annotation-card/define.js';

export { EssayReader };

if (!customElements.get('essay-reader')) customElements.define('essay-reader', EssayReader);

declare global {
  interface HTMLElementTagNameMap {
    'essay-reader': EssayReader;
  }
}
