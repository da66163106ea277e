import { describe, expect, it } from 'vitest';
import { alignLines, lineSimilarity, skeleton } from './align-lines.js';

describe('alignLines', () => {
  it('skeletons survive the eng garbling', () => {
    expect(skeleton('Căn cứ Nghị quyết')).toBe('cancunghiquyet');
    expect(lineSimilarity('Căn cứ Nghị quyết số 57', 'Cin cir Nghi quyét s6 57')).toBeGreaterThan(0.7);
    expect(lineSimilarity('Căn cứ Nghị quyết số 57', 'hoàn toàn khác nhau ở đây')).toBeLessThan(0.4);
  });

  it('pairs lines monotonically and skips OCR noise lines and lost lines', () => {
    const truth = ['Căn cứ Nghị quyết số 57-NQ/TW', 'của Bộ Chính trị về đột phá', 'phát triển khoa học, công nghệ'];
    const ocr = ['Cin cir Nghi quyét s6 57-NQ/TW', '.. ~ \' ,', 'phat trién khoa hoc, cong nghé'];
    const pairs = alignLines(truth, ocr);
    expect(pairs.map((p) => [p.truthIndex, p.ocrIndex])).toEqual([
      [0, 0],
      [2, 2],
    ]);
  });
});
