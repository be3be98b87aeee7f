/** @jsxImportSource solid-js */
// Type test, checked by `tsc --noEmit`: the same JSX types registered in Solid's JSX, with Solid's `on:` events and
// `prop:` properties.
import type {} from 'solid-js';
import type { EssayIntrinsicElements } from '../../src/jsx.js';
import { MemoryStore } from '../../src/core/index.js';

declare module 'solid-js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends EssayIntrinsicElements {}
  }
}

export const page = (
  <essay-reader document-id="her" prop:store={new MemoryStore()} on:essay-section-change={(event) => console.log(event.detail.id)}>
    <h2>The book</h2>
  </essay-reader>
);

// @ts-expect-error: the section's id is a string or null, not a number
export const wrong = <essay-reader on:essay-section-change={(event) => event.detail.id.toFixed()} />;
