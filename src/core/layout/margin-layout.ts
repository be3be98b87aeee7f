/**
 * Margin layout: where to put notes beside a text column so that none overlap, each stays as close to its
 * passage as it can, and they keep the order of their passages. Numbers in, numbers out.
 */

export interface MarginItem {
  /** Where the note would like its top to be (its passage's top), in the column's coordinates. */
  anchor: number;
  /** The note's measured height. */
  height: number;
}

export interface MarginLayoutOptions {
  /** Space between two notes (default 8). */
  gap?: number;
  /** The column's top: no note above it (default 0). */
  top?: number;
  /** The column's bottom: no note below it, unless there are more notes than room (default none). */
  bottom?: number;
  /** The index of the note being read: it sits exactly level with its passage, the others make room. */
  active?: number;
}

/**
 * Tops for the notes, in order. Items must be sorted by anchor (ties in any order); the result keeps that order.
 *
 * Minimises the sum of squared displacements from the anchors subject to no overlap (isotonic regression by
 * pool-adjacent-violators on anchors shifted by the heights before them), which in practice also keeps the sum of
 * displacements small. O(n).
 *
 * @example
 * layoutMargin([{ anchor: 0, height: 50 }, { anchor: 10, height: 20 }], { gap: 10 }) // [0, 60]
 */
export function layoutMargin(items: readonly MarginItem[], options: MarginLayoutOptions = {}): number[] {
  const gap = options.gap ?? 8;
  const top = options.top ?? 0;
  const bottom = options.bottom ?? Infinity;
  for (let i = 0; i < items.length; i++) {
    const { anchor, height } = items[i];
    if (!Number.isFinite(anchor)) throw new TypeError(`layoutMargin: items[${i}].anchor: expected a finite number, got ${anchor}`);
    if (!(height >= 0)) throw new TypeError(`layoutMargin: items[${i}].height: expected a non-negative number, got ${height}`);
  }
  const active = options.active;
  if (active === undefined || active < 0 || active >= items.length) return place(items, 0, items.length, gap, top, bottom, 'lower');

  const y = items[active].anchor;
  // Notes before the active one must end above it, even if that takes them above the column's top.
  const before = place(items, 0, active, gap, top, y - gap, 'upper');
  const after = place(items, active + 1, items.length, gap, y + items[active].height + gap, bottom, 'lower');
  return [...before, y, ...after];
}

/**
 * Lays out items[from, to) between `lower` (top of the first) and `upper` (bottom of the last). When there are
 * more notes than room, the `hard` bound holds and the other gives.
 */
function place(items: readonly MarginItem[], from: number, to: number, gap: number, lower: number, upper: number, hard: 'lower' | 'upper'): number[] {
  const n = to - from;
  if (n === 0) return [];
  // offset[i]: how far item i must sit below item 0's top when they are packed (heights and gaps before it).
  const offset = new Float64Array(n);
  for (let i = 1; i < n; i++) offset[i] = offset[i - 1] + items[from + i - 1].height + gap;
  // In z = y - offset, "no overlap, same order" is just z non-decreasing: fit the targets by PAVA.
  const blockStart = new Int32Array(n);
  const blockSum = new Float64Array(n);
  const blockCount = new Int32Array(n);
  let blocks = 0;
  for (let i = 0; i < n; i++) {
    blockStart[blocks] = i;
    blockSum[blocks] = items[from + i].anchor - offset[i];
    blockCount[blocks] = 1;
    blocks++;
    while (blocks > 1 && blockSum[blocks - 2] / blockCount[blocks - 2] > blockSum[blocks - 1] / blockCount[blocks - 1]) {
      blockSum[blocks - 2] += blockSum[blocks - 1];
      blockCount[blocks - 2] += blockCount[blocks - 1];
      blocks--;
    }
  }
  const last = n - 1;
  const zMax = upper - offset[last] - items[from + last].height;
  const tops = new Array<number>(n);
  for (let b = 0; b < blocks; b++) {
    const value = blockSum[b] / blockCount[b];
    const end = b + 1 < blocks ? blockStart[b + 1] : n;
    for (let i = blockStart[b]; i < end; i++) tops[i] = value;
  }
  // Clamping every z by the same bounds keeps them non-decreasing.
  for (let i = 0; i < n; i++) {
    const z = hard === 'lower' ? Math.max(Math.min(tops[i], zMax), lower) : Math.min(Math.max(tops[i], lower), zMax);
    tops[i] = z + offset[i];
  }
  return tops;
}
