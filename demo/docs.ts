// The documentation page: the element reference from the manifest (api-viewer-element), the themes, a reader on the
// example server store, and the examples' sources, imported as text from the very files the tests run.
import 'api-viewer-element';
import '../src/index.js';
import type { EssayReader } from '../src/index.js';
import { FetchStore } from './examples/fetch-store.js';
import manifestText from '../custom-elements.json?raw';
import storeSource from './examples/fetch-store.ts?raw';
import serverSource from './examples/annotation-server.mjs?raw';
import reactSource from './examples/react-reader.ts?raw';
import preactSource from './examples/preact-reader.ts?raw';
import sepia from './themes/sepia.css?raw';
import night from './themes/night.css?raw';
import newsprint from './themes/newsprint.css?raw';

const api = document.querySelector('api-viewer') as HTMLElement & { manifest: unknown };
api.manifest = JSON.parse(manifestText);

const show = (id: string, text: string) => (document.getElementById(id)!.textContent = text);
show('store-source', storeSource);
show('server-source', serverSource);
show('react-source', reactSource);
show('preact-source', preactSource);

const themes: Record<string, string> = { sepia, night, newsprint };
const themed = document.querySelector<EssayReader>('#themed')!;
const pick = document.querySelector<HTMLSelectElement>('#theme')!;
const showTheme = () => {
  themed.className = `theme-${pick.value}`;
  show('theme-source', themes[pick.value]);
};
pick.addEventListener('change', showTheme);
showTheme();

// A page can name the document (the tests give each run its own): ?doc=…
const served = document.querySelector<EssayReader>('#served')!;
const doc = new URLSearchParams(location.search).get('doc');
if (doc) served.documentId = doc;
served.store = new FetchStore('/api/annotations');
