import { describe, it, expect } from 'vitest';
import { decodeLegacy } from './decode-legacy.js';
import { encodeLegacy } from './encode-legacy.js';
import { detectLegacyEncoding } from './detect-legacy-encoding.js';

const LOWER = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const ALL_134 = [...LOWER, ...LOWER.toUpperCase()];

/** Real sentences from the seed plans (000 and the restored 002), with capitals, codes and punctuation. */
const SENTENCES = [
  'Triển khai thực hiện Kế hoạch số 1125/KH-UBND ngày 25/9/2025 của UBND tỉnh về triển khai Thỏa thuận hợp tác về Chuyển đổi số tỉnh Quảng Trị giai đoạn 2025-2030',
  'Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;',
  'Ứng dụng các nền tảng dùng chung và tài nguyên dữ liệu dùng chung của tỉnh, tạo lập kho dữ liệu dùng chung.',
  'ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ — CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM. Độc lập - Tự do - Hạnh phúc',
  'II. CÁC NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM',
  'Tổ chức các khoá đào tạo, tập huấn về kỹ năng số cho cán bộ, công chức, viên chức và người dân? Được.',
  'Đầu tư, nâng cấp hạ tầng CNTT đáp ứng mô hình 2 cấp; Sở KH&CN; Ừ, ạ, ở, ủy, ý, ỹ.',
];

describe('legacy encodings', () => {
  it.each(['tcvn3', 'vni', 'viqr'] as const)('%s covers all 134 Vietnamese letters', (encoding) => {
    for (const ch of ALL_134) {
      const encoded = encodeLegacy(ch, encoding);
      // Legacy text is Latin-1 (VIQR: ASCII); a few letters keep their own code (TCVN3 "ý", VNI "í").
      expect([...encoded].every((c) => c.codePointAt(0)! <= (encoding === 'viqr' ? 0x7f : 0xff)), `${ch} -> ${encoded}`).toBe(true);
      expect(decodeLegacy(encoded, encoding), `${ch} via ${encoded}`).toBe(ch);
    }
  });

  it.each(['tcvn3', 'vni', 'viqr'] as const)('%s round-trips real sentences', (encoding) => {
    for (const s of SENTENCES) expect(decodeLegacy(encodeLegacy(s, encoding), encoding)).toBe(s);
    const joined = SENTENCES.join('\n');
    expect(decodeLegacy(encodeLegacy(joined, encoding), encoding)).toBe(joined);
  });

  it('decodes TCVN3 as typed (single-byte glyphs, capitals from the .VnTimeH font)', () => {
    expect(decodeLegacy('C¸c nhiÖm vô träng t©m; ®¶m b¶o an toµn th«ng tin.', 'tcvn3')).toBe('Các nhiệm vụ trọng tâm; đảm bảo an toàn thông tin.');
    expect(decodeLegacy('II. C¸C NHIÖM Vô Vµ GI¶I PH¸P', 'tcvn3')).toBe('II. CÁC NHIỆM VỤ VÀ GIẢI PHÁP');
    expect(decodeLegacy('Bé KH&CN; Bé ChÝnh trÞ', 'tcvn3')).toBe('Bộ KH&CN; Bộ Chính trị');
    expect(decodeLegacy('Ng\u00adêi d©n, §¶ng', 'tcvn3')).toBe('Người dân, Đảng');
  });

  it('decodes VNI-Windows as typed, whatever the case of the mark byte', () => {
    expect(decodeLegacy('Xin chaøo caùc baïn, ngöôøi Vieät Nam ñaõ', 'vni')).toBe('Xin chào các bạn, người Việt Nam đã');
    expect(decodeLegacy('ÑAÛNG COÄNG SAÛN VIEÄT NAM, Ñaûng', 'vni')).toBe('ĐẢNG CỘNG SẢN VIỆT NAM, Đảng');
    expect(decodeLegacy('Tænh, hòa, ñoåi môùi, kyõ naêng, yù kieán, Ngheä An', 'vni')).toBe('Tỉnh, hịa, đổi mới, kỹ năng, ý kiến, Nghệ An');
  });

  it('decodes VIQR with escapes and keeps sentence punctuation after toned syllables', () => {
    expect(decodeLegacy("Xin cha`o ca'c ba.n. Ba.n kho^ng? DDa^y la` ti\\. Ngu+o+`i Vie^.t", 'viqr')).toBe(
      'Xin chào các bạn. Bạn không? Đây là ti. Người Việt',
    );
    expect(decodeLegacy('Quye^\'t ddi.nh so^\' 01-KH/BCDD', 'viqr')).toBe('Quyết định số 01-KH/BCĐ');
    expect(decodeLegacy('C:\\Users\\a', 'viqr')).toBe('C:\\Users\\a');
  });

  it('detects the encoding of real sentences and leaves Unicode and garbled OCR alone', () => {
    const text = SENTENCES.join('\n');
    expect(detectLegacyEncoding(text)).toBe('unicode');
    expect(detectLegacyEncoding(encodeLegacy(text, 'tcvn3'))).toBe('tcvn3');
    expect(detectLegacyEncoding(encodeLegacy(text, 'vni'))).toBe('vni');
    expect(detectLegacyEncoding(encodeLegacy(text, 'viqr'))).toBe('viqr');
    expect(detectLegacyEncoding(encodeLegacy(SENTENCES[0], 'tcvn3'))).toBe('tcvn3');
    const garbled = 'Cin cir Nghi quyét s6 57-NQ/TW ngay 22/12/2024 ctia B4 Chinh tri vé dot pha phat trién khoa hoc, cong nghé, doi méi sang tao va chuyén doi sd qudc gia, Ké hoach hanh dong s6 09-KH/TU';
    expect(detectLegacyEncoding(garbled)).toBe('unicode');
    expect(detectLegacyEncoding("Don't panic? The Firewall data is fine. It's (c) 2025.")).toBe('unicode');
    expect(detectLegacyEncoding('')).toBe('unicode');
  });

  it('rejects an unknown encoding name with a readable error', () => {
    expect(() => decodeLegacy('x', 'cp1258' as never)).toThrow(/unknown legacy encoding/);
  });
});
