/**
 * Margin benchmarks: painting highlights (Highlight API, <mark> fallback, @recogito/text-annotator), laying out
 * notes, and relaying them out after a width change. Run in headless Chromium by bench/run.mjs.
 */
import { createTextAnnotator } from '@recogito/text-annotator';
import { createPainter, type Painter } from '../../src/core/highlight/painter.js';
import { layoutMargin } from '../../src/core/layout/margin-layout.js';
import { TextIndex } from '../../src/core/text/text-index.js';
import '../../src/index.js';
import { generateEssay, random, randomPassages } from './essay.js';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

let paintRoot: HTMLElement | null = null;
let paintIndex: TextIndex | null = null;

/** An essay to paint on; returns its size label. */
export function setupPaintDocument(words: number): string {
  paintRoot?.remove();
  const essay = generateEssay(words, 5);
  paintRoot = document.createElement('article');
  paintRoot.innerHTML = essay.html;
  document.body.append(paintRoot);
  paintIndex = TextIndex.build(paintRoot);
  return `${Math.round(essay.words / 1000)}k words, ${(paintIndex.text.length / 1e6).toFixed(2)} M chars`;
}

/**
 * Time from handing `count` ranges to a painter until the frame after they are painted (so the browser's own
 * style and paint work for them is included), median of `runs`.
 */
export async function timePaint(kind: 'highlight-api' | 'mark' | 'recogito', count: number, runs: number): Promise<{ ms: number; painted: number }> {
  const root = paintRoot!;
  const passages = randomPassages(paintIndex!.text, count, 17);
  const samples: number[] = [];
  let painted = 0;
  for (let run = 0; run <= runs; run++) {
    const index = TextIndex.build(root);
    // Live ranges only for the peer, which needs them; ours takes static ones (see below).
    const ranges = kind === 'recogito' ? passages.map(([s, e]) => index.rangeFor(s, e)) : [];
    const statics = kind === 'recogito' ? [] : passages.map(([s, e]) => index.staticRangeFor(s, e));
    await nextFrame();
    const t0 = performance.now();
    let cleanup: () => void;
    if (kind === 'recogito') {
      const annotator = createTextAnnotator(root);
      annotator.setAnnotations(
        ranges.map((range, i) => ({
          id: `a${i}`,
          bodies: [],
          target: { annotation: `a${i}`, selector: [{ quote: range.toString(), start: passages[i][0], end: passages[i][1], range }] },
        })) as never,
      );
      // It renders on its own schedule: wait until its highlights are in the page.
      await waitFor(() => root.parentElement!.querySelectorAll('.r6o-annotation, [class*="r6o"] span').length > 0 || recogitoHighlights() > 0);
      painted = count;
      cleanup = () => annotator.destroy();
    } else {
      const painter: Painter = createPainter({ forceMarks: kind === 'mark' });
      // Static ranges: nothing for the browser to keep up to date while marks are inserted.
      painter.paint(statics.map((range, i) => ({ id: `a${i}`, range, start: passages[i][0], end: passages[i][1] })));
      painted = kind === 'mark' ? new Set([...root.querySelectorAll('mark[data-essay-mark]')].map((m) => (m as HTMLElement).dataset.id)).size : count;
      cleanup = () => painter.clear();
    }
    await nextFrame();
    const elapsed = performance.now() - t0;
    if (run > 0) samples.push(elapsed); // run 0 warms up
    cleanup();
  }
  return { ms: median(samples), painted };
}

function recogitoHighlights(): number {
  const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
  if (!registry) return 0;
  let n = 0;
  for (const [name, highlight] of registry) if (!name.startsWith('essay-')) n += highlight.size;
  return n;
}

async function waitFor(condition: () => boolean, timeoutMs = 60_000) {
  const until = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > until) throw new Error('timed out waiting for the peer to paint');
    await nextFrame();
  }
}

