import { describe, it, expect } from 'vitest';
import { parseSyllable, isValidSyllable, composeSyllable } from './syllable-grammar.js';

const SEED_SENTENCE =
  'Triển khai thực hiện có hiệu quả các nhiệm vụ đề ra tại Kế hoạch hành động của Ban Thường vụ Tỉnh ủy ' +
  'thực hiện Nghị quyết về đột phá phát triển khoa học công nghệ đổi mới sáng tạo và chuyển đổi số quốc gia ' +
  'trên địa bàn tỉnh Quảng Trị Xây dựng hoàn thiện hạ tầng kỹ thuật số tại Trung tâm tích hợp dữ liệu ' +
  'Tổ chức các khoá đào tạo tập huấn về kỹ năng số cho cán bộ công chức viên chức và người dân ' +
  'Thỏa thuận hợp tác xác thực điện tử trợ lý ảo giải pháp trải nghiệm thông minh khuya khuỷu thuở gìn giữ giếng';

describe('parseSyllable', () => {
  it('accepts every syllable of real plan text', () => {
    for (const w of SEED_SENTENCE.split(' ')) expect(isValidSyllable(w), w).toBe(true);
  });

  it('splits syllables into onset, medial, nucleus, coda and tone', () => {
    expect(parseSyllable('Người')).toEqual({ onset: 'ng', medial: '', nucleus: 'ươ', coda: 'i', tone: 'huyen' });
    expect(parseSyllable('hoạch')).toEqual({ onset: 'h', medial: 'o', nucleus: 'a', coda: 'ch', tone: 'nang' });
    expect(parseSyllable('QUYẾT')).toEqual({ onset: 'qu', medial: '', nucleus: 'yê', coda: 't', tone: 'sac' });
    expect(parseSyllable('chuyển')).toEqual({ onset: 'ch', medial: 'u', nucleus: 'yê', coda: 'n', tone: 'hoi' });
    expect(parseSyllable('giữa')).toEqual({ onset: 'gi', medial: '', nucleus: 'ưa', coda: '', tone: 'nga' });
    expect(parseSyllable('gìn')).toEqual({ onset: 'g', medial: '', nucleus: 'i', coda: 'n', tone: 'huyen' });
    expect(parseSyllable('nghĩa')).toEqual({ onset: 'ngh', medial: '', nucleus: 'ia', coda: '', tone: 'nga' });
    expect(parseSyllable('an')).toEqual({ onset: '', medial: '', nucleus: 'a', coda: 'n', tone: 'ngang' });
  });

  it('accepts both tone placements and rejects others', () => {
    for (const w of ['hóa', 'hoá', 'thủy', 'thuỷ', 'ủy', 'uỷ', 'khỏe', 'khoẻ', 'HÒA', 'HOÀ']) expect(isValidSyllable(w), w).toBe(true);
    for (const w of ['tóan', 'qúy', 'gía', 'ngừoi', 'thuẻy']) expect(isValidSyllable(w), w).toBe(false);
  });

  it('rejects foreign words, wrong spellings and stop codas with the wrong tone', () => {
    for (const w of ['Firewall', 'data', 'Viettel', 'WAN', 'chatbot', 'Kiosk', 'SOC', 'IoT']) expect(isValidSyllable(w), w).toBe(false);
    for (const w of ['ce', 'ki', 'ka', 'ghe', 'gha', 'nge', 'ngi', 'ghi', 'nghe', 'ke', 'ca', 'quo', 'qu', 'iên'])
      expect(isValidSyllable(w), w).toBe(['ki', 'ghe', 'ghi', 'nghe', 'ke', 'ca'].includes(w));
    for (const w of ['thuc', 'hoc', 'cac', 'viêt', 'càp', 'tỉch', 'mãt']) expect(isValidSyllable(w), w).toBe(false);
    for (const w of ['thúc', 'học', 'các', 'việt', 'cáp', 'tích', 'mặt', 'an', 'ninh', 'toan', 'y', 'ý']) expect(isValidSyllable(w), w).toBe(true);
    expect(isValidSyllable('')).toBe(false);
    expect(isValidSyllable('s6')).toBe(false);
  });
});

describe('composeSyllable', () => {
  it('inverts parseSyllable with new-style placement', () => {
    for (const w of SEED_SENTENCE.toLowerCase().split(' ')) {
      const parts = parseSyllable(w);
      expect(parts, w).not.toBeNull();
      const back = composeSyllable(parts!);
      expect(parseSyllable(back)).toEqual(parts);
    }
    expect(composeSyllable(parseSyllable('khoá')!)).toBe('khóa');
    expect(composeSyllable(parseSyllable('Thuỷ')!)).toBe('thủy');
  });
});

describe('listValidSyllables', async () => {
  const { listValidSyllables } = await import('./syllable-inventory.js');
  it('enumerates the syllables the grammar accepts, new-style placement', () => {
    const all = listValidSyllables();
    expect(all.length).toBeGreaterThan(10_000);
    for (const w of ['các', 'người', 'quốc', 'giếng', 'khuỷu', 'hóa', 'thủy', 'đắk']) expect(all).toContain(w);
    for (const w of ['hoá', 'thuỷ', 'cac', 'ce', 'ngi']) expect(all).not.toContain(w);
    expect(all.every((w) => isValidSyllable(w))).toBe(true);
  });
});
