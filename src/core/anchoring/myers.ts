/**
 * Bit-parallel approximate string matching: Myers' algorithm ("A fast bit-vector algorithm for approximate string
 * matching based on dynamic programming", 1999) in blocks of 32 pattern characters, with Ukkonen's cut-off so that
 * only the blocks that can still be within the error budget are computed. The block step follows Hyyrö's
 * formulation as the `approx-string-match` package (MIT, by Robert Knight, used by the Hypothesis client) writes
 * it; this version adds what anchoring needs from it: a window of the text instead of a copy, both directions, an
 * anchored mode (the alignment must touch one end of the window), and the whole alignment (start and end) of the
 * best match rather than only where matches end.
 *
 * Errors are Levenshtein edits: a character inserted, deleted or replaced.
 */

/** A match of a pattern in the text: `text.slice(start, end)` is within `errors` edits of the pattern. */
export interface Alignment {
  start: number;
  end: number;
  errors: number;
}

const W = 32;

/**
 * Character codes of the pattern being compiled mapped to small ids (0: not in the pattern). One table for the
 * whole module: a pattern's entries are set when it is compiled and cleared when its search ends.
 */
const ids = new Uint16Array(65536);

interface Compiled {
  m: number;
  blocks: number;
  /** `peq[id * blocks + b]`: the bits of block `b` where the pattern has the character with that id. */
  peq: Int32Array;
  lastRowMask: Int32Array;
  codes: number[];
}

function compile(pattern: string, reversed: boolean): Compiled {
  const m = pattern.length;
  const codes: number[] = [];
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    if (ids[c] === 0) {
      codes.push(c);
      ids[c] = codes.length;
    }
  }
  return withPeq(pattern, reversed, codes);
}

/** The same pattern read the other way, sharing the ids (and so the release) of `compiled`. */
function reverseOf(pattern: string, compiled: Compiled): Compiled {
  return withPeq(pattern, true, compiled.codes);
}

function withPeq(pattern: string, reversed: boolean, codes: number[]): Compiled {
  const m = pattern.length;
  const blocks = Math.ceil(m / W);
  const peq = new Int32Array((codes.length + 1) * blocks);
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(reversed ? m - 1 - i : i);
    peq[ids[c] * blocks + ((i / W) | 0)] |= 1 << (i % W);
  }
  const lastRowMask = new Int32Array(blocks).fill(1 << 31);
  lastRowMask[blocks - 1] = 1 << ((m - 1) % W);
  return { m, blocks, peq, lastRowMask, codes };
}

function release(compiled: Compiled) {
  for (const c of compiled.codes) ids[c] = 0;
}

const P = { v: new Int32Array(64), m: new Int32Array(64), score: new Int32Array(64) };
function state(blocks: number) {
  if (P.v.length < blocks) {
    P.v = new Int32Array(blocks * 2);
    P.m = new Int32Array(blocks * 2);
    P.score = new Int32Array(blocks * 2);
  }
  return P;
}

/**
 * Scans `text` from `from` towards `to` (`dir` 1: forwards over [from, to); -1: backwards over [to, from)) and
 * calls `report(position, errors)` wherever the whole pattern aligns with at most `maxErrors` edits, `position`
 * being where that alignment ends in the scan's direction (an end offset forwards, a start offset backwards).
 * With `anchored`, the alignment must begin at `from`; otherwise anywhere. Returns the fewest errors seen
 * (maxErrors + 1 when none).
 *
 * `report` sees each position with the fewest errors found so far or fewer; `maxErrors` then ratchets down to
 * it unless `keepBudget`, so a caller that wants every match within the budget passes `keepBudget`.
 */
function scan(
  text: string,
  c: Compiled,
  from: number,
  to: number,
  dir: 1 | -1,
  maxErrors: number,
  anchored: boolean,
  keepBudget: boolean,
  report: (position: number, errors: number) => void,
): number {
  const { m, blocks, peq, lastRowMask } = c;
  const bMax = blocks - 1;
  maxErrors = Math.min(maxErrors, m);
  const s = state(blocks);
  const pv = s.v;
  const mv = s.m;
  const score = s.score;
  // Anchored: the top row grows by one each column (D[0][j] = j), so every block is needed.
  let y = anchored ? bMax : Math.max(0, Math.ceil(maxErrors / W) - 1);
  for (let b = 0; b <= y; b++) {
    pv[b] = -1;
    mv[b] = 0;
    score[b] = b === bMax ? m : (b + 1) * W;
  }
  let best = maxErrors + 1;
  const steps = dir === 1 ? to - from : from - to;
  for (let step = 0; step < steps; step++) {
    const j = dir === 1 ? from + step : from - 1 - step;
    const base = ids[text.charCodeAt(j)] * blocks;
    let carry = anchored ? 1 : 0;
    for (let b = 0; b <= y; b++) {
      carry = advanceBlock(pv, mv, b, peq[base + b], lastRowMask[b], carry);
      score[b] += carry;
    }
    if (!anchored) {
      if (score[y] - carry <= maxErrors && y < bMax && ((peq[base + y + 1] & 1) !== 0 || carry < 0)) {
        // The bottom block is within budget: compute one more block from now on.
        y++;
        pv[y] = -1;
        mv[y] = 0;
        const height = y === bMax ? m - y * W : W;
        score[y] = score[y - 1] + height - carry + advanceBlock(pv, mv, y, peq[base + y], lastRowMask[y], carry);
      } else {
        while (y > 0 && score[y] >= maxErrors + W) y--;
      }
    }
    if (y === bMax && score[y] <= maxErrors) {
      const errors = score[y];
      if (errors < best) best = errors;
      report(dir === 1 ? j + 1 : j, errors);
      if (!keepBudget) maxErrors = errors;
    }
  }
  return best;
}

