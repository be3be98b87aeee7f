import type { HighlightColor } from '../core/highlight/painter.js';

/**
 * Every text the elements show or say, in one place. Set `strings` on an `<essay-reader>` (or any element) to
 * change some of them; `lang` on the element or an ancestor picks a bundled translation (English, German,
 * French, Spanish, Japanese, Arabic). Functions receive what they must say already formatted for the language
 * (numbers through `Intl`), and text from the essay or a reader, which they must put in as it is: it is only ever
 * rendered as text.
 */
export interface EssayStrings {
  /** The language these strings are in (a BCP 47 tag): numbers and dates are formatted for it. */
  lang: string;
  /** The contents' name, and the button that shows them on narrow layouts. */
  contents: string;
  /** Reading time; `duration` is formatted by `Intl` ("5 min"). */
  readingTime(duration: string): string;
  /** The title of a section heading's self link. */
  linkToSection(title: string): string;
  /** The button on a note or a card that returns to its passage. */
  backToPassage: string;
  /** An author's note, named after its passage. */
  noteOn(quote: string): string;
  /** A reader's card, named after its passage. */
  yourNoteOn(quote: string): string;
  /** The marker after an author's noted passage. */
  noteMarker(number: string, label: string): string;
  /** The marker after a reader's annotated passage. */
  annotationMarker(label: string): string;
  /** The marker of another reader's annotation (a shared layer). */
  annotationMarkerBy(name: string, label: string): string;
  /** What a highlight without a comment is called (its marker's label). */
  highlightOf(quote: string): string;
  /** The selection toolbar's name. */
  toolbar: string;
  highlight: string;
  comment: string;
  copyLink: string;
  /** Said after highlighting, when the margin shows the card. */
  highlighted: string;
  /** Said after highlighting, when a marker opens the card (narrow layouts). */
  highlightedMarker: string;
  linkCopied: string;
  /** Said when the clipboard refused: the link to copy by hand. */
  copyThisLink(url: string): string;
  annotationDeleted: string;
  undo: string;
  /** Said when Re-attach is pressed without a selection. */
  reattachHint: string;
  /** The list of notes whose passage is gone. */
  unanchoredTitle: string;
  unanchoredText: string;
  reattach: string;
  /** An unanchored annotation that has no quote. */
  noQuote: string;
  delete: string;
  /** The list of notes on the whole page. */
  pageNotes: string;
  yourComment: string;
  save: string;
  cancel: string;
  /** What the reader typed and did not save. */
  draftKept(text: string): string;
  notSaved: string;
  retry: string;
  edit: string;
  reply: string;
  postReply: string;
  replies: string;
  colour: string;
  colours: Record<HighlightColor, string>;
  /** The title of a pull-quote that leads to its passage. */
  goToPassage: string;
  /** A time less than a minute ago. */
  justNow: string;
  /** The title of an export. */
  annotationsOn(source: string): string;
  /** Another reader's note, on a shared layer. */
  noteBy(name: string, quote: string): string;
  /** Shares a private annotation. */
  share: string;
  /** Takes a shared annotation back. */
  makePrivate: string;
  /** Said of a shared annotation. */
  shared: string;
  /** A moderator hides another reader's annotation from everyone. */
  hide: string;
  /** Where a shared layer stands with its server. */
  storeStatus: Record<import('../core/store/store.js').StoreStatus['state'], string>;
}

/** The strings in English: the default, and what any string a translation leaves out falls back to. */
export const en: EssayStrings = {
  lang: 'en',
  contents: 'Contents',
  readingTime: (duration) => `${duration} read`,
  linkToSection: (title) => `Link to section: ${title}`,
  backToPassage: 'Back to the passage',
  noteOn: (quote) => `Note on “${quote}”`,
  yourNoteOn: (quote) => `Your note on “${quote}”`,
  noteMarker: (number, label) => `Note ${number}: ${label}`,
  annotationMarker: (label) => `Your annotation: ${label}`,
  annotationMarkerBy: (name, label) => `${name}’s annotation: ${label}`,
  highlightOf: (quote) => `Highlight: ${quote}`,
  toolbar: 'Annotate the selection',
  highlight: 'Highlight',
  comment: 'Comment',
  copyLink: 'Copy link',
  highlighted: 'Highlighted.',
  highlightedMarker: 'Highlighted. Its marker opens the note.',
  linkCopied: 'Link copied.',
  copyThisLink: (url) => `Copy this link: ${url}`,
  annotationDeleted: 'Annotation deleted.',
  undo: 'Undo',
  reattachHint: 'Select the passage to attach the note to, then press Re-attach.',
  unanchoredTitle: 'Unanchored notes',
  unanchoredText: 'The passages these notes were written on are no longer in the essay.',
  reattach: 'Re-attach to the selected text',
  noQuote: '(no quote)',
  delete: 'Delete',
  pageNotes: 'Notes on this page',
  yourComment: 'Your comment',
  save: 'Save',
  cancel: 'Cancel',
  draftKept: (text) => `Draft kept: ${text}`,
  notSaved: 'Not saved.',
  retry: 'Retry',
  edit: 'Edit',
  reply: 'Reply',
  postReply: 'Post reply',
  replies: 'Replies',
  colour: 'Colour',
  colours: { yellow: 'yellow', green: 'green', blue: 'blue', pink: 'pink', purple: 'purple' },
  goToPassage: 'Go to this passage',
  justNow: 'just now',
  annotationsOn: (source) => `Annotations on ${source}`,
  noteBy: (name, quote) => `${name}’s note on “${quote}”`,
  share: 'Share',
  makePrivate: 'Make private',
  shared: 'Shared',
  hide: 'Hide',
  storeStatus: {
    offline: 'Offline: your annotations are kept on this device and shared when you are back.',
    connecting: 'Connecting to the shared annotations…',
    syncing: 'Sharing your changes…',
    synced: 'Shared annotations up to date.',
    refused: 'The server refused a change',
  },
};
