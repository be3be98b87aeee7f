import type { Annotation } from './annotation.js';

/** What the reader accepts in one annotation and one document: generous for real use, and never unbounded. */
export interface AnnotationLimits {
  /** Characters of an annotation as JSON (about its size in storage). */
  maxChars: number;
  /** Characters of a quoted passage (`exact`). */
  maxQuote: number;
  /** Levels of nested objects and arrays. */
  maxDepth: number;
  /** Annotations kept for one document, replies included. */
  maxPerDocument: number;
}

export const DEFAULT_LIMITS: AnnotationLimits = { maxChars: 256_000, maxQuote: 20_000, maxDepth: 32, maxPerDocument: 20_000 };

/**
 * Refuses at the door what could never be saved or anchored in reasonable time: returns the reason, or null.
 * Walks the value without recursion, so that an array nested 100,000 deep is measured, not a stack overflow.
 */
export function exceedsLimits(value: unknown, limits: AnnotationLimits = DEFAULT_LIMITS): string | null {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limits.maxDepth) return `nested more than ${limits.maxDepth} levels deep`;
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  let chars: number;
  try {
    chars = JSON.stringify(value)?.length ?? 0;
  } catch (error) {
    return `cannot be written as JSON (${(error as Error).message})`;
  }
  if (chars > limits.maxChars) return `${chars.toLocaleString('en')} characters as JSON, more than the ${limits.maxChars.toLocaleString('en')} allowed`;
  const targets = (value as Annotation | null)?.target;
  for (const target of Array.isArray(targets) ? targets : [targets]) {
    const selectors = typeof target === 'object' && target !== null ? (target as { selector?: unknown }).selector : undefined;
    for (const selector of Array.isArray(selectors) ? selectors : [selectors]) {
      const exact = (selector as { exact?: unknown } | undefined)?.exact;
      if (typeof exact === 'string' && exact.length > limits.maxQuote)
        return `a quote of ${exact.length.toLocaleString('en')} characters, more than the ${limits.maxQuote.toLocaleString('en')} allowed`;
    }
  }
  return null;
}
