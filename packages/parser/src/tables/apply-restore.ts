import { cleanCellText } from './cell-text.js';
import type { TableRow } from './table-types.js';

/** Applies `restore` to a cell's lines; confidence drops with the share of words the restorer changed. */
export function restoreRows(rows: TableRow[], restore: (s: string) => string): void {
  for (const row of rows) {
    for (const cell of row.cells) {
      if (!cell.text) continue;
      let words = 0;
      let changed = 0;
      cell.lines = cell.lines.map((line) => {
        const out = restore(line);
        const a = line.split(/\s+/u);
        const b = out.split(/\s+/u);
        words += a.length;
        a.forEach((w, i) => {
          if (b[i] !== w) changed++;
        });
        return out;
      });
      cell.text = cleanCellText(cell.lines.join(' '));
      const factor = words ? 1 - 0.5 * (changed / words) : 1;
      cell.confidence = (cell.confidence ?? 1) * factor;
    }
  }
}

/** Restores text line by line (cell by cell on tab-separated lines), keeping the layout. */
export function restoreText(text: string, restore: (s: string) => string): string {
  return text
    .split('\n')
    .map((line) => line.split('\t').map((cell) => (cell.trim() ? restore(cell) : cell)).join('\t'))
    .join('\n');
}
