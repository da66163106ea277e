import { describe, it, expect } from 'vitest';
import { normalizeTonePlacement } from './tone-placement.js';

describe('normalizeTonePlacement', () => {
  it('rewrites old-style marks to the new style word by word', () => {
    expect(normalizeTonePlacement('Tổ chức các khoá đào tạo, Tỉnh uỷ, thuỷ lợi, sức khoẻ, Thoả thuận, hoà bình'))
      .toBe('Tổ chức các khóa đào tạo, Tỉnh ủy, thủy lợi, sức khỏe, Thỏa thuận, hòa bình');
  });

  it('goes the other way with style old', () => {
    expect(normalizeTonePlacement('cụ thể hóa, Ủy ban, thủy sản, khỏe mạnh', 'old')).toBe('cụ thể hoá, Uỷ ban, thuỷ sản, khoẻ mạnh');
  });

  it('keeps qu/gi onsets, closed syllables, case and foreign words right', () => {
    const s = 'Quý, giá, quả, giữa, toán, hoạch, HOÁ, THUỶ, UỶ BAN, Viettel, Firewall, café';
    expect(normalizeTonePlacement(s)).toBe('Quý, giá, quả, giữa, toán, hoạch, HÓA, THỦY, ỦY BAN, Viettel, Firewall, café');
    expect(normalizeTonePlacement(s, 'old')).toBe('Quý, giá, quả, giữa, toán, hoạch, HOÁ, THUỶ, UỶ BAN, Viettel, Firewall, café');
  });

  it('repairs marks on an impossible vowel and composes decomposed input', () => {
    expect(normalizeTonePlacement('qúy tóan hòan ngừoi')).toBe('quý toán hoàn ngừoi'); // "ưo" is a misspelling, not a placement slip
    expect(normalizeTonePlacement('kho\u0301a')).toBe('khóa');
  });
});
