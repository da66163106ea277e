import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stripDiacritics } from '../vietnamese/index.js';
import { assessGarbling, loadRestorer, restoreDiacritics, type Restorer } from './index.js';

let restorer: Restorer;
beforeAll(async () => {
  restorer = await loadRestorer();
});

const full = (text: string): string => restorer.restore(text, { mode: 'full' }).text;

describe('restorer on seed 002 (eng OCR of a Vietnamese plan)', () => {
  it('restores the first citation of the plan', () => {
    expect(full('Cin cir Nghi quyét s6 57-NQ/TW ngay 22/12/2024 ctia B4 Chinh tri')).toBe(
      'Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị',
    );
  });

  it('restores whole lines and keeps their breaks', () => {
    const input = 'Cin cir Nghi quyét s6 57-NQ/TW ngay 22/12/2024 ctia B4 Chinh tri vé dot\npha phat trién khoa hoc, cong nghé, doi méi sang tao va chuyén doi sd qudc gia,';
    expect(full(input)).toBe(
      'Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột\nphá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia,',
    );
  });

  it('restores the case pattern of headings and names', () => {
    expect(full('II. CAC NHIEM VU VA GIAI PHAP TRONG TAM')).toBe('II. CÁC NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM');
    expect(full('tren dia ban tinh Quang Tri')).toBe('trên địa bàn tỉnh Quảng Trị');
    // a heading's caps run goes on over its number: NHOM was kept as an acronym before
    expect(full('NHOM 2: BAO DAM AN TOAN THONG TIN MANG')).toBe('NHÓM 2: BẢO ĐẢM AN TOÀN THÔNG TIN MẠNG');
  });

  it('leaves numbers, dates, document codes, acronyms and foreign names alone', () => {
    const out = full('Ke hoach so 1125/KH-UBND ngay 25/9/2025 cua UBND tinh ve CSDL, IOC, WAN va SOC cua Viettel (Firewall, NAC)');
    expect(out).toBe('Kế hoạch số 1125/KH-UBND ngày 25/9/2025 của UBND tỉnh về CSDL, IOC, WAN và SOC của Viettel (Firewall, NAC)');
  });

  it('keeps an all-caps acronym that happens to spell a syllable when it stands alone', () => {
    expect(full('trien khai he thong GOC cua tinh')).toBe('triển khai hệ thống GOC của tỉnh');
  });

  it('flags what it keeps without knowing it and explains its choices', () => {
    const result = restorer.restore('ctia B4 Chinh tri xqzv9', { mode: 'full', explain: true });
    const tokens = result.tokens!;
    expect(tokens.map((t) => t.output)).toEqual(['của', 'Bộ', 'Chính', 'trị', 'xqzv9']);
    expect(tokens[0].alternatives[0].text).toBe('của');
    expect(tokens[0].confidence).toBeGreaterThan(0.5);
    expect(tokens[4].flagged).toBe(true);
    expect(result.changes).toBe(4);
  });
});

describe('restorer on clean text', () => {
  const clean = readFileSync(new URL('../../../../fixtures/seed002-text/truth-body.txt', import.meta.url), 'utf8')
    .split('\n')
    .slice(11, 40)
    .join('\n');

  it('returns correct Vietnamese unchanged in post-correct mode', () => {
    const result = restorer.restore(clean, { mode: 'post-correct' });
    expect(result.text).toBe(clean);
    expect(result.changes).toBe(0);
  });

  it('changes (nearly) nothing in full mode either', () => {
    const result = restorer.restore(clean, { mode: 'full' });
    expect(result.changes).toBeLessThanOrEqual(1);
  });

  it('restores diacritics of stripped clean text almost exactly, punctuation and breaks kept', () => {
    const stripped = stripDiacritics(clean);
    const out = full(stripped);
    expect(stripDiacritics(out)).toBe(stripped);
    const words = clean.split(/\s+/);
    const got = out.split(/\s+/);
    const wrong = words.filter((w, i) => w !== got[i]).length;
    expect(wrong / words.length).toBeLessThan(0.02);
  });

  it('follows the Vietnamese alphabet in list markers (d then đ)', () => {
    expect(full('c) Bao cao;\nd) Ke hoach;\nd) Du toan.')).toBe('c) Báo cáo;\nd) Kế hoạch;\nđ) Dự toán.');
  });

  it('post-corrects a tone slip of a Vietnamese OCR model only where the model is sure', async () => {
    expect(await restoreDiacritics('Ủy ban nhân dân tính Quảng Trị', { mode: 'post-correct' })).toBe('Ủy ban nhân dân tỉnh Quảng Trị');
  });
});

describe('case noise of OCR', () => {
  it('repairs a capital too many or an uppercase vowel inside a word, but keeps acronyms and brands', () => {
    expect(restorer.restore('theo đề nghị của BỘ Chính trị và tỰ chủ', { mode: 'post-correct' }).text).toBe(
      'theo đề nghị của Bộ Chính trị và tự chủ',
    );
    expect(restorer.restore('Sở KH&CN, BCĐ tỉnh, NĐ-CP, WiFi, IoT và chữ ký CAdES', { mode: 'post-correct' }).text).toBe(
      'Sở KH&CN, BCĐ tỉnh, NĐ-CP, WiFi, IoT và chữ ký CAdES',
    );
  });

  it('restores eng look-alike capitals inside garbled words', () => {
    expect(full('Chiéu rOng dai bay')).toBe('Chiều rộng dải bay');
  });
});

describe('mode chosen by assessGarbling when left out', () => {
  it('restores stripped or garbled text and leaves clean text alone', async () => {
    expect(await restoreDiacritics('Quang Tri')).toBe('Quảng Trị');
    expect(await restoreDiacritics('ctia B4 Chinh tri')).toBe('của Bộ Chính trị');
    expect(await restoreDiacritics('Văn phòng UBND tỉnh ban hành Kế hoạch triển khai')).toBe('Văn phòng UBND tỉnh ban hành Kế hoạch triển khai');
  });
});

describe('assessGarbling', () => {
  it('tells garbled OCR from clean and from stripped text', () => {
    expect(assessGarbling('Cin cir Nghi quyét s6 57-NQ/TW ngay 22/12/2024 ctia B4 Chinh tri vé dot pha').garbled).toBe(true);
    const clean = assessGarbling('Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học');
    expect(clean.garbled).toBe(false);
    expect(clean.diacriticDensity).toBeGreaterThan(0.5);
    expect(assessGarbling(stripDiacritics('Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học công nghệ đổi mới sáng tạo')).garbled).toBe(true);
  });
});
