import { runAccuracyBench } from './cases/accuracy.js';
import { runAnchoringBench } from './cases/anchoring.js';
import * as margin from './cases/margin.js';

declare global {
  interface Window {
    runAnchoringBench: typeof runAnchoringBench;
    runAccuracyBench: typeof runAccuracyBench;
    margin: typeof margin;
  }
}
window.runAnchoringBench = runAnchoringBench;
window.runAccuracyBench = runAccuracyBench;
window.margin = margin;
