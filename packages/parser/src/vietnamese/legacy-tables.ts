import { TONES, applyToneChar, VOWEL_BASES } from './tones.js';

/**
 * Legacy Vietnamese encodings as they reach us: files decoded with the Windows-1252 / Latin-1 mapping,
 * so every legacy byte shows up as the Latin-1 character with the same code. Tables are laid out
 * per vowel base in tone order ngang, huyền, sắc, hỏi, ngã, nặng (see TONES).
 */
export type LegacyEncoding = 'tcvn3' | 'vni' | 'viqr';

/** TCVN3 (TCVN 5712:1993 VN3, the "ABC" .VnTime fonts): one byte per lowercase toned vowel. */
const TCVN3_ROWS: Record<string, string> = {
  a: 'aµ¸¶·¹',
  ă: '¨»¾¼½Æ',
  â: '©ÇÊÈÉË',
  e: 'eÌÐÎÏÑ',
  ê: 'ªÒÕÓÔÖ',
  i: 'i×ÝØÜÞ',
  o: 'oßãáâä',
  ô: '«åèæçé',
  ơ: '¬êíëìî',
  u: 'uïóñòô',
  ư: '\u00adõøö÷ù',
  y: 'yúýûüþ',
};
/** TCVN3 has capitals only for the letters without a tone; toned capitals need the .VnTimeH fonts. */
const TCVN3_CAPITALS: Record<string, string> = { Ă: '¡', Â: '¢', Ê: '£', Ô: '¤', Ơ: '¥', Ư: '¦', Đ: '§', đ: '®' };

/** Unicode char -> TCVN3 text. Toned capitals become capital base + lowercase glyph ("Á" -> "A¸", "Ấ" -> "¢Ê"), the convention converters use. */
export const TCVN3_ENCODE = new Map<string, string>();
/** TCVN3 glyph (or two-char capital form) -> Unicode char. */
export const TCVN3_DECODE = new Map<string, string>();

for (const [base, row] of Object.entries(TCVN3_ROWS)) {
  const glyphs = [...row];
  TONES.forEach((tone, k) => {
    const lower = applyToneChar(base, tone);
    const upper = lower.toUpperCase();
    const glyph = glyphs[k];
    if (glyph !== base) {
      TCVN3_ENCODE.set(lower, glyph);
      TCVN3_DECODE.set(glyph, lower);
    }
    if (tone !== 'ngang') {
      const upperBase = base.toUpperCase();
      const capitalPrefix = TCVN3_CAPITALS[upperBase] ?? upperBase;
      TCVN3_ENCODE.set(upper, capitalPrefix + glyph);
      TCVN3_DECODE.set(capitalPrefix + glyph, upper);
    }
  });
}
for (const [ch, glyph] of Object.entries(TCVN3_CAPITALS)) {
  TCVN3_ENCODE.set(ch, glyph);
  TCVN3_DECODE.set(glyph, ch);
}

/** VNI-Windows: base letter followed by a mark byte; a few letters are single bytes. */
const VNI_TONE_SUFFIX = ['', 'ø', 'ù', 'û', 'õ', 'ï'];
const VNI_CIRCUMFLEX_SUFFIX = ['â', 'à', 'á', 'å', 'ã', 'ä'];
const VNI_BREVE_SUFFIX = ['ê', 'è', 'é', 'ú', 'ü', 'ë'];
const VNI_I = ['i', 'ì', 'í', 'æ', 'ó', 'ò'];

function vniLower(base: string, k: number): string {
  switch (base) {
    case 'ă':
      return 'a' + VNI_BREVE_SUFFIX[k];
    case 'â':
      return 'a' + VNI_CIRCUMFLEX_SUFFIX[k];
    case 'ê':
      return 'e' + VNI_CIRCUMFLEX_SUFFIX[k];
    case 'ô':
      return 'o' + VNI_CIRCUMFLEX_SUFFIX[k];
    case 'ơ':
      return 'ô' + VNI_TONE_SUFFIX[k];
    case 'ư':
      return 'ö' + VNI_TONE_SUFFIX[k];
    case 'i':
      return VNI_I[k];
    case 'y':
      return k === 5 ? 'î' : 'y' + VNI_TONE_SUFFIX[k];
    default:
      return base + VNI_TONE_SUFFIX[k];
  }
}

export const VNI_ENCODE = new Map<string, string>();
export const VNI_DECODE = new Map<string, string>();

for (const base of VOWEL_BASES) {
  TONES.forEach((tone, k) => {
    const lower = applyToneChar(base, tone);
    const seq = vniLower(base, k);
    if (seq === lower) return;
    VNI_ENCODE.set(lower, seq);
    VNI_ENCODE.set(lower.toUpperCase(), seq.toUpperCase());
    // The letter's case decides; typists mix the case of the mark byte, so accept all four spellings.
    const [b, m] = [...seq];
    VNI_DECODE.set(seq, lower);
    if (m !== undefined) {
      VNI_DECODE.set(b + m.toUpperCase(), lower);
      VNI_DECODE.set(b.toUpperCase() + m, lower.toUpperCase());
    }
    VNI_DECODE.set(seq.toUpperCase(), lower.toUpperCase());
  });
}
VNI_ENCODE.set('đ', 'ñ').set('Đ', 'Ñ');
VNI_DECODE.set('ñ', 'đ').set('Ñ', 'Đ');

/** VIQR (RFC 1456): ASCII marks after the vowel; shape mark first, then tone. */
export const VIQR_TONE_MARKS: Readonly<Record<string, (typeof TONES)[number]>> = {
  "'": 'sac',
  '´': 'sac',
  '`': 'huyen',
  '?': 'hoi',
  '~': 'nga',
  '.': 'nang',
};
export const VIQR_TONE_OF: Readonly<Record<string, string>> = { huyen: '`', sac: "'", hoi: '?', nga: '~', nang: '.' };
/** shape mark -> bases it applies to -> resulting letter. */
export const VIQR_SHAPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '^': { a: 'â', e: 'ê', o: 'ô' },
  '(': { a: 'ă' },
  '+': { o: 'ơ', u: 'ư' },
  '*': { o: 'ơ', u: 'ư' },
};
