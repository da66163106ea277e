import { describe, it, expect } from 'vitest';
import { TONES, toneOf, removeTone, isVowelChar, applyToneChar, splitToneChar } from './tones.js';
import { withTone } from './with-tone.js';
import { toNfc } from './to-nfc.js';

describe('tones', () => {
  it('covers all 144 vowel characters (12 bases x 6 tones x 2 cases)', () => {
    let n = 0;
    for (const base of 'aăâeêioôơuưyAĂÂEÊIOÔƠUƯY') {
      for (const tone of TONES) {
        const ch = applyToneChar(base, tone);
        expect(ch).toHaveLength(1);
        expect(splitToneChar(ch)).toEqual({ base, tone });
        if (isVowelChar(ch)) n++;
      }
    }
    expect(n).toBe(144);
  });

  it('reads the tone of a syllable', () => {
    expect(toneOf('Việt')).toBe('nang');
    expect(toneOf('hóa')).toBe('sac');
    expect(toneOf('HUYỀN')).toBe('huyen');
    expect(toneOf('tỉnh')).toBe('hoi');
    expect(toneOf('Nguyễn')).toBe('nga');
    expect(toneOf('dân')).toBe('ngang');
    expect(toneOf(toNfc('Vie\u0323\u0302t'))).toBe('nang');
  });

  it('removes tones but keeps vowel marks and đ', () => {
    expect(removeTone('Đổi mới sáng tạo và chuyển đổi số')).toBe('Đôi mơi sang tao va chuyên đôi sô');
    expect(removeTone('TRƯỜNG')).toBe('TRƯƠNG');
  });

  it('sets a tone in the new-style position whatever the case', () => {
    expect(withTone('hoa', 'sac')).toBe('hóa');
    expect(withTone('thuỷ', 'nga')).toBe('thũy');
    expect(withTone('quy', 'sac')).toBe('quý');
    expect(withTone('gia', 'huyen')).toBe('già');
    expect(withTone('NGUOI', 'huyen')).toBe('NGUÒI');
    expect(withTone('NGƯƠI', 'huyen')).toBe('NGƯỜI');
    expect(withTone('Viêt', 'nang')).toBe('Việt');
    expect(withTone('toan', 'sac')).toBe('toán');
    expect(withTone('khuyu', 'hoi')).toBe('khuỷu');
    expect(withTone('ngoai', 'huyen')).toBe('ngoài');
    expect(withTone('hóa', 'ngang')).toBe('hoa');
  });
});
