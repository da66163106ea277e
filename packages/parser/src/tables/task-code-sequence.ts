import { levenshtein } from './cell-text.js';

/** Task numbers in sequence ("1.2" -> "1.3"): what may follow, and OCR's dropped or doubled characters. */

/** The numbers that can follow `previous`: the next at each level and the first child. */
export function nextCodes(previous: string): string[] {
  const parts = previous.split('.').map(Number);
  const out = [[...parts, 1].join('.')];
  for (let level = parts.length - 1; level >= 0; level--) out.push([...parts.slice(0, level), parts[level] + 1].join('.'));
  return out;
}

/**
 * OCR drops or adds a character in a number ("13" for "1.3", "2.21" for "2.2"): when the number read
 * cannot follow the previous one but one of the numbers that can is a single insertion or deletion
 * away, that one is meant; a number cut to its head ("1" after "1.3") is the next sibling. Substitutions
 * are left alone: a document may skip a number.
 */
export function repairCode(code: string, previous: string | undefined): string | null {
  if (!previous || !/^\d[\d.]*$/u.test(code) || !/^\d[\d.]*$/u.test(previous) || isPlausibleNext(code, previous)) return null;
  // The next sibling is the likeliest, then the first child, then the next at a higher level.
  const [child, sibling, ...higher] = nextCodes(previous);
  const near = [sibling, child, ...higher].find((c) => c !== undefined && Math.abs(c.length - code.length) === 1 && levenshtein(c, code) === 1);
  if (near) return near;
  // "1" for "1.4": the tail of the number lost; only the next sibling, whose head it is.
  return sibling !== undefined && sibling.startsWith(`${code}.`) ? sibling : null;
}

/** Numbers that may follow `previous`: the next at any level, or the first child ("1.2" -> 1.3, 2, 1.2.1, 2.1). */
export function isPlausibleNext(code: string, previous: string | undefined): boolean {
  if (!previous || !/^\d/u.test(code) || !/^\d/u.test(previous)) return true;
  const prev = previous.split('.').map(Number);
  const cur = code.split('.').map(Number);
  if (cur.length === prev.length + 1 && cur.slice(0, -1).join('.') === prev.join('.') && cur[cur.length - 1] <= 1) return true;
  for (let level = 0; level < prev.length; level++) {
    const head = prev.slice(0, level);
    if (cur.slice(0, level).join('.') !== head.join('.')) continue;
    if (cur[level] === prev[level] + 1 && cur.slice(level + 1).every((n) => n <= 1)) return true;
  }
  return false;
}
