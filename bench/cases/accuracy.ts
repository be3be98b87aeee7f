/**
 * Accuracy on real edits: passages of real prose (the Brown corpus) annotated, then the text revised the way
 * authors revise it, and each annotation anchored again by this engine and by a Hypothesis-style matcher.
 *
 * For every kind of revision, a fresh copy of the text gets that revision in every annotated passage, plus ordinary
 * edits elsewhere (a word changed here and there, context included). A passage is found *right* when the span
 * returned and the revised passage overlap by at least half of each; *wrong* when a span is returned that is not
 * right; *orphaned* when nothing is. Deleted passages must all be orphans.
 */
import { describeOffsets, locateAll, TextIndex, type Selector } from '../../src/core/index.js';
import { random } from './essay.js';
import { hypothesisAnchor } from './peers.js';

export const KINDS = [
  'added < half',
  'added > half',
  'removed < half',
  'removed > half',
  'replaced < half',
  'replaced > half',
  'moved',
  'moved + added < half',
  'moved + removed < half',
  'moved + replaced < half',
] as const;
export type Kind = (typeof KINDS)[number] | 'deleted';

export interface Tally {
  right: number;
  orphaned: number;
  wrong: number;
  total: number;
}

export interface AccuracyRow {
  kind: Kind;
  ours: Tally;
  hypothesis: Tally;
}

export interface AccuracyConfig {
  /** Annotated passages per kind. */
  passages: number;
  /** Ordinary edits elsewhere in the text, one per this many words. */
  editEvery: number;
  seed: number;
  /** Only the kinds whose name contains one of these (all when absent): for quick runs while tuning. */
  kinds?: string[];
}

interface Word {
  w: string;
  para: number;
  /** The passage this word belongs to, or -1. */
  pid: number;
}

