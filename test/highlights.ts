/** The text of every range registered under highlight names starting with `prefix` (Range or StaticRange). */
export function paintedTexts(prefix = 'essay-hl-'): string[] {
  const registry = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
  if (!registry) return [];
  return [...registry.entries()].filter(([name]) => name.startsWith(prefix)).flatMap(([, highlight]) => [...highlight].map(textOf));
}

/** The text an AbstractRange covers. */
export function textOf(range: AbstractRange): string {
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live.toString();
}
