/** @jsxImportSource preact */
// Type test, checked by `tsc --noEmit` (npm run typecheck, in CI): the JSX types of essay-reader/jsx.js, registered
// in Preact's JSX as the README says, accept what the elements accept and refuse what they do not.
import type { EssayIntrinsicElements } from '../../src/jsx.js';
import { MemoryStore } from '../../src/core/index.js';

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends EssayIntrinsicElements {}
  }
}

export const page = (
  <essay-reader
    document-id="her"
    numbering="decimal"
    note-numbers
    words-per-minute={250}
    store={new MemoryStore()}
    strings={{ contents: 'In this essay' }}
    aria-label="The essay"
    data-theme="dark"
    onessay-annotation-create={(event) => console.log(event.detail.annotation.id)}
  >
    <h2>The book</h2>
    <p>limbic revision</p>
    <essay-note quote="limbic revision" color="green" occurrence={1}>
      <p>A note.</p>
    </essay-note>
    <essay-pullquote quote="space between the words" cite="Samantha" />
    <essay-toc for="essay" />
  </essay-reader>
);

// @ts-expect-error: numbering is 'decimal' or 'none'
export const roman = <essay-reader numbering="roman" />;
// @ts-expect-error: a misspelt attribute
export const misspelt = <essay-reader documentid="x" />;
// @ts-expect-error: the event's detail has no such field
export const wrongDetail = <essay-reader onessay-annotation-create={(event) => event.detail.note} />;
// @ts-expect-error: strings are checked too
export const wrongStrings = <essay-reader strings={{ contnets: 'x' }} />;
