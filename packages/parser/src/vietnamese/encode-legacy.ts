import { SohoaError } from '@sohoa/core';
import { TCVN3_ENCODE, VNI_ENCODE, VIQR_SHAPES, VIQR_TONE_OF, type LegacyEncoding } from './legacy-tables.js';
import { splitToneChar } from './tones.js';

const VIQR_SHAPE_OF = new Map<string, string>(); // ă -> a(, ơ -> o+ ...
for (const [mark, bases] of Object.entries(VIQR_SHAPES)) {
  if (mark === '*') continue;
  for (const [base, letter] of Object.entries(bases)) VIQR_SHAPE_OF.set(letter, base + mark);
}
const VIQR_MARK_CHARS = new Set([..."'´`?~.^(+*"]);

/**
 * Unicode -> legacy text (as Latin-1 characters). Used to test decoding on real sentences and to
 * produce fixtures; TCVN3 toned capitals use the two-character form ("Á" -> "A¸").
 */
export function encodeLegacy(text: string, encoding: LegacyEncoding): string {
  const nfc = text.normalize('NFC');
  switch (encoding) {
    case 'tcvn3':
      return [...nfc].map((ch) => TCVN3_ENCODE.get(ch) ?? ch).join('');
    case 'vni':
      return [...nfc].map((ch) => VNI_ENCODE.get(ch) ?? ch).join('');
    case 'viqr':
      return encodeViqr(nfc);
    default:
      throw new SohoaError('INVALID_INPUT', `unknown legacy encoding "${String(encoding)}" (expected tcvn3, vni or viqr)`, {
        stage: 'parser',
      });
  }
}

function encodeViqr(text: string): string {
  let out = '';
  let prevWasVowel = false;
  let prevWasD = false;
  for (const ch of text) {
    const { base, tone } = splitToneChar(ch);
    const lowerBase = base.toLowerCase();
    if ('aăâeêioôơuưy'.includes(lowerBase) && lowerBase.length === 1) {
      const shape = VIQR_SHAPE_OF.get(lowerBase);
      let enc = shape ? (base === lowerBase ? shape : shape[0].toUpperCase() + shape.slice(1)) : base;
      if (tone !== 'ngang') enc += VIQR_TONE_OF[tone];
      out += enc;
      prevWasVowel = true;
      prevWasD = false;
      continue;
    }
    if (ch === 'đ' || ch === 'Đ') {
      out += ch === 'đ' ? 'dd' : 'DD';
    } else if (ch === '\\' || (prevWasVowel && VIQR_MARK_CHARS.has(ch)) || (prevWasD && (ch === 'd' || ch === 'D'))) {
      out += '\\' + ch; // would otherwise be read as a mark or as đ
    } else {
      out += ch;
    }
    prevWasVowel = false;
    prevWasD = ch === 'd' || ch === 'D';
  }
  return out;
}
