import type { OcrPage } from '@sohoa/core';
import { reconstructBorderlessTable, type BorderlessOptions } from './borderless-table.js';
import { mapHeaderCells } from './column-map.js';
import { reconstructRuledTable } from './ruled-table.js';
import type { ReconstructedTable } from './table-types.js';

/**
 * The table on one page as rows of positioned cells. Ruling lines (from the OCR stage) give the grid
 * when they form one; a grid without a header is still used on a page that continues a table. Pages
 * without rulings (born-digital text layers, borderless scans) fall back to clustering word boxes
 * into columns anchored on the header row. Returns `method: 'none'` and no rows when no table is found.
 */
export function reconstructTable(page: OcrPage, opts: BorderlessOptions = {}): ReconstructedTable {
  const ruled = reconstructRuledTable(page);
  if (ruled && ruled.rows.length) {
    const hasHeader = ruled.rows.some((r) => mapHeaderCells(r.cells));
    if (hasHeader || opts.columnEdges || ruled.columns >= 4) return ruled;
  }
  const borderless = reconstructBorderlessTable(page, opts);
  if (borderless) return borderless;
  return { page: page.index, method: 'none', columns: 0, rows: [], warnings: [] };
}
