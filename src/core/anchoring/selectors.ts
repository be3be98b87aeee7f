/** W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors) that anchoring uses. */

/** A passage described by its exact text and the text around it. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/**
 * A passage described by its place in the text: `start` and `end` offsets into the raw text of the root (every
 * text node but the library's own UI, as `textContent` counts it, in UTF-16 code units), the way the Hypothesis
 * client, Recogito and Apache Annotator count them. See {@link TextIndex.rawOffsetAt}.
 */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** Any selector; those of other types are kept and passed along, not used for anchoring. */
export type Selector = TextQuoteSelector | TextPositionSelector | { type: string; [key: string]: unknown };

export function isTextQuoteSelector(selector: Selector): selector is TextQuoteSelector {
  return selector.type === 'TextQuoteSelector';
}

export function isTextPositionSelector(selector: Selector): selector is TextPositionSelector {
  return selector.type === 'TextPositionSelector';
}

export function findQuote(selectors: readonly Selector[]): TextQuoteSelector | undefined {
  return selectors.find(isTextQuoteSelector);
}

export function findPosition(selectors: readonly Selector[]): TextPositionSelector | undefined {
  return selectors.find(isTextPositionSelector);
}
