// The page a server rendered: Lit's hydration support first (before any element class is defined), then the
// elements, which take over the shadow roots the server sent instead of rendering them again.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import '../../src/index.js';