/** The pure layout of `count` notes with random anchors and heights, median of `runs`. */
export function timeLayout(count: number, runs: number): { ms: number; overlaps: number } {
  const rand = random(23);
  const items = Array.from({ length: count }, () => ({ anchor: Math.floor(rand() * count * 60), height: 40 + Math.floor(rand() * 120) })).sort(
    (a, b) => a.anchor - b.anchor,
  );
  const samples: number[] = [];
  let tops: number[] = [];
  // Browsers round performance.now() to 0.1 ms or coarser: time 100 layouts at once.
  const repeat = 100;
  for (let run = 0; run <= runs; run++) {
    const t0 = performance.now();
    for (let k = 0; k < repeat; k++) tops = layoutMargin(items, { gap: 12, active: count >> 1 });
    if (run > 0) samples.push((performance.now() - t0) / repeat);
  }
  let overlaps = 0;
  for (let i = 1; i < count; i++) if (tops[i] < tops[i - 1] + items[i - 1].height + 12 - 1e-6) overlaps++;
  return { ms: median(samples), overlaps };
}

let notesReader: HTMLElement | null = null;

/** A reader with a generated essay and `count` notes, laid out at 1400px wide. */
/**
 * The HTML an author writes for a `words`-word essay with `count` notes: one `<essay-note>` after the paragraph
 * of each passage, and nothing the reader adds (no markers, ids, positions or attributes of a laid-out margin).
 */
function notesEssayHtml(words: number, count: number): { html: string; words: number } {
  const essay = generateEssay(words, 9);
  const scratch = document.createElement('div');
  scratch.innerHTML = essay.html;
  const index = TextIndex.build(scratch);
  const inParagraph = (offset: number) => !!index.positionAt(offset).node.parentElement!.closest('p');
  const passages = randomPassages(index.text, count * 2, 29)
    .filter(([s]) => inParagraph(s))
    .slice(0, count);
  // One note after the paragraph of each passage.
  const at = (offset: number) => index.positionAt(offset).node.parentElement!.closest('p')!;
  passages.forEach(([s, e], i) => {
    const note = document.createElement('essay-note');
    note.setAttribute('quote', index.text.slice(s, e));
    note.textContent = `Note ${i + 1}: ${'a remark on this passage '.repeat(1 + (i % 4))}`;
    at(s).after(note);
  });
  return { html: scratch.innerHTML, words: essay.words };
}

