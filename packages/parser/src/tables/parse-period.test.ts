import { describe, expect, it } from 'vitest';
import { parsePeriod } from './parse-period.js';
import { splitUnits, unitLinesToText } from './split-units.js';

describe('parsePeriod', () => {
  it.each([
    ['2025-2030', { text: '2025-2030', from: 2025, to: 2030, recurring: false }],
    ['2026 - 2027', { text: '2026 - 2027', from: 2026, to: 2027, recurring: false }],
    ['2025–2030', { text: '2025–2030', from: 2025, to: 2030, recurring: false }],
    ['Thường xuyên', { text: 'Thường xuyên', from: null, to: null, recurring: true }],
    ['Thường xuyên, hằng năm', { text: 'Thường xuyên, hằng năm', from: null, to: null, recurring: true }],
    ['THƯỜNG XUYÊN', { text: 'THƯỜNG XUYÊN', from: null, to: null, recurring: true }],
    ['2025', { text: '2025', from: 2025, to: 2025, recurring: false }],
    ['Năm 2026', { text: 'Năm 2026', from: 2026, to: 2026, recurring: false }],
    ['Quý IV/2025', { text: 'Quý IV/2025', from: 2025, to: 2025, recurring: false }],
    ['Từ năm 2025 trở đi', { text: 'Từ năm 2025 trở đi', from: 2025, to: null, recurring: false }],
    ['Hằng năm, giai đoạn\n2025 - 2030', { text: 'Hằng năm, giai đoạn 2025 - 2030', from: 2025, to: 2030, recurring: true }],
    ['', { text: '', from: null, to: null, recurring: false }],
    ['2026.', { text: '2026', from: 2026, to: 2026, recurring: false }],
    ['Thường xuyên *.', { text: 'Thường xuyên', from: null, to: null, recurring: true }],
    // what OCR adds: a lone letter after the year, a space lost on one side of the dash, ones for Is
    ['2026 ả', { text: '2026', from: 2026, to: 2026, recurring: false }],
    ['2026 -2027', { text: '2026 - 2027', from: 2026, to: 2027, recurring: false }],
    ['2026– 2027”', { text: '2026 – 2027', from: 2026, to: 2027, recurring: false }],
    ['Quý 1II/2026', { text: 'Quý III/2026', from: 2026, to: 2026, recurring: false }],
    ['Quý l/2026', { text: 'Quý I/2026', from: 2026, to: 2026, recurring: false }],
    ['Quý 11111/2026', { text: 'Quý 11111/2026', from: 2026, to: 2026, recurring: false }],
  ])('%j', (raw, expected) => {
    expect(parsePeriod(raw)).toEqual(expected);
  });

  it('takes no years from OCR-mangled digits', () => {
    expect(parsePeriod('50559030')).toEqual({ text: '50559030', from: null, to: null, recurring: false });
  });
});

describe('splitUnits', () => {
  it('splits on semicolons and drops empty items and trailing punctuation', () => {
    expect(splitUnits('Trung tâm Phục vụ hành chính công tỉnh; Ban Tiếp công dân; Trung tâm XTĐT, Thương mại và Du lịch tỉnh')).toEqual([
      'Trung tâm Phục vụ hành chính công tỉnh',
      'Ban Tiếp công dân',
      'Trung tâm XTĐT, Thương mại và Du lịch tỉnh',
    ]);
    expect(splitUnits('Sở Tài chính;; Sở Nội vụ;')).toEqual(['Sở Tài chính', 'Sở Nội vụ']);
    expect(splitUnits('')).toEqual([]);
  });

  it('keeps commas and hyphens inside one unit', () => {
    expect(splitUnits('Các sở, ban, ngành, địa phương')).toEqual(['Các sở, ban, ngành, địa phương']);
    expect(splitUnits('Phòng Hành chính - Tổ chức')).toEqual(['Phòng Hành chính - Tổ chức']);
  });

  it('joins wrapped lines of one unit', () => {
    expect(splitUnits(unitLinesToText(['Văn phòng', 'UBND tỉnh; Sở', 'KH&CN, các sở,', 'ban, ngành, địa', 'phương']))).toEqual([
      'Văn phòng UBND tỉnh',
      'Sở KH&CN, các sở, ban, ngành, địa phương',
    ]);
    expect(splitUnits(unitLinesToText(['Sở Khoa học và', 'Công nghệ']))).toEqual(['Sở Khoa học và Công nghệ']);
  });

  it('splits one unit per line even when a long unit wraps', () => {
    expect(splitUnits(unitLinesToText(['Sở Khoa học và Công', 'nghệ', 'Các sở, ban, ngành', 'tỉnh']))).toEqual([
      'Sở Khoa học và Công nghệ',
      'Các sở, ban, ngành tỉnh',
    ]);
    expect(splitUnits(unitLinesToText(['Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Bảo hiểm xã hội tỉnh']))).toEqual([
      'Sở Y tế',
      'Sở Giáo dục và Đào tạo',
      'Bảo hiểm xã hội tỉnh',
    ]);
  });

  it('splits a cell that lists one unit per line', () => {
    expect(splitUnits(unitLinesToText(['Sở Tài chính', 'Sở Nội vụ', 'Công an tỉnh']))).toEqual(['Sở Tài chính', 'Sở Nội vụ', 'Công an tỉnh']);
    expect(splitUnits(unitLinesToText(['- Sở Tài chính', '- Văn phòng UBND', 'tỉnh', '- Công an tỉnh']))).toEqual([
      'Sở Tài chính',
      'Văn phòng UBND tỉnh',
      'Công an tỉnh',
    ]);
  });
});
