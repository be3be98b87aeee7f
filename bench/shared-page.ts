// The shared-annotations benchmark's page: the shared entry, for the page to drive.
import { sharedDocuments, YjsStore } from '../src/shared/index.js';

declare global {
  interface Window {
    sharedBench: { sharedDocuments: typeof sharedDocuments; YjsStore: typeof YjsStore };
  }
}
window.sharedBench = { sharedDocuments, YjsStore };
