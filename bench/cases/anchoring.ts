/**
 * Anchoring benchmarks, run inside a page of headless Chromium by bench/run.mjs (and, tiny, by its smoke test).
 * Every case checks its own results, so a fast wrong answer shows.
 */
import {
  anchorAll,
  describe,
  describeOffsets,
  findTextFragment,
  locate,
  locateAll,
  parseTextFragment,
  TextIndex,
  VisibleText,
  type Selector,
} from '../../src/core/index.js';
import { generateEssay, random, randomPassages } from './essay.js';
import {
  apacheAnnotator,
  apacheAnnotatorDescribe,
  apacheAnnotatorPosition,
  domAnchorTextQuote,
  domAnchorTextQuoteDescribe,
  hypothesisMatchQuote,
  type Quote,
} from './peers.js';

export const PEERS = ['dom-anchor-text-quote', '@apache-annotator/dom', 'approx-string-match (Hypothesis)'] as const;
export type Peer = (typeof PEERS)[number];

export interface BenchConfig {
  /** Essay sizes in words. */
  sizes: number[];
  /** Selector counts for the exact anchoring cases. */
  selectorCounts: number[];
  fuzzyQuotes: number;
  describeRanges: number;
  /** Timed runs of our code after one warm-up. */
  runs: number;
  /** Timed runs of a peer (on a sample) after one warm-up. */
  peerRuns: number;
  /** How many selectors a peer is timed on; its time is scaled to the row's count. */
  peerSample: number;
}

export interface PeerResult {
  /** Median ms, scaled to the row's count. */
  ms: number;
  sample: number;
  /** How many of the sample it got right. */
  correct: number;
}

