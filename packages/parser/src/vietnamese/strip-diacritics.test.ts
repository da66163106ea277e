import { describe, it, expect } from 'vitest';
import { stripDiacritics, foldForSearch } from './strip-diacritics.js';

describe('stripDiacritics', () => {
  it('removes every Vietnamese mark and keeps case and punctuation', () => {
    const s = 'Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học.';
    expect(stripDiacritics(s)).toBe('Nghi quyet so 57-NQ/TW, ngay 22/12/2024 cua Bo Chinh tri ve dot pha phat trien khoa hoc.');
    expect(stripDiacritics('ĐƠN VỊ CHỦ TRÌ')).toBe('DON VI CHU TRI');
    expect(stripDiacritics('Đơn vị phối hợp')).toBe('Don vi phoi hop');
  });

  it('is length-preserving on NFC input and strips decomposed input too', () => {
    const s = 'Ứng dụng các nền tảng dùng chung — “Kho dữ liệu” ½ 한국';
    expect(stripDiacritics(s)).toHaveLength(s.length);
    expect(stripDiacritics(s)).toBe('Ung dung cac nen tang dung chung — “Kho du lieu” ½ 한국');
    expect(stripDiacritics('Vie\u0323\u0302t Nam')).toBe('Viet Nam');
  });

  it('covers all 134 non-ASCII Vietnamese letters', () => {
    const lower = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
    expect([...lower]).toHaveLength(67);
    expect(stripDiacritics(lower)).toBe('aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd');
    expect(stripDiacritics(lower.toUpperCase())).toBe('aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd'.toUpperCase());
  });
});

describe('foldForSearch', () => {
  it('makes header text comparable accent- and case-insensitively', () => {
    expect(foldForSearch('  Đơn vị   chủ trì\n')).toBe('don vi chu tri');
    expect(foldForSearch('NỘI DUNG CHÍNH')).toBe(foldForSearch('Nội dung chính'));
    expect(foldForSearch('Giai đoạn')).toBe('giai doan');
  });
});
