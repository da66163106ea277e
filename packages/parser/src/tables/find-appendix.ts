import { foldWords } from './cell-text.js';

/**
 * Line index (in `lines`) of the appendix heading ("Phụ lục", "PHỤ LỤC I", "Phụ lục kèm theo ..."), or
 * -1. A mention inside a sentence ("giao tại Phụ lục.") does not count: the heading starts its line
 * and is short.
 */
export function findAppendixLine(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const f = foldWords(lines[i]);
    if (!/^phu luc\b/u.test(f)) continue;
    const words = f.split(' ').length;
    if (words <= 4 || /^phu luc (?:[ivx\d]+ )?(?:danh muc|kem theo|cac nhiem vu)/u.test(f)) return i;
  }
  return -1;
}