export async function setupNotesReader(words: number, count: number): Promise<{ label: string; anchored: number }> {
  notesReader?.remove();
  const essay = notesEssayHtml(words, count);
  notesReader = document.createElement('essay-reader');
  notesReader.style.width = '1400px';
  notesReader.innerHTML = essay.html;
  document.body.append(notesReader);
  await (notesReader as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  await nextFrame();
  await nextFrame();
  const anchored = (notesReader as unknown as { notes: unknown[] }).notes.length;
  return { label: `${Math.round(essay.words / 1000)}k words`, anchored };
}

/**
 * The upgrade of a `words`-word essay with `count` author notes, as the author wrote it: from putting the reader's
 * HTML into the page until its margin is laid out (a note in the viewport placed beside its passage), the median of
 * `runs`; taking the reader out of the page again; and, for scale, the browser's own work on the same HTML without
 * the library (parsed into a plain `<div>` of the same width and laid out).
 */
export async function timeUpgrade(
  words: number,
  count: number,
  runs: number,
): Promise<{ label: string; ms: number; samples: number[]; removeMs: number; plainMs: number; anchored: number }> {
  notesReader?.remove();
  notesReader = null;
  const essay = notesEssayHtml(words, count);
  const samples: number[] = [];
  const removals: number[] = [];
  const plain: number[] = [];
  let anchored = 0;
  for (let run = 0; run < runs; run++) {
    const host = document.createElement('div');
    host.style.width = '1400px';
    document.body.append(host);
    await nextFrame();
    // In a task of its own, as a page's parser or script puts a reader in: not in a frame's callbacks (where the
    // last await left off), which made that frame render the essay before the reader could place anything.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const t0 = performance.now();
    host.innerHTML = `<essay-reader>${essay.html}</essay-reader>`;
    const reader = host.firstElementChild as HTMLElement & { notes: HTMLElement[]; rangeFor(id: string): Range | null };
    // Laid out: a note near the viewport is placed level with its passage (by this reader: the HTML has no
    // positions). Not "a placed note's top is above the fold": this essay's first passage is below a 600 px
    // viewport, and a note placed on the way (before the notes upgraded and the essay reflowed) passed that.
    await waitFor(() =>
      [...reader.querySelectorAll<HTMLElement>('essay-note[layout="margin"]')].some((note) => {
        if (note.style.transform === '') return false;
        const passage = reader.rangeFor(note.id)?.getClientRects()[0];
        return !!passage && Math.abs(note.getBoundingClientRect().top - passage.top) <= 2;
      }),
    );
    samples.push(performance.now() - t0);
    anchored = reader.notes.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const r0 = performance.now();
    host.remove();
    removals.push(performance.now() - r0);
    await nextFrame();
    // The same HTML as a plain page shows it (the notes' words inline, unstyled), parsed and laid out.
    const div = document.createElement('div');
    div.style.width = '1400px';
    document.body.append(div);
    await nextFrame();
    const p0 = performance.now();
    div.innerHTML = essay.html;
    void div.lastElementChild!.getBoundingClientRect();
    plain.push(performance.now() - p0);
    div.remove();
    await nextFrame();
  }
  return {
    label: `${Math.round(essay.words / 1000)}k words`,
    ms: median(samples),
    samples,
    removeMs: median(removals),
    plainMs: median(plain),
    anchored,
  };
}

/** Changes the reader's width and waits for its notes to be laid out again; returns ms until the next frame. */
export async function timeRelayout(width: number): Promise<number> {
  const reader = notesReader!;
  const first = reader.querySelector('essay-note') as HTMLElement;
  const before = first.style.transform;
  const t0 = performance.now();
  reader.style.width = `${width}px`;
  // ResizeObserver fires after this frame's layout; the notes are written in the frame after.
  await waitFor(() => first.style.transform !== before || performance.now() - t0 > 2000);
  await nextFrame();
  return performance.now() - t0;
}

/**
 * The same relayout done the naive way for comparison: for each note, read its passage and height, then write
 * its position, so that every read after a write forces a layout.
 */
export async function timeNaiveRelayout(width: number): Promise<number> {
  const reader = notesReader! as HTMLElement & { notes: HTMLElement[]; rangeFor(id: string): Range | null };
  reader.style.width = `${width}px`;
  const t0 = performance.now();
  let bottom = -Infinity;
  for (const note of reader.notes) {
    const rect = reader.rangeFor(note.id)!.getBoundingClientRect();
    const top = Math.max(rect.top + window.scrollY, bottom);
    note.style.transform = `translateY(${top}px)`;
    note.style.width = `${200 + (width % 7)}px`;
    bottom = top + note.offsetHeight + 12;
  }
  await nextFrame();
  return performance.now() - t0;
}

/** A reader whose annotations the bench adds, edits and deletes. */
type ChangingReader = HTMLElement & {
  textIndex: TextIndex;
  annotations: { id: string }[];
  updateComplete: Promise<unknown>;
  shadowRoot: ShadowRoot | null;
  addAnnotation(json: unknown): Promise<unknown>;
  updateAnnotation(id: string, changes: unknown): Promise<unknown>;
  removeAnnotation(id: string): Promise<unknown>;
};

/** One kind of change, over the runs: the times of each (the first is the warm-up) and the DOM changes it made. */
interface ChangeTimes {
  /** Per run, from the frame's start (see untilLaidOut). */
  work: number[];
  wall: number[];
  /** Per run: from the call until the store has taken the change. */
  stored: number[];
  /** Elements put into or taken out of the essay and the margin (markers, cards) by one change: the runs' median. */
  elements: number;
}

/**
 * A reader's three changes, each in a task of its own as a click or key press is, and each timed until the
 * margin is laid out: adding an annotation on the passage `exactFor(run)` gives, editing its comment, deleting
 * it. Marks `bench:work:start`/`end` around each, in that order (add, edit, delete per run; run 0 is the
 * warm-up), for the runner's trace. Counts the elements put in or taken out meanwhile, in the essay (markers)
 * and in the reader's shadow root (cards): the margin changes only where something changed.
 */
async function timeChanges(
  reader: ChangingReader,
  runs: number,
  source: string,
  exactFor: (run: number) => Promise<string>,
): Promise<{ add: ChangeTimes; edit: ChangeTimes; delete: ChangeTimes; kept: boolean }> {
  const before = reader.annotations.length;
  const times = { add: [] as number[][], edit: [] as number[][], delete: [] as number[][] };
  let elements = 0;
  const count = (records: MutationRecord[]) => {
    for (const r of records) for (const list of [r.addedNodes, r.removedNodes]) for (const n of list) if (n.nodeType === Node.ELEMENT_NODE) elements++;
  };
  const observer = new MutationObserver(count);
  const watch = { childList: true, subtree: true };
  observer.observe(reader, watch);
  observer.observe(reader.shadowRoot!, watch);
  const timed = async (kind: keyof typeof times, run: number, change: () => Promise<unknown>) => {
    // In a task of its own, as a reader's click or key press is: not in the frame callback the last change ended
    // in, where the update's changes were rendered in that frame and again, laid out, in the next.
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.takeRecords();
    elements = 0;
    performance.mark('bench:work:start');
    const t0 = performance.now();
    // Not awaited: the change is made (and the update asked for) before the call first waits for the store.
    const done = change();
    const laidOut = await untilLaidOut(reader, t0);
    count(observer.takeRecords());
    await done;
    const stored = performance.now() - t0;
    await nextFrame();
    if (run > 0) times[kind].push([laidOut.work, laidOut.wall, elements, stored]);
  };
  for (let run = 0; run <= runs; run++) {
    const exact = await exactFor(run);
    const id = `urn:bench:change:${run}`;
    await timed('add', run, () =>
      reader.addAnnotation({
        id,
        type: 'Annotation',
        motivation: 'commenting',
        body: [{ type: 'TextualBody', value: `A reader's note ${run}`, purpose: 'commenting' }],
        target: { source, selector: [{ type: 'TextQuoteSelector', exact }] },
      }),
    );
    await timed('edit', run, () => reader.updateAnnotation(id, { body: [{ type: 'TextualBody', value: `Edited ${run}`, purpose: 'commenting' }] }));
    await timed('delete', run, () => reader.removeAnnotation(id));
  }
  observer.disconnect();
  const of = (list: number[][]): ChangeTimes => ({
    work: list.map((t) => t[0]),
    wall: list.map((t) => t[1]),
    elements: median(list.map((t) => t[2])),
    stored: list.map((t) => t[3]),
  });
  return { add: of(times.add), edit: of(times.edit), delete: of(times.delete), kept: reader.annotations.length === before };
}

/** Adds, edits and deletes one reader annotation beside the notes reader's notes, each until laid out. */
export async function timeAddAnnotation(runs: number) {
  const reader = notesReader! as unknown as ChangingReader & { store: unknown };
  reader.store = {
    async load() {
      return [];
    },
    async save() {},
    async remove() {},
  };
  const text = reader.textIndex.text;
  return timeChanges(reader, runs, 'bench', async (run) => {
    const at = text.indexOf(' ', Math.floor((text.length * (run + 1)) / (runs + 3)));
    return text.slice(at + 1, at + 40);
  });
}

/**
 * How long a change to `reader` begun at `t0` takes until the margin is laid out in the next frame: the main
 * thread's work (the update, then that frame's callbacks and the style and layout they cause), and the wall time
 * (which adds the wait for the frame: up to 16.7 ms of idle at 60 Hz, there whatever the work).
 *
 * The work as timed here counts from the frame's start, and Chromium often runs a frame's callbacks well after its
 * start (waiting on the compositor), with the main thread idle meanwhile: so the span is also marked
 * (`bench:work:start` by the caller just before `t0`, `bench:work:end` here), and the runner, which traces the page, sums the main thread's tasks
 * between the marks instead (see busyBetweenMarks in run.mjs).
 */
async function untilLaidOut(reader: HTMLElement & { updateComplete: Promise<unknown> }, t0: number): Promise<{ work: number; wall: number }> {
  await reader.updateComplete;
  const updated = performance.now();
  // Called after the margin's own frame callback (asked for during the update), in the same frame.
  const { frameStart, laidOut } = await new Promise<{ frameStart: number; laidOut: number }>((resolve) =>
    requestAnimationFrame((frameStart) => {
      void reader.getBoundingClientRect();
      void document.body.offsetHeight; // the style and layout the margin's writes cause
      performance.mark('bench:work:end');
      resolve({ frameStart, laidOut: performance.now() });
    }),
  );
  return { work: updated - t0 + (laidOut - Math.max(frameStart, updated)), wall: laidOut - t0 };
}

/**
 * Importing `count` annotations into a reader of a `words`-word essay with the default store (IndexedDB, a
 * database of its own): how long until they are shown and the margin is laid out (what the reader waits for), how
 * long until the store holds them all (the page stays usable meanwhile), and the longest main-thread task while
 * it ran (Chromium's longtask entries); then saving one more annotation beside them.
 */
export async function timeImport(words: number, count: number): Promise<{ label: string; ms: number; savedMs: number; longestTask: number; added: number }> {
  const { IndexedDBStore } = await import('../../src/core/index.js');
  const essay = generateEssay(words, 11);
  const scratch = document.createElement('div');
  scratch.innerHTML = essay.html;
  const index = TextIndex.build(scratch);
  const passages = randomPassages(index.text, count, 41);
  const items = passages.map(([s, e], i) => ({
    id: `urn:bench:import:${i}`,
    type: 'Annotation',
    motivation: 'commenting',
    body: [{ type: 'TextualBody', value: `Imported note ${i}`, purpose: 'commenting' }],
    target: { source: 'bench-import', selector: [{ type: 'TextQuoteSelector', exact: index.text.slice(s, e) }] },
  }));
  const reader = document.createElement('essay-reader') as HTMLElement & {
    store: unknown;
    updateComplete: Promise<unknown>;
    importAnnotations(json: unknown): Promise<{ added: number }>;
    addAnnotation(json: unknown): Promise<unknown>;
    annotations: unknown[];
    unsavedIds: string[];
  };
  reader.setAttribute('document-id', 'bench-import');
  reader.style.width = '1400px';
  reader.innerHTML = essay.html;
  const name = `essay-reader-bench-${Date.now()}`;
  const store = new IndexedDBStore({ name, migrateFrom: null });
  reader.store = store;
  document.body.append(reader);
  await reader.updateComplete;
  await nextFrame();
  await nextFrame();
  let longestTask = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const t0 = performance.now();
  const importing = reader.importAnnotations(items);
  // Shown: the reader holds them all (its store may still be writing), and has rendered and laid them out.
  while (reader.annotations.length < count) await nextFrame();
  await reader.updateComplete;
  await nextFrame();
  await nextFrame();
  const ms = performance.now() - t0;
  const report = await importing;
  const savedMs = performance.now() - t0;
  if (reader.unsavedIds.length) throw new Error(`bench: ${reader.unsavedIds.length} imported annotations were not saved`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  imported = { reader, store, name };
  const column = reader.shadowRoot!.querySelector('.essay')!;
  const style = getComputedStyle(column);
  readerColumn = { width: column.getBoundingClientRect().width, font: style.font };
  return { label: `${Math.round(essay.words / 1000)}k words`, ms, savedMs, longestTask, added: report.added };
}

let imported: {
  reader: HTMLElement & { addAnnotation(json: unknown): Promise<unknown>; updateComplete: Promise<unknown> };
  store: { close(): Promise<void> };
  name: string;
} | null = null;

/**
 * Scrolling the reader that {@link timeImport} filled from its top to its end, a screen a frame (a fast fling):
 * the longest main-thread task meanwhile and how many took over 50 ms; and whether the last screen shows its
 * cards.
 */
export async function timeScroll(): Promise<{ ms: number; longestTask: number; longTasks: number; screens: number; cards: number }> {
  const { reader } = imported!;
  const fling = await flingThrough(reader);
  const cards = reader.shadowRoot!.querySelectorAll('essay-annotation-card').length;
  scrollTo(0, 0);
  // Back at the top, the reader marks what is near there a few frames later: let it, so that the save measured
  // next is not measured with that work.
  for (let i = 0; i < 10; i++) await nextFrame();
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { ...fling, cards };
}

/** The reader's essay column, as {@link timeImport} laid it out: the plain page of {@link timeScrollPlain} matches it. */
let readerColumn: { width: number; font: string } | null = null;

/**
 * The same essay without the library, in a plain `<div>` as wide as the reader's column and in its font, scrolled as {@link timeScroll}
 * scrolls the reader: the browser's own long tasks for such a fling, beside which the reader's are read.
 */
export async function timeScrollPlain(words: number): Promise<{ ms: number; longestTask: number; longTasks: number; screens: number }> {
  const plain = document.createElement('div');
  plain.style.width = `${readerColumn?.width ?? 700}px`;
  plain.style.font = readerColumn?.font ?? '';
  plain.innerHTML = generateEssay(words, 11).html;
  document.body.append(plain);
  await nextFrame();
  await nextFrame();
  const fling = await flingThrough(plain);
  plain.remove();
  scrollTo(0, 0);
  return fling;
}

/** Scrolls from the top of the page to the end of `element`, a screen a frame: the longest task meanwhile, and how many took over 50 ms. */
async function flingThrough(element: HTMLElement): Promise<{ ms: number; longestTask: number; longTasks: number; screens: number }> {
  scrollTo(0, 0);
  await nextFrame();
  await nextFrame();
  let longestTask = 0;
  let longTasks = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longestTask = Math.max(longestTask, entry.duration);
      if (entry.duration > 50) longTasks++;
    }
  });
  observer.observe({ type: 'longtask' });
  const end = element.getBoundingClientRect().bottom + scrollY - innerHeight;
  let screens = 0;
  const t0 = performance.now();
  for (let y = innerHeight; y < end + innerHeight; y += innerHeight) {
    scrollTo(0, Math.min(y, end));
    screens++;
    await nextFrame();
  }
  await nextFrame();
  await nextFrame();
  const ms = performance.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { ms, longestTask, longTasks, screens };
}

/**
 * Adding, editing and deleting one annotation beside the 10,000 that {@link timeImport} brought in, each until
 * laid out (see timeChanges), where the reader is reading: each run scrolls to a passage further on, lets the
 * reader settle there, and annotates it. Then cleans up.
 */
export async function timeChangesBesideImport(runs: number) {
  const { reader, store, name } = imported!;
  const changing = reader as unknown as ChangingReader;
  const text = changing.textIndex.text;
  const result = await timeChanges(changing, runs, 'bench-import', async (run) => {
    const at = text.indexOf(' ', Math.floor((text.length * (run + 1)) / (runs + 3)));
    const top = changing.textIndex.rangeFor(at + 1, at + 40).getBoundingClientRect().top;
    scrollTo(0, scrollY + top - innerHeight / 3);
    // As in timeScroll: the reader marks what is near the new place a few frames later; the change comes after.
    for (let i = 0; i < 10; i++) await nextFrame();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return text.slice(at + 1, at + 40);
  });
  reader.remove();
  await store.close();
  indexedDB.deleteDatabase(name);
  imported = null;
  scrollTo(0, 0);
  return result;
}
