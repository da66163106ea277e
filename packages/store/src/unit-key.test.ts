import { describe, expect, it } from 'vitest';
import { foldText } from './fold-text.js';
import { DEFAULT_UNIT_ALIASES } from './unit-aliases.js';
import { createUnitKey } from './unit-key.js';

describe('foldText', () => {
  it('drops accents (đ too), case and punctuation', () => {
    expect(foldText('  An ninh MẠNG, (SOC)!  ')).toBe('an ninh mang soc');
    expect(foldText('Đào tạo – đổi mới')).toBe('dao tao doi moi');
    expect(foldText('Uỷ ban')).toBe(foldText('Ủy ban'));
    // Decomposed input (NFD) folds like precomposed.
    expect(foldText('Nghệ'.normalize('NFD'))).toBe('nghe');
  });
});

describe('unit keys', () => {
  const key = createUnitKey(DEFAULT_UNIT_ALIASES);

  it('gives every spelling of a unit one key', () => {
    const kh = 'so khoa hoc va cong nghe';
    for (const name of ['Sở KH&CN', 'Sở Khoa học và Công nghệ', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Sở KH & CN', 'sở khcn', 'Sở KH và CN']) {
      expect(key(name), name).toBe(kh);
    }
    expect(key('Sở VH-TT&DL')).toBe(key('Sở Văn hóa, Thể thao và Du lịch'));
    expect(key('Sở NN&PTNT')).toBe('so nong nghiep va phat trien nong thon');
    expect(key('Sở TN&MT')).toBe(key('Sở Tài nguyên và Môi trường'));
    expect(key('Sở TT&TT')).toBe(key('Sở Thông tin và Truyền thông'));
    expect(key('Sở GD&ĐT')).toBe(key('Sở Giáo dục và Đào tạo'));
    expect(key('HĐND tỉnh')).toBe('hoi dong nhan dan tinh');
    expect(key('VP UBND tỉnh')).toBe('van phong uy ban nhan dan tinh');
    expect(key('CA tỉnh')).toBe('cong an tinh');
  });

  it('expands short abbreviations only when printed in capitals', () => {
    expect(key('Tổ ca trực')).toBe('to ca truc');
    expect(key('vp')).toBe('vp');
    // Inside a longer word an abbreviation is left alone.
    expect(key('UBNDX')).toBe('ubndx');
  });
});
