import type { Blockquote, List, Paragraph, Root, RootContent } from 'mdast';
import { wellFormed } from '../text/well-formed.js';

/** One annotation as the Markdown export shows it. */
export interface MarkdownEntry {
  /** The annotated passage ('' for a note on the whole page). */
  quote: string;
  comment: string;
  replies: string[];
  /** A link back to the passage. */
  link: string;
}

/** Text as it may go into a Markdown tree: well-formed, with one kind of line ending. */
const clean = (text: string) => wellFormed(text).replace(/\r\n?/g, '\n');

/** Paragraphs of text: a blank line starts a new one, so no line of it can end the block it belongs to. */
function paragraphs(text: string): Paragraph[] {
  return clean(text)
    .split(/\n[ \t]*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => ({ type: 'paragraph', children: [{ type: 'text', value: part }] }));
}

/**
 * The Markdown export: a syntax tree (mdast) serialized by `mdast-util-to-markdown`, which escapes whatever
 * would otherwise be read as syntax. Quotes, comments, replies and ids from a hostile file cannot end a `>`
 * block, start a heading, emit raw HTML or break a link. The serializer is loaded only when a reader exports.
 */
export async function annotationsToMarkdown(title: string, entries: readonly MarkdownEntry[]): Promise<string> {
  const { toMarkdown } = await import('mdast-util-to-markdown');
  const children: RootContent[] = [{ type: 'heading', depth: 1, children: [{ type: 'text', value: clean(title) }] }];
  for (const entry of entries) {
    const quote = paragraphs(entry.quote);
    if (quote.length) children.push({ type: 'blockquote', children: quote } satisfies Blockquote);
    children.push(...paragraphs(entry.comment));
    const replies = entry.replies.map((reply) => paragraphs(`Reply: ${reply}`)).filter((p) => p.length);
    if (replies.length)
      children.push({
        type: 'list',
        ordered: false,
        spread: false,
        children: replies.map((p) => ({ type: 'listItem', spread: false, children: p })),
      } satisfies List);
    children.push({ type: 'paragraph', children: [{ type: 'link', url: clean(entry.link), children: [{ type: 'text', value: 'Open the passage' }] }] });
  }
  const tree: Root = { type: 'root', children };
  return toMarkdown(tree, { bullet: '-', rule: '-' });
}
