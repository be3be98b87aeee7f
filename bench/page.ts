import { runAnchoringBench } from './cases/anchoring.js';
import * as margin from './cases/margin.js';

declare global {
  interface Window {
    runAnchoringBench: typeof runAnchoringBench;
    margin: typeof margin;
  }
}
window.runAnchoringBench = runAnchoringBench;
window.margin = margin;
