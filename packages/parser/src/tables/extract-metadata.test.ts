import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_000, SEED_002 } from '../test-support/seeds.js';
import { extractMetadata } from './extract-metadata.js';

/** The header and signature of plan 1125/KH-UBND as a clean OCR reads them (two columns on one line). */
const CLEAN_1125 = [
  'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TỈNH QUẢNG TRỊ Độc lập - Tự do - Hạnh phúc',
  'Số: 1125/KH-UBND Quảng Trị, ngày 25 tháng 9 năm 2025',
  '',
  'KẾ HOẠCH',
  'Triển khai Thỏa thuận hợp tác về Chuyển đổi số tỉnh Quảng Trị',
  'giai đoạn 2025-2030',
  '',
  'Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;',
  '\f',
  'Trên đây là Kế hoạch của UBND tỉnh./.',
  'Nơi nhận: TM. ỦY BAN NHÂN DÂN',
  '- Như trên; KT. CHỦ TỊCH',
  '- Lưu: VT, KG-VX. PHÓ CHỦ TỊCH',
  '',
  'Hoàng Nam',
].join('\n');

describe('extractMetadata', () => {
  it('reads a clean header, title and signature', () => {
    const { metadata, warnings } = extractMetadata(CLEAN_1125);
    expect(metadata).toEqual({
      number: '1125/KH-UBND',
      issuer: 'UBND tỉnh Quảng Trị',
      date: '2025-09-25',
      place: 'Quảng Trị',
      title: 'Kế hoạch triển khai Thỏa thuận hợp tác về Chuyển đổi số tỉnh Quảng Trị giai đoạn 2025-2030',
      signer: 'Hoàng Nam',
    });
    expect(warnings).toEqual([]);
  });

  it('names a sub-unit under its parent ("VĂN PHÒNG" under "UBND TỈNH QUẢNG TRỊ")', () => {
    const text = 'UBND TỈNH QUẢNG TRỊ\nVĂN PHÒNG\nSố: 2349/KH-VP\n\nQuảng Trị, ngày 18 tháng 9 năm 2025\nKẾ HOẠCH\nVề việc thử\n';
    const { metadata } = extractMetadata(text);
    expect(metadata.issuer).toBe('Văn phòng UBND tỉnh Quảng Trị');
    expect(metadata.number).toBe('2349/KH-VP');
    expect(metadata.date).toBe('2025-09-18');
    expect(metadata.title).toBe('Kế hoạch về việc thử');
  });

  it('reads numbers with a year and a two-part code, and a date with specks between its parts', () => {
    const { metadata } = extractMetadata('HỘI ĐỒNG NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 45/2025/NQ-HĐND Đồng Tháp, ngày.08 tháng 10, năm 2025\nNGHỊ QUYẾT\nVề việc thử\n');
    expect(metadata.number).toBe('45/2025/NQ-HĐND');
    expect(metadata.date).toBe('2025-10-08');
    expect(metadata.place).toBe('Đồng Tháp');
  });

  it('rejects a date that is not on the calendar', () => {
    const { metadata, warnings } = extractMetadata('Số: 1/KH-UBND Huế, ngày 31 tháng 2 năm 2025\nKẾ HOẠCH\nThử\n');
    expect(metadata.date).toBeNull();
    expect(warnings.some((w) => w.includes('not a calendar date'))).toBe(true);
  });

  it.skipIf(!existsSync(SEED_000))('[needs ../shared/seeds] seed 000: blank number and date stay null, issuer from the text', () => {
    const { metadata, warnings } = extractMetadata(readFileSync(SEED_000, 'utf8'));
    expect(metadata.number).toBeNull();
    expect(metadata.date).toBeNull();
    expect(metadata.issuer).toBe('Văn phòng UBND tỉnh');
    expect(metadata.signer).toBe('Nguyễn Cửu');
    expect(metadata.title?.startsWith('Kế hoạch triển khai thực hiện Kế hoạch số 1125/KH-UBND')).toBe(true);
    expect(warnings.length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(SEED_002))('[needs ../shared/seeds] seed 002 (garbled): the number the appendix confirms, no guessed date or names', () => {
    const { metadata, warnings } = extractMetadata(readFileSync(SEED_002, 'utf8'));
    expect(metadata.number).toBe('1125/KH-UBND');
    expect(metadata.date).toBeNull();
    expect(metadata.issuer).toBeNull();
    expect(metadata.title).toBeNull();
    expect(metadata.signer).toBeNull();
    expect(warnings.some((w) => w.includes('date unreadable'))).toBe(true);
    expect(warnings.some((w) => w.includes('125/KH-UBND'))).toBe(true);
  });

  it('never completes digits: a lone garbled header number is kept as read, a blank one is null', () => {
    expect(extractMetadata('S6: 125 /KH-UBND Qudng Tri, ngayps thangg nam 2025\nKE HOACH\n').metadata.number).toBe('125/KH-UBND');
    expect(extractMetadata('Số:      /KH-UBND\nKẾ HOẠCH\n').metadata.number).toBeNull();
  });
});