/** Passage spans as word ranges [from, to) of 2 to 60 words, at least 10 words and 40 characters apart. */
function pickPassages(words: Word[], count: number, rand: () => number): [number, number][] {
  const spans: [number, number][] = [];
  const taken = new Uint8Array(words.length);
  for (let attempt = 0; spans.length < count && attempt < count * 40; attempt++) {
    const length = 2 + Math.floor(rand() * 59);
    const from = 12 + Math.floor(rand() * (words.length - length - 24));
    const to = from + length;
    let free = true;
    for (let i = from - 10; i < to + 10 && free; i++) if (taken[i]) free = false;
    if (!free) continue;
    for (let i = from; i < to; i++) taken[i] = 1;
    spans.push([from, to]);
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

function render(words: Word[]): { html: string; text: string; spans: Map<number, [number, number]> } {
  const paragraphs: string[][] = [];
  const spans = new Map<number, [number, number]>();
  let text = '';
  let lastPara = -2;
  for (const word of words) {
    if (word.para !== lastPara) {
      if (paragraphs.length) text += ' ';
      paragraphs.push([]);
      lastPara = word.para;
    } else text += ' ';
    paragraphs[paragraphs.length - 1].push(word.w);
    if (word.pid >= 0) {
      const span = spans.get(word.pid);
      if (span) span[1] = text.length + word.w.length;
      else spans.set(word.pid, [text.length, text.length + word.w.length]);
    }
    text += word.w;
  }
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return { html: paragraphs.map((p) => `<p>${escape(p.join(' '))}</p>`).join('\n'), text, spans };
}

/** Applies one kind of revision to every passage, and ordinary edits elsewhere. Returns the revised words. */
function revise(original: Word[], kind: Kind, donor: string[], config: AccuracyConfig, rand: () => number): Word[] {
  const pick = () => donor[Math.floor(rand() * donor.length)];
  const runOfDonor = (n: number) => {
    const at = Math.floor(rand() * (donor.length - n));
    return donor.slice(at, at + n);
  };
  // Passage words grouped by pid, in order.
  const out: Word[] = [];
  const moved: Word[][] = [];
  let i = 0;
  while (i < original.length) {
    const word = original[i];
    if (word.pid < 0) {
      // An ordinary edit elsewhere: a word replaced by another real word.
      out.push(rand() < 1 / config.editEvery ? { ...word, w: pick() } : word);
      i++;
      continue;
    }
    const pid = word.pid;
    let j = i;
    while (j < original.length && original[j].pid === pid) j++;
    let passage = original.slice(i, j).map((w) => ({ ...w }));
    i = j;
    const n = passage.length;
    const base = kind.startsWith('moved') ? kind.slice('moved'.length).replace(/^ \+ /, '') : kind;
    const over = base.includes('>');
    const share = over ? 0.55 + rand() * 0.4 : 0.1 + rand() * 0.35;
    let k = Math.max(1, Math.round(share * n));
    if (!over && k * 2 >= n) k = Math.floor((n - 1) / 2);
    if (base.startsWith('added')) {
      // Words added in one or two places inside the passage: real prose from elsewhere.
      const places = k > 3 && rand() < 0.5 ? 2 : 1;
      for (let p = 0; p < places && k > 0; p++) {
        const count = p === places - 1 ? k : Math.ceil(k / 2);
        const at = 1 + Math.floor(rand() * (passage.length - 1));
        passage.splice(at, 0, ...runOfDonor(count).map((w) => ({ w, para: passage[0].para, pid })));
        k -= count;
      }
    } else if (base.startsWith('removed')) {
      k = Math.min(k, n - 1);
      const at = Math.floor(rand() * (n - k + 1));
      passage.splice(at, k);
    } else if (base.startsWith('replaced')) {
      const at = Math.floor(rand() * (n - k + 1));
      const fresh = runOfDonor(k);
      for (let q = 0; q < k; q++) passage[at + q] = { ...passage[at + q], w: fresh[q] };
    } else if (kind === 'deleted') {
      passage = [];
    }
    if (kind.startsWith('moved')) moved.push(passage);
    else out.push(...passage);
  }
  // Moved passages go elsewhere, into another paragraph at a sentence end, far from where they were.
  for (const passage of moved) {
    // From a random word on, the first sentence end that is not inside or right before a passage.
    let at = Math.floor(rand() * out.length);
    for (let steps = 0; steps < out.length; steps++, at = (at + 1) % out.length) {
      if (out[at].pid >= 0 || !/[.!?”]$/.test(out[at].w) || (at + 1 < out.length && out[at + 1].pid >= 0)) continue;
      out.splice(at + 1, 0, ...passage.map((w) => ({ ...w, para: out[at].para })));
      break;
    }
  }
  return out;
}

function tally(found: ({ start: number; end: number } | null)[], truth: ([number, number] | undefined)[]): Tally {
  const t: Tally = { right: 0, orphaned: 0, wrong: 0, total: found.length };
  found.forEach((match, i) => {
    if (!match) return void t.orphaned++;
    const span = truth[i];
    if (!span) return void t.wrong++;
    const overlap = Math.min(match.end, span[1]) - Math.max(match.start, span[0]);
    const right = overlap >= (span[1] - span[0]) / 2 && overlap >= (match.end - match.start) / 2;
    if (right) t.right++;
    else t.wrong++;
  });
  return t;
}

/**
 * `paragraphs` are cut in two: the first half is the annotated text, the second half supplies the words that
 * revisions add (real prose that the annotated text does not already contain, so an added run never copies a
 * passage).
 */
export async function runAccuracyBench(paragraphs: string[], config: AccuracyConfig, progress: (line: string) => void = () => {}): Promise<AccuracyRow[]> {
  const half = Math.floor(paragraphs.length / 2);
  const words: Word[] = paragraphs.slice(0, half).flatMap((p, para) => p.split(' ').map((w) => ({ w, para, pid: -1 })));
  const donor = paragraphs.slice(half).flatMap((p) => p.split(' '));
  const root = document.createElement('article');
  document.body.append(root);
  const rows: AccuracyRow[] = [];
  try {
    for (const [n, kind] of [...KINDS, 'deleted' as const].entries()) {
      if (config.kinds && !config.kinds.some((k) => kind.includes(k))) continue;
      const rand = random(config.seed + n * 101);
      const spans = pickPassages(words, config.passages, rand);
      const marked = words.map((w) => ({ ...w }));
      spans.forEach(([from, to], pid) => {
        for (let i = from; i < to; i++) marked[i].pid = pid;
      });
      const before = render(marked);
      root.innerHTML = before.html;
      const original = TextIndex.build(root);
      if (original.text !== before.text) throw new Error('accuracy bench: the index text differs from the rendered text');
      const selectors = spans.map((_, pid) => {
        const [s, e] = before.spans.get(pid)!;
        return describeOffsets(original, s, e) as Selector[];
      });
      // Hypothesis gets the selectors Hypothesis writes: raw text (textContent) and 32 raw characters of context.
      const rawBefore = root.textContent ?? '';
      const theirSelectors = selectors.map((s) => {
        const { start, end } = s[1] as { start: number; end: number };
        return {
          quote: { exact: rawBefore.slice(start, end), prefix: rawBefore.slice(Math.max(0, start - 32), start), suffix: rawBefore.slice(end, end + 32) },
          start,
        };
      });
      const after = render(revise(marked, kind, donor, config, rand));
      root.innerHTML = after.html;
      const index = TextIndex.build(root);
      if (index.text !== after.text) throw new Error(`accuracy bench (${kind}): the index text differs from the rendered text`);
      const truth = spans.map((_, pid) => after.spans.get(pid));
      progress(`accuracy: ${kind}, ${spans.length} passages`);
      const ours = tally(locateAll(selectors, index), truth);
      const raw = root.textContent ?? '';
      const theirs = theirSelectors.map(({ quote, start }) => {
        const found = hypothesisAnchor(raw, quote, start);
        return found && { start: index.offsetAtRaw(found.start), end: index.offsetAtRaw(found.end) };
      });
      rows.push({ kind, ours, hypothesis: tally(theirs, truth) });
    }
  } finally {
    root.remove();
  }
  return rows;
}