export interface Row {
  case: string;
  essay: string;
  count: number;
  ours: number;
  /** How many our code got right, of `count`. */
  correct: number;
  peers: Partial<Record<Peer, PeerResult>>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function time(fn: () => unknown, runs: number): Promise<number> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/**
 * Random passages that lie inside one block, so that their DOM text (what the peers read) equals their text in the
 * index (which reads a block boundary as a space).
 */
function blockPassages(index: TextIndex, count: number, seed: number): [number, number][] {
  return randomPassages(index.text, Math.ceil(count * 1.3), seed)
    .filter(([s, e]) => index.rangeFor(s, e).toString() === index.text.slice(s, e))
    .slice(0, count);
}

const quoteOf = (selectors: Selector[]) => selectors[0] as unknown as Quote;
const startOf = (selectors: Selector[]) => (selectors[1] as { start: number }).start;

export async function runAnchoringBench(config: BenchConfig, progress: (line: string) => void = () => {}): Promise<Row[]> {
  const rows: Row[] = [];
  for (const words of config.sizes) {
    const essay = generateEssay(words, words);
    const root = document.createElement('article');
    root.innerHTML = essay.html;
    document.body.append(root);
    const index = TextIndex.build(root);
    const label = `${Math.round(essay.words / 1000)}k words, ${(index.text.length / 1e6).toFixed(2)} M chars`;
    progress(`essay of ${label}`);

    rows.push({
      case: 'index the essay (one walk over its text nodes)',
      essay: label,
      count: 1,
      ours: await time(() => TextIndex.build(root), config.runs),
      correct: 1,
      peers: {},
    });

    for (const count of config.selectorCounts) {
      const passages = blockPassages(index, count, count + words);
      const selectors = passages.map(([s, e]) => describeOffsets(index, s, e) as Selector[]);
      const exacts = selectors.map((s) => quoteOf(s).exact);
      const sample = selectors.slice(0, Math.min(config.peerSample, count));
      const checkRanges = (ranges: (Range | null)[]) => ranges.filter((r, i) => r !== null && r.toString() === exacts[i]).length;

      // Unchanged essay: every position hint is right.
      progress(`exact anchoring of ${count} selectors`);
      // As a page calling anchorAll(selectors, root) pays it: the index is built inside the timed call.
      const unchanged = await time(() => anchorAll(selectors, root), config.runs);
      rows.push({
        case: `anchor ${count.toLocaleString('en')} selectors, unchanged essay (index included)`,
        essay: label,
        count,
        ours: unchanged,
        correct: checkRanges(anchorAll(selectors, index)),
        peers: count === config.selectorCounts[0] ? await exactPeers(root, sample, count, config) : {},
      });

      // A paragraph inserted at the top: every position hint is now wrong.
      const inserted = document.createElement('p');
      inserted.textContent = 'An editor’s note, inserted at the top after every annotation was made, moves every passage.';
      root.prepend(inserted);
      progress(`anchoring of ${count} shifted selectors`);
      // The essay changed, so the index is rebuilt: included in this time.
      const shifted = await time(() => anchorAll(selectors, root), config.runs);
      rows.push({
        case: `anchor ${count.toLocaleString('en')} selectors after a paragraph was inserted at the top (re-index included)`,
        essay: label,
        count,
        ours: shifted,
        correct: checkRanges(anchorAll(selectors, root)),
        peers: count === config.selectorCounts[0] ? await exactPeers(root, sample, count, config) : {},
      });
      inserted.remove();
    }

    rows.push(await fuzzyCase(root, index, label, words, config, progress));
    root.innerHTML = essay.html;
    rows.push(await longQuoteCase(root, label, config, progress));
    root.innerHTML = essay.html;
    if (words >= 100_000) {
      rows.push(await hostileQuoteCase(root, label, config, progress, 'edited'));
      root.innerHTML = essay.html;
      rows.push(await hostileQuoteCase(root, label, config, progress, 'shuffled'));
      root.innerHTML = essay.html;
      rows.push(await hostileFragmentCase(root, label, config, progress));
    }
    rows.push(await describeCase(root, label, words, config, progress));
    rows.push(await positionsCase(root, label, words, config));
    root.remove();
  }
  return rows;
}

async function exactPeers(root: Node, sample: Selector[][], count: number, config: BenchConfig): Promise<Partial<Record<Peer, PeerResult>>> {
  const scale = count / sample.length;
  const check = (ranges: (Range | null)[]) => ranges.filter((r, i) => r?.toString() === quoteOf(sample[i]).exact).length;
  const dom = await time(() => sample.map((s) => domAnchorTextQuote(root, quoteOf(s), startOf(s))), config.peerRuns);
  const apache = await time(() => Promise.all(sample.map((s) => apacheAnnotator(root, quoteOf(s)))), config.peerRuns);
  return {
    'dom-anchor-text-quote': { ms: dom * scale, sample: sample.length, correct: check(sample.map((s) => domAnchorTextQuote(root, quoteOf(s), startOf(s)))) },
    '@apache-annotator/dom': {
      ms: apache * scale,
      sample: sample.length,
      correct: check(await Promise.all(sample.map((s) => apacheAnnotator(root, quoteOf(s))))),
    },
  };
}

/** 1 to 3 letter edits inside each quote (typo fixes, reworded letters); then anchor the stale selectors. */
async function fuzzyCase(
  root: HTMLElement,
  index: TextIndex,
  label: string,
  words: number,
  config: BenchConfig,
  progress: (line: string) => void,
): Promise<Row> {
  const count = config.fuzzyQuotes;
  progress(`fuzzy anchoring of ${count} edited quotes`);
  const passages = blockPassages(index, count, 7 + words).filter(([s, e]) => e - s >= 16);
  const selectors = passages.map(([s, e]) => describeOffsets(index, s, e) as Selector[]);
  const rand = random(11);
  const edits: { at: number; delta: number; kind: 'replace' | 'insert' | 'delete' }[] = [];
  const editedAt = new Set<number>();
  for (const [start, end] of passages) {
    const n = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < n; k++) {
      const at = start + 1 + Math.floor(rand() * (end - start - 2));
      if (editedAt.has(at) || index.text[at] === ' ') continue;
      const r = rand();
      // Deleting a one-letter word would also fold its two spaces into one: not the edit we mean to make.
      if (r >= 0.75 && index.text[at - 1] === ' ' && index.text[at + 1] === ' ') continue;
      editedAt.add(at);
      edits.push({ at, kind: r < 0.5 ? 'replace' : r < 0.75 ? 'insert' : 'delete', delta: r < 0.5 ? 0 : r < 0.75 ? 1 : -1 });
    }
  }
  // Apply from the end of the text backwards, so earlier offsets stay valid.
  edits.sort((a, b) => b.at - a.at);
  let model = index.text;
  for (const edit of edits) {
    const { node, offset } = index.positionAt(edit.at);
    const letter = 'xqzjkv'[Math.floor(rand() * 6)];
    if (edit.kind === 'replace') node.replaceData(offset, 1, letter);
    else if (edit.kind === 'insert') node.insertData(offset, letter);
    else node.deleteData(offset, 1);
    model =
      edit.kind === 'replace'
        ? model.slice(0, edit.at) + letter + model.slice(edit.at + 1)
        : edit.kind === 'insert'
          ? model.slice(0, edit.at) + letter + model.slice(edit.at)
          : model.slice(0, edit.at) + model.slice(edit.at + 1);
  }
  const shiftBefore = (at: number) => edits.reduce((sum, e) => (e.at < at ? sum + e.delta : sum), 0);
  const expected = passages.map(([s]) => s + shiftBefore(s));
  const isRight = (start: number | undefined, i: number) => start !== undefined && Math.abs(start - expected[i]) <= 3;