/**
 * One block of one column (Myers' Fig. 8 with Hyyrö's branch-free carries): updates the block's vertical deltas
 * and returns the horizontal delta at its last row, given the one that comes in at its top (-1, 0 or 1).
 */
function advanceBlock(pv: Int32Array, mv: Int32Array, b: number, equal: number, mask: number, carry: number): number {
  let pV = pv[b];
  const mV = mv[b];
  const hInNeg = carry < 0 ? 1 : 0;
  const eq = equal | hInNeg;
  const xV = eq | mV;
  const xH = (((eq & pV) + pV) ^ pV) | eq;
  let pH = mV | ~(xH | pV);
  let mH = pV & xH;
  const hOut = (pH & mask ? 1 : 0) - (mH & mask ? 1 : 0);
  pH <<= 1;
  mH <<= 1;
  mH |= hInNeg;
  pH |= carry > 0 ? 1 : 0;
  pV = mH | ~(xV | pH);
  pv[b] = pV;
  mv[b] = pH & xV;
  return hOut;
}

/** At most this many equally good ends are followed back to their starts. */
const MAX_ENDS = 8;

/**
 * The best whole alignments of `pattern` inside `text.slice(from, to)` with at most `maxErrors` edits: every end
 * with the fewest errors (up to eight, spread over the window), each with the start that makes the alignment
 * longest among those with that many errors. Empty when no alignment is within the budget.
 *
 * The budget is raised in steps (16, 32, 64 … errors), so a near match costs a near match's time.
 */
export function bestAlignments(text: string, pattern: string, from: number, to: number, maxErrors: number): Alignment[] {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  const m = pattern.length;
  if (m === 0 || to <= from) return [];
  maxErrors = Math.min(maxErrors, m);
  const forward = compile(pattern, false);
  try {
    let ends: number[] = [];
    let errors = maxErrors + 1;
    // The band of blocks computed grows with the budget, so the budget starts small and doubles.
    for (let budget = Math.min(maxErrors, 16); ; budget = Math.min(maxErrors, budget * 2)) {
      ends = [];
      errors = budget + 1;
      scan(text, forward, from, to, 1, budget, false, false, (end, e) => {
        if (e < errors) {
          errors = e;
          ends.length = 0;
        }
        ends.push(end);
      });
      if (errors <= budget || budget === maxErrors) break;
    }
    if (errors > maxErrors) return [];
    if (ends.length > MAX_ENDS) {
      const step = ends.length / MAX_ENDS;
      ends = Array.from({ length: MAX_ENDS }, (_, i) => ends[Math.floor(i * step)]);
    }
    const backward = reverseOf(pattern, forward);
    const alignments: Alignment[] = [];
    for (const end of ends) {
      // Backwards from the end, anchored there: the starts at which the whole pattern costs `errors`.
      let start = -1;
      scan(text, backward, end, Math.max(from, end - m - errors), -1, errors, m > W * 4 ? false : true, true, (at, e) => {
        if (e <= errors) start = at; // scanning backwards: the last one reported is the longest alignment
      });
      if (start < 0) start = Math.max(from, end - m);
      alignments.push({ start, end, errors });
    }
    return alignments;
  } finally {
    release(forward);
  }
}

/**
 * The edit distance between `pattern` and the closest text that touches offset `at`: with `dir` -1, text that
 * ends at `at` (a prefix, read backwards); with 1, text that starts at `at` (a suffix). At most `window`
 * characters are read. For context, so patterns are short; any length works.
 */
export function distanceAt(text: string, pattern: string, at: number, dir: 1 | -1, window: number): number {
  const m = pattern.length;
  if (m === 0) return 0;
  const to = dir === 1 ? Math.min(text.length, at + window) : Math.max(0, at - window);
  const c = compile(pattern, dir === -1);
  try {
    let best = m; // against no text at all, every character of the pattern is an edit
    scan(text, c, at, to, dir, m, true, true, (_, e) => {
      if (e < best) best = e;
    });
    return best;
  } finally {
    release(c);
  }
}
