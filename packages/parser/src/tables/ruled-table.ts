import type { OcrPage } from '@sohoa/core';
import { cellFromWords, pageWords, type PlacedWord } from './page-words.js';
import { buildRuledGrid, intervalIndex } from './ruled-grid.js';
import { codeColumn, splitMergedRow, type CellWords } from './split-merged-rows.js';
import type { ReconstructedTable, TableCell, TableRow } from './table-types.js';

/**
 * A ruled table: words go to the grid cell holding their box centre; one row per grid row (two when a
 * lost ruling merged two numbered rows), each cell reported on the row where it starts (a cell spanning
 * rows appears once).
 */
export function reconstructRuledTable(page: OcrPage): ReconstructedTable | null {
  const grid = buildRuledGrid(page);
  if (!grid) return null;
  const words = pageWords(page);
  const byCell = new Map<number, PlacedWord[]>();
  for (const w of words) {
    const r = intervalIndex(grid.ys, w.cy);
    const c = intervalIndex(grid.xs, w.cx);
    if (r < 0 || c < 0) continue;
    const idx = grid.cellAt[r][c];
    let list = byCell.get(idx);
    if (!list) byCell.set(idx, (list = []));
    list.push(w);
  }
  const nRows = grid.ys.length - 1;
  const gridRows: CellWords[][] = [];
  for (let r = 0; r < nRows; r++) {
    const cells: CellWords[] = [];
    grid.cells.forEach((gc, idx) => {
      if (gc.row0 === r) cells.push({ col: gc.col0, span: gc.col1 - gc.col0, bbox: gc.bbox, words: byCell.get(idx) ?? [] });
    });
    gridRows.push(cells.sort((a, b) => a.col - b.col));
  }
  const codeCol = codeColumn(gridRows);
  const rows: TableRow[] = [];
  for (const gridRow of gridRows) {
    for (const part of splitMergedRow(gridRow, codeCol)) {
      const cells: TableCell[] = part.map((c) => {
        const content = cellFromWords(c.words, page.source === 'ocr');
        return { col: c.col, span: c.span, lines: content.lines, text: content.text, bbox: c.bbox, confidence: content.confidence };
      });
      if (!cells.some((c) => c.text)) continue;
      const y0 = Math.min(...part.map((c) => c.bbox[1]));
      const y1 = Math.max(...part.map((c) => c.bbox[3]));
      rows.push({ page: page.index, cells, bbox: [grid.xs[0], y0, grid.xs[grid.xs.length - 1], y1] });
    }
  }
  return { page: page.index, method: 'ruled', columns: grid.xs.length - 1, columnEdges: grid.xs, rows, warnings: [] };
}