  const ours = await time(() => locateAll(selectors, TextIndex.build(root)), config.runs);
  const after = TextIndex.build(root);
  const found = locateAll(selectors, after);
  // The DOM edits must give the text the expected positions were computed for.
  if (model !== after.text) throw new Error('fuzzy case: the edited essay differs from the edited model text');
  const text = root.textContent ?? '';
  const sample = selectors.slice(0, Math.min(config.peerSample, selectors.length));
  const hypothesis = await time(() => sample.map((s) => hypothesisMatchQuote(text, quoteOf(s), startOf(s))), config.peerRuns);
  // Hypothesis reads raw text (textContent) and answers raw offsets: mapped to the index's for the check.
  const hypothesisFound = sample.map((s) => hypothesisMatchQuote(text, quoteOf(s), startOf(s))).map((m) => m && { start: after.offsetAtRaw(m.start) });
  return {
    case: `fuzzy-anchor ${selectors.length.toLocaleString('en')} quotes after 1-3 letter edits inside each (re-index included)`,
    essay: label,
    count: selectors.length,
    ours,
    correct: found.filter((m, i) => isRight(m?.start, i)).length,
    peers: {
      'approx-string-match (Hypothesis)': {
        ms: hypothesis * (selectors.length / sample.length),
        sample: sample.length,
        correct: hypothesisFound.filter((m, i) => isRight(m?.start, i)).length,
      },
    },
  };
}

async function describeCase(root: HTMLElement, label: string, words: number, config: BenchConfig, progress: (line: string) => void): Promise<Row> {
  const count = config.describeRanges;
  progress(`describe ${count} ranges`);
  const index = TextIndex.build(root);
  const passages = blockPassages(index, count, 13 + words);
  const ranges = passages.map(([s, e]) => index.rangeFor(s, e));
  const ours = await time(() => {
    const fresh = TextIndex.build(root);
    return ranges.map((range) => describe(range, fresh));
  }, config.runs);
  const described = ranges.map((range) => describe(range, index));
  const sample = ranges.slice(0, Math.min(config.peerSample, count));
  const scale = count / sample.length;
  const dom = await time(() => sample.map((range) => domAnchorTextQuoteDescribe(root, range)), config.peerRuns);
  const apache = await time(() => Promise.all(sample.map((range) => apacheAnnotatorDescribe(root, range))), config.peerRuns);
  return {
    case: `describe ${count.toLocaleString('en')} random ranges (index included)`,
    essay: label,
    count,
    ours,
    correct: described.filter((d, i) => d[0].exact === index.text.slice(passages[i][0], passages[i][1])).length,
    peers: {
      'dom-anchor-text-quote': {
        ms: dom * scale,
        sample: sample.length,
        correct: sample.map((r) => domAnchorTextQuoteDescribe(root, r)).filter((q, i) => q.exact === sample[i].toString()).length,
      },
      '@apache-annotator/dom': {
        ms: apache * scale,
        sample: sample.length,
        correct: (await Promise.all(sample.map((r) => apacheAnnotatorDescribe(root, r)))).filter((q, i) => q.exact === sample[i].toString()).length,
      },
    },
  };
}

/** One passage of 5,000 characters with 20 letters changed inside it, anchored again (re-index included). */
async function longQuoteCase(root: HTMLElement, label: string, config: BenchConfig, progress: (line: string) => void): Promise<Row> {
  progress('one 5,000-character quote with 20 edits');
  const index = TextIndex.build(root);
  const start = index.text.indexOf(' ', Math.floor(index.text.length * 0.6)) + 1;
  const selectors = describeOffsets(index, start, start + 5_000) as Selector[];
  // Hypothesis's own selector: raw text, before the edits.
  const before = root.textContent ?? '';
  const raw = { ...quoteOf(selectors), exact: before.slice(startOf(selectors), (selectors[1] as { end: number }).end) };
  const rand = random(5);
  const offsets = new Set<number>();
  while (offsets.size < 20) offsets.add(start + 10 + Math.floor(rand() * 4_980));
  // From the end backwards, so that earlier offsets stay valid; replacements keep every offset.
  for (const at of [...offsets].sort((a, b) => b - a)) {
    if (index.text[at] === ' ') continue;
    const { node, offset } = index.positionAt(at);
    node.replaceData(offset, 1, 'q');
  }
  const ours = await time(() => locate(selectors, TextIndex.build(root)), config.runs);
  const found = locate(selectors, TextIndex.build(root));
  const text = root.textContent ?? '';
  const hypothesis = await time(() => hypothesisMatchQuote(text, raw, startOf(selectors)), config.peerRuns);
  const theirs = hypothesisMatchQuote(text, raw, startOf(selectors));
  return {
    case: 'fuzzy-anchor one 5,000-character quote with 20 letters changed (re-index included)',
    essay: label,
    count: 1,
    ours,
    correct: found && Math.abs(found.start - start) <= 2 && Math.abs(found.end - (start + 5_000)) <= 2 ? 1 : 0,
    peers: {
      'approx-string-match (Hypothesis)': { ms: hypothesis, sample: 1, correct: theirs && Math.abs(index.offsetAtRaw(theirs.start) - start) <= 2 ? 1 : 0 },
    },
  };
}

