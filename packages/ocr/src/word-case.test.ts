import { describe, expect, it } from 'vitest';
import { fixInWordCapitals } from './word-case.js';

describe('fixInWordCapitals', () => {
  it('lowercases marked capital vowels the vie model puts inside words', () => {
    expect(fixInWordCapitals('mỞ')).toBe('mở');
    expect(fixInWordCapitals('rỘng')).toBe('rộng');
    expect(fixInWordCapitals('bỘ,')).toBe('bộ,');
    expect(fixInWordCapitals('ĐỒng')).toBe('Đồng');
    expect(fixInWordCapitals('đưỢc')).toBe('được');
    expect(fixInWordCapitals('(tỪ')).toBe('(từ');
    expect(fixInWordCapitals('nỘội')).toBe('nộội');
  });

  it('leaves acronyms, codes, all-caps and title-case words alone', () => {
    for (const w of ['UBND', 'SỞ', 'TỈNH', 'QĐ-TTg', '57-NQ/TW', 'Ứng', 'Ương', 'CHỦ', 'Đồng', 'HĐND', 'ĐỒNG', 'iPhone', 'TTg']) expect(fixInWordCapitals(w)).toBe(w);
  });
});
