import { runAnchoringBench } from './cases/anchoring.js';

declare global {
  interface Window {
    runAnchoringBench: typeof runAnchoringBench;
  }
}
window.runAnchoringBench = runAnchoringBench;
