/**
 * Text helpers shared by the table parsers. Folding is local to this folder on purpose: header and
 * keyword matching must not change when the Vietnamese module's tone-placement rules evolve.
 */

/** NFC, inline markup dropped, every run of whitespace -> one space, trimmed. */
export function cleanCellText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/<\/?(?:i|b|u|em|strong|sup|sub|span|br)\b[^>]*>/giu, ' ')
    .replace(/\*\*/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Joins the lines of a wrapped cell with single spaces. */
export function joinCellLines(lines: readonly string[]): string {
  return cleanCellText(lines.join(' '));
}

/** Lower case, diacritics removed (đ -> d), punctuation kept, whitespace collapsed: for matching only. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Folded and reduced to letters and digits separated by single spaces. */
export function foldWords(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/gu, ' ')
    .trim();
}

/** Levenshtein distance over code units (inputs are folded ASCII here). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min(prev[j - 1] + cost, prev[j] + 1, curr[j - 1] + 1);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length];
}

/** 1 - normalised edit distance. */
export function stringSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - levenshtein(a, b) / longer;
}

/**
 * Best similarity of `needle` to any window of `hay` of about the needle's length (word-aligned), so a
 * header label matches inside a longer cell ("Vai trò hợp tác của Viettel" contains "vai tro hop tac").
 */
export function fuzzyContains(hay: string, needle: string): number {
  if (!needle) return 0;
  if (hay.includes(needle)) return 1;
  const words = hay.split(' ');
  const needleWords = needle.split(' ').length;
  let best = stringSimilarity(hay, needle);
  for (let size = Math.max(1, needleWords - 1); size <= needleWords + 1; size++) {
    for (let i = 0; i + size <= words.length; i++) {
      const s = stringSimilarity(words.slice(i, i + size).join(' '), needle);
      if (s > best) best = s;
    }
  }
  return best;
}

const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/u;

/** "I", "IV", "XII" (upper case only: a lower-case "i" is more often a list item). */
export function isRomanNumeral(s: string): boolean {
  return s.length > 0 && ROMAN.test(s);
}

/**
 * Task numbers as printed: "1", "1.", "1.1", "2.3.1", "a", "a)"; trailing dot/bracket dropped. OCR
 * look-alikes inside a number are mapped back ("1,2" / "1⁄2" -> "1.2", "l.3" -> "1.3", "2.O" -> "2.0") only when
 * the whole cell is then a number, so a real letter code stays.
 */
export function normalizeCode(raw: string): string {
  // Specks around a number read as punctuation (":1..", "'2."): only the number is kept.
  const code = cleanCellText(raw)
    .replace(/\s+/gu, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[^\p{L}\p{N}]+$/u, '');
  if (/^\d{1,3}(?:\.\d{1,3}){0,3}$/u.test(code) || !/\d/u.test(code)) return code;
  const fixed = code.replace(/[,;:⁄∕/·•‧'`](?=\d)/gu, '.').replace(/[lI|!]/gu, '1').replace(/[oO]/gu, '0');
  return /^\d{1,3}(?:\.\d{1,3}){0,3}$/u.test(fixed) ? fixed : code;
}

/** A group number as OCR may read it: "II", "Il", "11", "1V" -> "II", "II", "II", "IV"; null when not one. */
export function romanLike(raw: string): string | null {
  const code = cleanCellText(raw).replace(/[.:)]+$/u, '').trim();
  if (isRomanNumeral(code)) return code;
  if (!/^[IVXl1|]{1,4}$/u.test(code)) return null;
  const fixed = code.replace(/[l1|]/gu, 'I');
  return isRomanNumeral(fixed) ? fixed : null;
}

export function isTaskCode(code: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){0,3}$/u.test(code) || /^[a-zđ]$/u.test(code);
}

/** Value of a Roman numeral ("IV" -> 4); 0 when not one. */
export function romanValue(s: string): number {
  if (!isRomanNumeral(s)) return 0;
  const v: Record<string, number> = { I: 1, V: 5, X: 10 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const cur = v[s[i]];
    const next = v[s[i + 1]] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total;
}
