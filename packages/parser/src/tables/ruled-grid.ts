import type { BBox, OcrPage } from '@sohoa/core';

/** One ruling line after clustering: its position across, and the intervals it covers along. */
export interface RulingLine {
  pos: number;
  spans: [number, number][];
}

export interface RuledGrid {
  /** x of the vertical rulings, left to right. */
  xs: number[];
  /** y of the horizontal rulings, top to bottom. */
  ys: number[];
  /** Merged cells: grid row/column ranges [start, end) and the pixel box. */
  cells: GridCell[];
  /** cellAt[row][col] = index into cells. */
  cellAt: number[][];
}

export interface GridCell {
  row0: number;
  row1: number;
  col0: number;
  col1: number;
  bbox: BBox;
}

function mergeSpans(spans: [number, number][], gap: number): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1] + gap) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

/** Clusters ruling segments that lie on the same line (scan noise breaks one ruling into pieces). */
export function clusterRulings(segments: readonly BBox[], orientation: 'horizontal' | 'vertical', tol: number): RulingLine[] {
  const items = segments
    .map((b) =>
      orientation === 'horizontal'
        ? { pos: (b[1] + b[3]) / 2, a: Math.min(b[0], b[2]), b: Math.max(b[0], b[2]) }
        : { pos: (b[0] + b[2]) / 2, a: Math.min(b[1], b[3]), b: Math.max(b[1], b[3]) },
    )
    .sort((p, q) => p.pos - q.pos);
  const groups: { items: typeof items }[] = [];
  for (const it of items) {
    const g = groups[groups.length - 1];
    const gPos = g ? g.items.reduce((s, x) => s + x.pos * (x.b - x.a + 1), 0) / g.items.reduce((s, x) => s + (x.b - x.a + 1), 0) : 0;
    if (g && it.pos - gPos <= tol) g.items.push(it);
    else groups.push({ items: [it] });
  }
  return groups.map((g) => {
    const weight = g.items.reduce((s, x) => s + (x.b - x.a + 1), 0);
    const pos = g.items.reduce((s, x) => s + x.pos * (x.b - x.a + 1), 0) / weight;
    return { pos, spans: mergeSpans(g.items.map((x) => [x.a, x.b] as [number, number]), tol * 2) };
  });
}

/** Share of [a, b] covered by the line's spans. */
export function coverage(line: RulingLine, a: number, b: number): number {
  if (b <= a) return 1;
  let covered = 0;
  for (const [s, e] of line.spans) covered += Math.max(0, Math.min(e, b) - Math.max(s, a));
  return covered / (b - a);
}

function touches(line: RulingLine, at: number, tol: number): boolean {
  return line.spans.some(([s, e]) => at >= s - tol && at <= e + tol);
}

/**
 * Builds the cell grid from the page's ruling segments: cluster positions, keep the lines that cross
 * other lines (an underline under a heading crosses nothing), then merge neighbouring grid cells where
 * the ruling between them is missing (row and column spans). Returns null when no table grid is found.
 */
export function buildRuledGrid(page: OcrPage): RuledGrid | null {
  const rulings = page.rulings;
  if (!rulings || rulings.horizontal.length < 2 || rulings.vertical.length < 2) return null;
  const tol = Math.max(4, Math.min(page.width, page.height) * 0.005);
  const minLen = Math.min(page.width, page.height) * 0.015;
  let hs = clusterRulings(rulings.horizontal, 'horizontal', tol).filter((l) => l.spans.some(([a, b]) => b - a >= minLen));
  let vs = clusterRulings(rulings.vertical, 'vertical', tol).filter((l) => l.spans.some(([a, b]) => b - a >= minLen));
  // A table line crosses at least two lines of the other direction; repeat until stable.
  for (let pass = 0; pass < 4; pass++) {
    const h2 = hs.filter((h) => vs.filter((v) => touches(v, h.pos, tol * 2) && touches(h, v.pos, tol * 2)).length >= 2);
    const v2 = vs.filter((v) => h2.filter((h) => touches(v, h.pos, tol * 2) && touches(h, v.pos, tol * 2)).length >= 2);
    const stable = h2.length === hs.length && v2.length === vs.length;
    hs = h2;
    vs = v2;
    if (stable) break;
  }
  if (hs.length < 2 || vs.length < 3) return null;
  // A row split by a page break has no closing ruling (or no opening one on the next page): the
  // verticals still reach past the last (first) horizontal, so close the grid where they end.
  const left = Math.min(...vs.map((v) => v.pos));
  const right = Math.max(...vs.map((v) => v.pos));
  const vEnd = Math.max(...vs.map((v) => Math.max(...v.spans.map((sp) => sp[1]))));
  const vStart = Math.min(...vs.map((v) => Math.min(...v.spans.map((sp) => sp[0]))));
  if (vEnd > hs[hs.length - 1].pos + 3 * tol) hs = [...hs, { pos: vEnd, spans: [[left, right]] }];
  if (vStart < hs[0].pos - 3 * tol) hs = [{ pos: vStart, spans: [[left, right]] }, ...hs];
  const xs = vs.map((v) => v.pos);
  const ys = hs.map((h) => h.pos);
  const nRows = ys.length - 1;
  const nCols = xs.length - 1;
  const parent = Array.from({ length: nRows * nCols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  const inset = tol;
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (c + 1 < nCols && coverage(vs[c + 1], ys[r] + inset, ys[r + 1] - inset) < 0.5) union(r * nCols + c, r * nCols + c + 1);
      if (r + 1 < nRows && coverage(hs[r + 1], xs[c] + inset, xs[c + 1] - inset) < 0.5) union(r * nCols + c, (r + 1) * nCols + c);
    }
  }
  const byRoot = new Map<number, GridCell>();
  const cellAt: number[][] = Array.from({ length: nRows }, () => new Array<number>(nCols).fill(-1));
  const cells: GridCell[] = [];
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      const root = find(r * nCols + c);
      let cell = byRoot.get(root);
      if (!cell) {
        cell = { row0: r, row1: r + 1, col0: c, col1: c + 1, bbox: [0, 0, 0, 0] };
        byRoot.set(root, cell);
        cells.push(cell);
      }
      cell.row0 = Math.min(cell.row0, r);
      cell.row1 = Math.max(cell.row1, r + 1);
      cell.col0 = Math.min(cell.col0, c);
      cell.col1 = Math.max(cell.col1, c + 1);
      cellAt[r][c] = cells.indexOf(cell);
    }
  }
  for (const cell of cells) cell.bbox = [xs[cell.col0], ys[cell.row0], xs[cell.col1], ys[cell.row1]];
  return { xs, ys, cells, cellAt };
}

/** Index of the interval of sorted `edges` that holds `v`, or -1 outside. */
export function intervalIndex(edges: readonly number[], v: number): number {
  if (v < edges[0] || v >= edges[edges.length - 1]) return -1;
  let lo = 0;
  let hi = edges.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}
