import type { BBox, OcrWord } from '@sohoa/core';
import type { Rulings } from './rulings.js';

/** A unit of page text in reading order: an OCR line, or a visual row of a text layer. */
export interface TextRun {
  text: string;
  bbox: BBox;
  words: OcrWord[];
}

interface Grid {
  left: number;
  right: number;
  /** y of each horizontal ruling (and the table's open bottom edge), top to bottom */
  rows: number[];
  vertical: BBox[];
}

const mid = (a: number, b: number): number => (a + b) / 2;

/** The ruled table on the page, if there is one: at least 2 long horizontal and 2 vertical rulings. */
export function tableGrid(rulings: Rulings | undefined, dpi: number): Grid | null {
  if (!rulings || rulings.vertical.length < 2 || rulings.horizontal.length < 1) return null;
  const left = Math.min(...rulings.vertical.map((v) => v[0]));
  const right = Math.max(...rulings.vertical.map((v) => v[2]));
  const long = rulings.horizontal.filter((h) => h[2] - h[0] >= 0.5 * (right - left) && h[0] < right && h[2] > left);
  if (long.length < 1) return null;
  const rows: number[] = [];
  for (const y of long.map((h) => mid(h[1], h[3])).sort((a, b) => a - b)) {
    if (!rows.length || y - rows[rows.length - 1] > dpi * 0.05) rows.push(y);
  }
  // a table that runs on to the next page has no closing ruling: its verticals mark where it ends
  const bottom = Math.max(...rulings.vertical.map((v) => v[3]));
  if (bottom - rows[rows.length - 1] > dpi * 0.1) rows.push(bottom);
  const top = Math.min(...rulings.vertical.map((v) => v[1]));
  if (rows[0] - top > dpi * 0.1) rows.unshift(top);
  if (rows.length < 2) return null;
  return { left, right, rows, vertical: rulings.vertical };
}

/**
 * Page text with a ruled table read the way a person reads it: row by row, a tab between cells, each
 * cell's wrapped lines joined by a space (an empty cell stays an empty field). Text outside the table
 * keeps the order of `runs`, one run per line.
 */
export function layoutPageText(runs: TextRun[], rulings: Rulings | undefined, dpi: number): string {
  const grid = tableGrid(rulings, dpi);
  if (!grid) return runs.map((r) => r.text).join('\n');
  const top = grid.rows[0];
  const bottom = grid.rows[grid.rows.length - 1];
  const inside = (b: BBox): boolean => {
    const cx = mid(b[0], b[2]);
    const cy = mid(b[1], b[3]);
    return cx > grid.left && cx < grid.right && cy > top && cy < bottom;
  };
  const above: string[] = [];
  const below: string[] = [];
  const tableWords: OcrWord[] = [];
  // text around the table goes before or after it by position: tesseract may list the table first
  const place = (text: string, box: BBox): void => void (mid(box[1], box[3]) < top ? above : below).push(text);
  for (const run of runs) {
    const inTable = run.words.filter((w) => inside(w.bbox));
    if (inTable.length === 0) {
      place(run.text, run.bbox);
      continue;
    }
    tableWords.push(...inTable);
    const rest = run.words.filter((w) => !inside(w.bbox));
    if (rest.length) place(rest.map((w) => w.text).join(' '), rest[0].bbox);
  }
  if (!tableWords.length) return runs.map((r) => r.text).join('\n');
  return [...above, ...tableRows(tableWords, grid), ...below].join('\n');
}

/** The cells of the grid, row by row: [x0, y0, x1, y1] between the rulings that bound each. */
export function gridCells(grid: Grid): BBox[] {
  const cells: BBox[] = [];
  for (let r = 0; r + 1 < grid.rows.length; r++) {
    const y0 = grid.rows[r];
    const y1 = grid.rows[r + 1];
    const ym = mid(y0, y1);
    const edges = grid.vertical
      .filter((v) => v[1] <= ym && v[3] >= ym)
      .map((v) => mid(v[0], v[2]))
      .sort((a, b) => a - b);
    for (let c = 0; c + 1 < edges.length; c++) cells.push([edges[c], y0, edges[c + 1], y1]);
  }
  return cells;
}

function tableRows(words: OcrWord[], grid: Grid): string[] {
  const rows: string[] = [];
  for (let r = 0; r + 1 < grid.rows.length; r++) {
    const y0 = grid.rows[r];
    const y1 = grid.rows[r + 1];
    const band = words.filter((w) => {
      const cy = mid(w.bbox[1], w.bbox[3]);
      return cy >= y0 && cy < y1;
    });
    if (!band.length) continue;
    const ym = mid(y0, y1);
    // the column edges of this row: verticals crossing it (merged cells have fewer)
    const edges = grid.vertical
      .filter((v) => v[1] <= ym && v[3] >= ym)
      .map((v) => mid(v[0], v[2]))
      .sort((a, b) => a - b);
    const cells: OcrWord[][] = Array.from({ length: Math.max(1, edges.length - 1) }, () => []);
    for (const w of band) {
      const cx = mid(w.bbox[0], w.bbox[2]);
      let c = edges.findIndex((x, i) => i + 1 < edges.length && cx >= x && cx < edges[i + 1]);
      if (c < 0) c = cx < (edges[0] ?? 0) ? 0 : cells.length - 1;
      cells[c].push(w);
    }
    rows.push(cells.map(cellText).join('\t'));
  }
  return rows;
}

/** The words of one cell in reading order: lines top to bottom, joined by single spaces. */
function cellText(words: OcrWord[]): string {
  const sorted = [...words].sort((a, b) => mid(a.bbox[1], a.bbox[3]) - mid(b.bbox[1], b.bbox[3]));
  const lines: OcrWord[][] = [];
  for (const w of sorted) {
    const line = lines[lines.length - 1];
    const h = w.bbox[3] - w.bbox[1];
    if (line && Math.abs(mid(line[0].bbox[1], line[0].bbox[3]) - mid(w.bbox[1], w.bbox[3])) < 0.5 * h) line.push(w);
    else lines.push([w]);
  }
  return lines
    .map((l) => l.sort((a, b) => a.bbox[0] - b.bbox[0]).map((w) => w.text).join(' '))
    .join(' ');
}
