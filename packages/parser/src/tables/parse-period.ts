import type { Period } from '@sohoa/core';
import { cleanCellText, foldWords } from './cell-text.js';

/** Words that mark a task as ongoing rather than bounded by years. */
const RECURRING = /\b(?:thuong xuyen|hang nam|hang quy|hang thang|hang tuan|dinh ky|lien tuc|moi nam)\b/u;
/** "2025 trở đi", "từ năm 2025 và các năm tiếp theo": a start year with no end. */
const OPEN_ENDED = /\b(?:tro di|tiep theo|ve sau)\b/u;

/**
 * Parses the printed period of a task ("2025-2030", "2026 - 2027", "Thường xuyên", "Thường xuyên, hằng
 * năm", "Năm 2025", "Quý IV/2025") into years. Years are only taken from four-digit numbers that look
 * like years, so an OCR-mangled "50559030" stays as text with no years instead of a guessed range.
 */
export function parsePeriod(raw: string): Period {
  // A stop or speck after the period ("2026.", "Thường xuyên *.") is never part of it.
  const text = cleanCellText(raw).replace(/[\s.,;:*'`"]+$/u, '');
  const folded = foldWords(text);
  const recurring = RECURRING.test(folded);
  const years = [...text.matchAll(/(?<!\d)((?:19|20)\d\d)(?!\d)/gu)].map((m) => Number(m[1]));
  let from: number | null = null;
  let to: number | null = null;
  if (years.length === 1) {
    from = years[0];
    to = OPEN_ENDED.test(folded) ? null : years[0];
  } else if (years.length >= 2) {
    from = Math.min(...years);
    to = Math.max(...years);
  }
  return { text, from, to, recurring };
}
