import type { BBox } from '@sohoa/core';
import { maskWords, type InkMask } from './binarize.js';

export interface Rulings {
  horizontal: BBox[];
  vertical: BBox[];
}

export interface RulingOptions {
  /** Shortest ruling kept, in inches (default 0.35: longer than any glyph stroke at body sizes). */
  minLengthIn?: number;
  /** Thickest ruling kept, in inches (default 0.06); thicker dark runs are images or fills. */
  maxThicknessIn?: number;
}

/**
 * Ruling lines of tables: long horizontal / vertical ink runs on the binarised page, merged across
 * adjacent rows (a line is a few pixels thick) and across small breaks (scanned lines fade in places).
 * Boxes are [x0, y0, x1, y1] in the mask's pixels, end-exclusive.
 */
export function detectRulings(mask: InkMask, dpi: number, options: RulingOptions = {}): Rulings {
  const minLength = Math.max(8, Math.round((options.minLengthIn ?? 0.35) * dpi));
  const maxThickness = Math.max(2, Math.round((options.maxThicknessIn ?? 0.06) * dpi));
  const gap = Math.max(1, Math.floor(dpi / 100));
  const { data, width, height } = mask;
  const horizontal = mergeRuns((y) => longRuns(data, y * width, width, minLength, gap), height, maxThickness, gap);
  const columns = columnRuns(mask, minLength, gap);
  const vertical = mergeRuns((x) => columns[x], width, maxThickness, gap).map(([x0, y0, x1, y1]): BBox => [y0, x0, y1, x1]);
  return { horizontal, vertical };
}

/**
 * Rulings found on a k-times smaller raster, in the full raster's pixels (rounded; clipped to `bounds`
 * when given, since a box on the small raster can reach one pixel past the scaled-up page).
 */
export function scaleRulings(r: Rulings, k: number, bounds?: { width: number; height: number }): Rulings {
  if (k === 1) return r;
  const maxX = bounds?.width ?? Infinity;
  const maxY = bounds?.height ?? Infinity;
  const s = ([x0, y0, x1, y1]: BBox): BBox => [Math.round(x0 * k), Math.round(y0 * k), Math.min(maxX, Math.round(x1 * k)), Math.min(maxY, Math.round(y1 * k))];
  return { horizontal: r.horizontal.map(s), vertical: r.vertical.map(s) };
}

/**
 * longRuns of every column at once, in one pass over the rows: the same runs as transposing the mask and
 * reading its rows, without a second page-sized buffer or a cache-hostile walk down each column.
 */
function columnRuns(mask: InkMask, minLength: number, gap: number): [number, number][][] {
  const { data, width: w, height: h } = mask;
  const runs: [number, number][][] = Array.from({ length: w }, () => []);
  const runStart = new Int32Array(w).fill(-1);
  const lastInk = new Int32Array(w).fill(-gap - 2);
  const closeRun = (x: number): void => {
    if (runStart[x] >= 0 && lastInk[x] + 1 - runStart[x] >= minLength) runs[x].push([runStart[x], lastInk[x] + 1]);
  };
  // mostly paper: where the mask is word-aligned, empty runs of four pixels are skipped whole
  const words = maskWords(data);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const i = row + x;
      if (words && (i & 3) === 0 && x + 4 <= w && words[i >> 2] === 0) {
        x += 3;
        continue;
      }
      if (!data[i]) continue;
      if (runStart[x] < 0 || y - lastInk[x] > gap + 1) {
        closeRun(x);
        runStart[x] = y;
      }
      lastInk[x] = y;
    }
  }
  for (let x = 0; x < w; x++) closeRun(x);
  return runs;
}

interface Open {
  x0: number;
  x1: number;
  y0: number;
  yLast: number;
}

/**
 * Segments from the long runs of each line (`runsOf(0..lines-1)`: rows for horizontal rulings, columns
 * for vertical ones), merged across adjacent lines, as boxes in (along, across) order.
 */
function mergeRuns(runsOf: (line: number) => [number, number][], lines: number, maxThickness: number, gap: number): BBox[] {
  const closed: Open[] = [];
  let open: Open[] = [];
  for (let y = 0; y < lines; y++) {
    const runs = runsOf(y);
    const next: Open[] = [];
    const used = new Set<Open>();
    for (const [x0, x1] of runs) {
      const match = open.find((o) => !used.has(o) && overlap(o.x0, o.x1, x0, x1) >= 0.5 * Math.min(o.x1 - o.x0, x1 - x0));
      if (match) {
        used.add(match);
        match.x0 = Math.min(match.x0, x0);
        match.x1 = Math.max(match.x1, x1);
        match.yLast = y;
        next.push(match);
      } else {
        next.push({ x0, x1, y0: y, yLast: y });
      }
    }
    for (const o of open) {
      if (used.has(o)) continue;
      if (y - o.yLast <= gap) next.push(o);
      else closed.push(o);
    }
    open = next;
  }
  closed.push(...open);
  const thin = closed.filter((s) => s.yLast - s.y0 + 1 <= maxThickness);
  return joinCollinear(thin, gap * 4).map((s): BBox => [s.x0, s.y0, s.x1, s.yLast + 1]);
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Runs of ink at least minLength long in one row, bridging gaps of up to `gap` pixels. */
function longRuns(data: Uint8Array, start: number, width: number, minLength: number, gap: number): [number, number][] {
  const runs: [number, number][] = [];
  let runStart = -1;
  let lastInk = -gap - 2;
  for (let x = 0; x < width; x++) {
    if (data[start + x]) {
      if (runStart < 0 || x - lastInk > gap + 1) {
        if (runStart >= 0 && lastInk + 1 - runStart >= minLength) runs.push([runStart, lastInk + 1]);
        runStart = x;
      }
      lastInk = x;
    }
  }
  if (runStart >= 0 && lastInk + 1 - runStart >= minLength) runs.push([runStart, lastInk + 1]);
  return runs;
}

/** Joins segments on the same line separated by short breaks. */
function joinCollinear(segments: Open[], maxBreak: number): Open[] {
  const sorted = [...segments].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const out: Open[] = [];
  for (const s of sorted) {
    const prev = out.find((p) => overlap(p.y0, p.yLast + 1, s.y0, s.yLast + 1) > 0 && s.x0 - p.x1 <= maxBreak && s.x1 >= p.x0);
    if (prev) {
      prev.x0 = Math.min(prev.x0, s.x0);
      prev.x1 = Math.max(prev.x1, s.x1);
      prev.y0 = Math.min(prev.y0, s.y0);
      prev.yLast = Math.max(prev.yLast, s.yLast);
    } else {
      out.push({ ...s });
    }
  }
  return out.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}
