import { cleanCellText } from './cell-text.js';
import type { TableRow } from './table-types.js';

/** True when the text holds a tab-separated table (several lines with at least two tabs). */
export function hasTabTable(pages: readonly string[]): boolean {
  let n = 0;
  for (const page of pages) for (const line of page.split('\n')) if ((line.match(/\t/gu) ?? []).length >= 2 && ++n >= 2) return true;
  return false;
}

/**
 * Rows of tab-separated tables, one row per line that holds a tab; lines without tabs (headings, blank
 * lines, page numbers) are not rows. Column meanings are decided later from the header rows.
 */
export function tsvRows(pages: readonly string[]): TableRow[] {
  const rows: TableRow[] = [];
  pages.forEach((pageText, page) => {
    for (const line of pageText.split(/\r?\n/u)) {
      if (!line.includes('\t')) continue;
      const cells = line.split('\t').map((raw, col) => {
        const text = cleanCellText(raw);
        return { col, span: 1, lines: text ? [text] : [], text };
      });
      rows.push({ page, cells });
    }
  });
  return rows;
}
