/** The opening comment of essay-reader.css: what it is for and how to link it. */
export const stylesheetHeader = `/*
 * essay-reader.css: link it in the page's <head>, before the essay.
 *
 *   <link rel="stylesheet" href="node_modules/essay-reader/essay-reader.css">
 *
 * The browser paints the essay's HTML before the script that defines <essay-reader> has run. When the elements
 * upgrade, the essay moves into its column, notes leave the text for the margin, headings gain their numbers
 * and pull-quotes their figure: every line the reader is looking at jumps (a layout shift). These rules give the
 * not-yet-defined elements the same geometry the upgraded ones will have, so the upgrade moves nothing.
 *
 * Only while scripting is on: without JavaScript the elements never upgrade, and the essay (notes included)
 * reads as plain HTML. Every value falls back to the library's defaults and follows the same --essay-* custom
 * properties, so a page that sets them on <essay-reader> keeps its reserved layout true. What CSS cannot know
 * in advance (numbering-start, the markers after annotated passages) still moves on upgrade.
 */

`;
