import { describe, expect, it } from 'vitest';
import { respaceOcrWord, splitGluedSyllables } from './split-joined-syllables.js';

describe('respaceOcrWord', () => {
  it.each([
    ['Trungtâm', 'Trung tâm'],
    ['Xâydựng,nângcấp', 'Xây dựng, nâng cấp'],
    ['Tổchứccáclớpđào', 'Tổ chức các lớp đào'],
    ['Triểnkhaitrợlýảo,', 'Triển khai trợ lý ảo,'],
    ['TổỔchứccác', 'Tổ chức các'],
    ['vàỨứngdụng', 'và ứng dụng'],
    ['hợỢp', 'hợp'],
    ['HẠTẦNG', 'HẠ TẦNG'],
    ['sốcỘng', 'số cỘng'],
    ['SỞY', 'SỞ Y'],
  ])('%s -> %s', (word, expected) => {
    expect(respaceOcrWord(word)).toBe(expected);
  });

  it('leaves real words, foreign names, acronyms and numbers alone', () => {
    for (const w of ['Nghiêng', 'Viettel', 'chatbot', 'CNTT', 'KH&CN', '2025-2030', '1,5', 'Quảng']) expect(respaceOcrWord(w)).toBe(w);
    expect(splitGluedSyllables('vàứngdụngAlvào')).toBeNull();
  });
});

describe('OCR cell clean-up', () => {
  it('lowers a marked syllable shouted in a lower-case cell, keeps acronyms and headings', async () => {
    const { fixShoutedSyllables, dropInnerStops, fixInnerCapital } = await import('./ocr-cell-repair.js');
    expect(fixShoutedSyllables('Triển khai BỘ giải pháp, TƯ vấn CNTT của UBND và KH&CN')).toBe('Triển khai Bộ giải pháp, Tư vấn CNTT của UBND và KH&CN');
    expect(fixShoutedSyllables('PHÁT TRIỂN HẠ TẦNG SỐ')).toBe('PHÁT TRIỂN HẠ TẦNG SỐ');
    expect(dropInnerStops('Trung tâm Điều. hành tỉnh. Sở Y tế')).toBe('Trung tâm Điều hành tỉnh. Sở Y tế');
    expect(dropInnerStops('Sở Khoa học và. Công nghệ; Cục. Thống kê')).toBe('Sở Khoa học và Công nghệ; Cục Thống kê');
    expect(fixInnerCapital('thuỘc')).toBe('thuộc');
    expect(fixInnerCapital('eKYC')).toBe('eKYC');
  });
});
