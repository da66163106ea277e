import { cleanCellText, isRomanNumeral, isTaskCode, normalizeCode, romanLike, romanValue } from './cell-text.js';
import type { TableCell, TableRow } from './table-types.js';

/** Group rows of a task table ("I | PHÁT TRIỂN HẠ TẦNG SỐ") and the Roman numbering they follow. */

export function upperShare(text: string): number {
  const letters = [...text].filter((ch) => /\p{L}/u.test(ch));
  if (!letters.length) return 0;
  return letters.filter((ch) => ch === ch.toUpperCase() && ch !== ch.toLowerCase()).length / letters.length;
}

export interface GroupHeading {
  code: string;
  title: string;
  /** The printed number when it could not be read as one. */
  unread?: string;
}

/** "I" -> "II": the next group number, when groups are numbered with Roman numerals. */
export function nextRoman(code: string): string | null {
  const n = romanValue(code);
  if (!n) return null;
  const table: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let rest = n + 1;
  let out = '';
  for (const [v, s] of table) while (rest >= v) {
    out += s;
    rest -= v;
  }
  return out;
}

/**
 * A group heading: "I | PHÁT TRIỂN HẠ TẦNG SỐ", "II. NHÓM 2: ...", or one upper-case cell spanning the
 * table. A row numbered like a Roman numeral but filled across the columns is a task whose "1" OCR read
 * as "I" (returned as null here).
 */
export function readGroup(row: TableRow, codeCell: TableCell | undefined, arabicGroups = false): GroupHeading | null {
  const filled = row.cells.filter((c) => c.text.trim());
  if (!filled.length) return null;
  const codeText = codeCell ? cleanCellText(codeCell.text) : '';
  const rest = filled.filter((c) => c !== codeCell);
  const restText = cleanCellText(rest.map((c) => c.text).join(' '));
  const spansTable = rest.length === 1 && rest[0].span >= 2;
  const headingLike = spansTable || (rest.length <= 2 && upperShare(restText) > 0.7);
  const strictRoman = codeText && isRomanNumeral(normalizeCode(codeText));
  if (strictRoman && (headingLike || rest.length < 3 || upperShare(restText) > 0.7)) return { code: normalizeCode(codeText), title: restText };
  // Groups numbered 1, 2 with tasks 1.1, 1.2: an upper-case heading across the table.
  if (arabicGroups && codeText && spansTable && upperShare(restText) > 0.7 && /^\d{1,2}$/u.test(normalizeCode(codeText))) {
    return { code: normalizeCode(codeText), title: restText };
  }
  const loose = codeText ? romanLike(codeText) : null;
  if (loose && headingLike && restText) return { code: loose, title: restText };
  // A heading cell across the table with an unreadable number ("H" for "II"): the caller numbers it.
  if (codeText && (spansTable || rest.length === 1) && restText.length >= 4 && upperShare(restText) > 0.7 && !isTaskCode(normalizeCode(codeText))) {
    return { code: '', title: restText, unread: codeText };
  }
  // The heading merged into one cell that also covers the STT column.
  if (codeCell && codeCell.span > 1) {
    const m = /^([IVXL]+)\s*[.:|\-–)]?\s+(.+)$/u.exec(codeText);
    if (m && isRomanNumeral(m[1])) return { code: m[1], title: cleanCellText(m[2]) };
  }
  if (!codeText && filled.length === 1 && filled[0].span >= 3 && upperShare(filled[0].text) > 0.7) {
    const m = /^([IVXL]+)\s*[.:|\-–)]?\s+(.+)$/u.exec(cleanCellText(filled[0].text));
    if (m && isRomanNumeral(m[1])) return { code: m[1], title: cleanCellText(m[2]) };
    return { code: '', title: cleanCellText(filled[0].text), unread: '' };
  }
  return null;
}

/**
 * Whether the table numbers its groups 1, 2, 3 rather than I, II, III: decided over all heading rows,
 * since OCR reads "I" as "1" and "II" as "11" (a table with any clear Roman heading is Roman).
 */
export function usesArabicGroups(rows: readonly { row: TableRow; codeCell: TableCell | undefined }[]): boolean {
  let roman = 0;
  let arabic = 0;
  for (const { row, codeCell } of rows) {
    if (!codeCell) continue;
    const rest = row.cells.filter((c) => c !== codeCell && c.text.trim());
    if (rest.length !== 1 || rest[0].span < 2 || upperShare(rest[0].text) <= 0.7) continue;
    const code = normalizeCode(codeCell.text);
    if (/^(?:I{2,3}|IV|VI{0,3}|IX|X)$/u.test(code)) roman++;
    else if (/^\d{1,2}$/u.test(code)) arabic++;
  }
  return arabic >= 2 && roman === 0;
}
