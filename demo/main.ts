// The demo loads the library the way a page would: one import that defines every element.
import '../src/index.js';
