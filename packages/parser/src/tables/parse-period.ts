import type { Period } from '@sohoa/core';
import { cleanCellText, foldWords } from './cell-text.js';

/** Words that mark a task as ongoing rather than bounded by years. */
const RECURRING = /\b(?:thuong xuyen|hang nam|hang quy|hang thang|hang tuan|dinh ky|lien tuc|moi nam)\b/u;
/** "2025 trở đi", "từ năm 2025 và các năm tiếp theo": a start year with no end. */
const OPEN_ENDED = /\b(?:tro di|tiep theo|ve sau)\b/u;

const QUARTERS = new Set(['I', 'II', 'III', 'IV']);

/**
 * The printed period without what OCR adds to it: a stop or speck after it ("2026.", "Thường xuyên *.",
 * a lone letter after the year: "2026 ả"), a space lost on one side of a dash ("2026 -2027" -> "2026 -
 * 2027"; "2025-2030" stays as printed), a quarter's Roman numeral read with ones or ells ("Quý 1II/2026").
 */
function repairPeriodText(text: string): string {
  return text
    .replace(/[\s.,;:*'`"”“]+$/u, '')
    .replace(/((?:19|20)\d\d)\s+\p{L}$/u, '$1')
    .replace(/((?:19|20)\d\d)(?:\s([-–])(?=(?:19|20)\d\d)|([-–])\s(?=(?:19|20)\d\d))/gu, (_m, year: string, a?: string, b?: string) => `${year} ${a ?? b} `)
    .replace(/(Quý\s+)([IVl1|]+)(?=\s*\/)/gu, (m, head: string, numeral: string) => {
      const fixed = numeral.replace(/[l1|]/gu, 'I');
      return QUARTERS.has(fixed) ? head + fixed : m;
    });
}

/**
 * Parses the printed period of a task ("2025-2030", "2026 - 2027", "Thường xuyên", "Thường xuyên, hằng
 * năm", "Năm 2025", "Quý IV/2025") into years. Years are only taken from four-digit numbers that look
 * like years, so an OCR-mangled "50559030" stays as text with no years instead of a guessed range.
 */
export function parsePeriod(raw: string): Period {
  const text = repairPeriodText(cleanCellText(raw));
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
