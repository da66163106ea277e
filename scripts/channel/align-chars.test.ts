import { describe, expect, it } from 'vitest';
import { alignChars, baseLetter, toSegments } from './align-chars.js';

const segs = (t: string, o: string) => toSegments(alignChars(t, o)).map((s) => [s.truth, s.ocr]);

describe('alignChars + toSegments', () => {
  it('gives identity segments for identical lines', () => {
    expect(segs('của', 'của')).toEqual([['c', 'c'], ['ủ', 'ủ'], ['a', 'a']]);
  });

  it('turns a one-to-many misreading into one event ("ư" -> "ir")', () => {
    expect(segs('cứ', 'cir')).toEqual([['c', 'c'], ['ứ', 'ir']]);
    expect(segs('trưởng', 'trirởng')).toContainEqual(['ư', 'ir']);
  });

  it('counts "ủ" -> "ti" and digit look-alikes', () => {
    expect(segs('của', 'ctia')).toEqual([['c', 'c'], ['ủ', 'ti'], ['a', 'a']]);
    expect(segs('số lớp', 's6 16p')).toEqual([['s', 's'], ['ố', '6'], [' ', ' '], ['l', '1'], ['ớ', '6'], ['p', 'p']]);
  });

  it('pairs accented letters with their base letter, not a neighbour', () => {
    expect(segs('là', 'la')).toEqual([['l', 'l'], ['à', 'a']]);
    expect(segs('được', 'duoc')).toEqual([['đ', 'd'], ['ư', 'u'], ['ợ', 'o'], ['c', 'c']]);
  });

  it('keeps deletions as empty OCR segments and covers every truth character once', () => {
    const s = segs('Tổ chức', 'T chtrc');
    expect(s.map(([t]) => t).join('')).toBe('Tổ chức');
    expect(s.map(([, o]) => o).join('')).toBe('T chtrc');
    expect(s).toContainEqual(['ổ', '']);
  });

  it('drops specks read before or after the line', () => {
    expect(segs('về', ': vé -')).toEqual([['v', 'v'], ['ề', 'é']]);
    expect(segs('tư', 'tir')).toEqual([['t', 't'], ['ư', 'ir']]);
  });

  it('strips tone and vowel marks for the base letter', () => {
    expect(baseLetter('ệ')).toBe('e');
    expect(baseLetter('Đ')).toBe('D');
    expect(baseLetter('ữ')).toBe('u');
  });
});
