import type { BBox } from '@sohoa/core';
import { isRomanNumeral, isTaskCode, normalizeCode } from './cell-text.js';
import { groupIntoLines, median, type PlacedWord } from './page-words.js';
import { isPlausibleNext, repairCode } from './task-code-sequence.js';

/** One grid cell's words before they become a TableCell. */
export interface CellWords {
  col: number;
  span: number;
  bbox: BBox;
  words: PlacedWord[];
}

export function looksLikeCode(text: string): boolean {
  const code = normalizeCode(text);
  return code.length > 0 && (isTaskCode(code) || isRomanNumeral(code));
}

/** The grid column holding the task numbers: the one whose cells most often read as numbers. */
export function codeColumn(rows: readonly CellWords[][]): number {
  const hits = new Map<number, number>();
  for (const row of rows) {
    for (const cell of row) {
      if (cell.span !== 1 || !cell.words.length) continue;
      const firstLine = groupIntoLines(cell.words)[0].map((w) => w.text).join('');
      if (looksLikeCode(firstLine)) hits.set(cell.col, (hits.get(cell.col) ?? 0) + 1);
    }
  }
  let best = 0;
  let bestHits = 0;
  for (const [col, n] of hits) if (n > bestHits || (n === bestHits && col < best)) [best, bestHits] = [col, n];
  return best;
}

/**
 * A ruling lost on a poor scan merges two table rows into one grid row: its STT cell then holds two
 * numbers in sequence on separate lines ("1.1" over "1.2"). The row is cut above each further number (cells are top-aligned when
 * another column starts a line level with the number; otherwise halfway between the numbers), and
 * every word goes to the part holding its centre.
 */
export function splitMergedRow(cells: readonly CellWords[], codeCol: number): CellWords[][] {
  const codeCell = cells.find((c) => c.col === codeCol && c.span === 1);
  if (!codeCell) return [cells.slice()];
  // Only numbers that follow one another count: a speck read as "1" under "2.2" is no second row.
  const codeLines: PlacedWord[][] = [];
  for (const line of groupIntoLines(codeCell.words)) {
    const code = normalizeCode(line.map((w) => w.text).join(''));
    if (!isTaskCode(code)) continue;
    const previous = codeLines.length ? normalizeCode(codeLines[codeLines.length - 1].map((w) => w.text).join('')) : undefined;
    if (!previous || (code !== previous && (isPlausibleNext(code, previous) || repairCode(code, previous)))) codeLines.push(line);
  }
  if (codeLines.length < 2) return [cells.slice()];
  const lineH = median(codeCell.words.map((w) => w.bbox[3] - w.bbox[1])) || 1;
  const others = cells.filter((c) => c !== codeCell).flatMap((c) => c.words);
  const tops = codeLines.map((l) => Math.min(...l.map((w) => w.bbox[1])));
  const centres = codeLines.map((l) => (Math.min(...l.map((w) => w.bbox[1])) + Math.max(...l.map((w) => w.bbox[3]))) / 2);
  const cuts: number[] = [];
  for (let k = 1; k < codeLines.length; k++) {
    const levelWithNumber = others.some((w) => Math.abs(w.bbox[1] - tops[k]) < 0.5 * lineH);
    cuts.push(levelWithNumber ? tops[k] - 0.25 * lineH : (centres[k - 1] + centres[k]) / 2);
  }
  const parts: CellWords[][] = cuts.concat(Infinity).map(() => []);
  const partOf = (y: number): number => {
    const i = cuts.findIndex((c) => y < c);
    return i < 0 ? cuts.length : i;
  };
  const bounds = [-Infinity, ...cuts, Infinity];
  for (const cell of cells) {
    for (let p = 0; p < parts.length; p++) {
      const words = cell.words.filter((w) => partOf(w.cy) === p);
      const y0 = Math.max(cell.bbox[1], bounds[p]);
      const y1 = Math.min(cell.bbox[3], bounds[p + 1]);
      parts[p].push({ col: cell.col, span: cell.span, bbox: [cell.bbox[0], y0, cell.bbox[2], y1], words });
    }
  }
  return parts;
}