/**
 * Bounded work on hostile input: a 50,000-character quote, either a real passage with 100 letters changed (it
 * must be found) or the essay's own words shuffled into a passage that is nowhere (every q-gram is a seed; it
 * must become an orphan). Goal: under 50 ms either way, with no position to help.
 */
async function hostileQuoteCase(
  root: HTMLElement,
  label: string,
  config: BenchConfig,
  progress: (line: string) => void,
  kind: 'edited' | 'shuffled',
): Promise<Row> {
  progress(`one 50,000-character quote, ${kind}`);
  const index = TextIndex.build(root);
  const start = index.text.indexOf(' ', Math.floor(index.text.length * 0.3)) + 1;
  const length = 50_000;
  const exact = index.text.slice(start, start + length);
  const rand = random(kind === 'edited' ? 7 : 8);
  let selectors: Selector[];
  if (kind === 'edited') {
    const offsets = new Set<number>();
    while (offsets.size < 100) offsets.add(start + 10 + Math.floor(rand() * (length - 20)));
    for (const at of [...offsets].sort((a, b) => b - a)) {
      if (index.text[at] === ' ') continue;
      const { node, offset } = index.positionAt(at);
      node.replaceData(offset, 1, 'q');
    }
    selectors = [{ type: 'TextQuoteSelector', exact }];
  } else {
    const words = exact.split(' ');
    for (let i = words.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [words[i], words[j]] = [words[j], words[i]];
    }
    selectors = [{ type: 'TextQuoteSelector', exact: words.join(' ') }];
  }
  const ours = await time(() => locate(selectors, TextIndex.build(root)), config.runs);
  const found = locate(selectors, TextIndex.build(root));
  const right = kind === 'edited' ? !!found && Math.abs(found.start - start) <= 2 && Math.abs(found.end - (start + length)) <= 2 : found === null;
  return {
    case:
      kind === 'edited'
        ? 'fuzzy-anchor one 50,000-character quote with 100 letters changed, no position (re-index included)'
        : 'a 50,000-character quote of the essay’s own words shuffled (nowhere in it), no position: orphan',
    essay: label,
    count: 1,
    ours,
    correct: right ? 1 : 0,
    peers: {},
  };
}

/**
 * A text fragment made to be slow: a prefix found everywhere (`e`) and a start term found only at the very end.
 * The spec's search tries each prefix match; asking afresh each time where the start term is next made it
 * quadratic. Goal: linear, a few milliseconds (the visible text built beforehand, as the reader keeps it).
 */
async function hostileFragmentCase(root: HTMLElement, label: string, config: BenchConfig, progress: (line: string) => void): Promise<Row> {
  progress('a text fragment with a prefix found everywhere');
  const visible = VisibleText.build(root);
  const words = visible.text.trim().split(/\s+/);
  const phrase = words.slice(-4).join(' ');
  const fragment = parseTextFragment(`#:~:text=e-,${encodeURIComponent(phrase)}`)!;
  const ours = await time(() => findTextFragment(fragment, visible), config.runs);
  const found = findTextFragment(fragment, visible);
  return {
    case: 'resolve a text fragment whose prefix (“e”) is everywhere and whose start is only at the end',
    essay: label,
    count: 1,
    ours,
    // The word before the phrase is not "e", so there is no match: right is a quick null (or the phrase itself).
    correct: found === null || visible.lower.slice(found.start, found.end) === phrase.toLowerCase() ? 1 : 0,
    peers: {},
  };
}

/**
 * Positions other tools understand: our TextPositionSelector offsets for random ranges, compared with the ones
 * @apache-annotator/dom's describeTextPosition writes for the same ranges on the same page.
 */
async function positionsCase(root: HTMLElement, label: string, words: number, config: BenchConfig): Promise<Row> {
  const index = TextIndex.build(root);
  const count = config.describeRanges;
  const ranges = randomPassages(index.text, count, 31 + words).map(([s, e]) => index.rangeFor(s, e));
  const ours = ranges.map((range) => describe(range, index)[1]);
  const apache = await Promise.all(ranges.map((range) => apacheAnnotatorPosition(root, range)));
  const ms = await time(() => ranges.map((range) => describe(range, index)), config.runs);
  return {
    case: `describe ${count.toLocaleString('en')} random ranges against an index; right = TextPositionSelector equals @apache-annotator/dom describeTextPosition's`,
    essay: label,
    count,
    ours: ms,
    correct: ours.filter((p, i) => p.start === apache[i].start && p.end === apache[i].end).length,
    peers: {},
  };
}
