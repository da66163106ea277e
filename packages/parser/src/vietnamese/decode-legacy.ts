import { SohoaError } from '@sohoa/core';
import {
  TCVN3_DECODE,
  VNI_DECODE,
  VIQR_SHAPES,
  VIQR_TONE_MARKS,
  type LegacyEncoding,
} from './legacy-tables.js';
import { applyToneChar, splitToneChar, type Tone } from './tones.js';

function alternation(keys: Iterable<string>): RegExp {
  const sorted = [...keys].sort((a, b) => b.length - a.length);
  const escaped = sorted.map((k) => k.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
  return new RegExp(escaped.join('|'), 'gu');
}

const TCVN3_RE = alternation(TCVN3_DECODE.keys());
const VNI_RE = alternation(VNI_DECODE.keys());

/**
 * Converts text in a legacy encoding (read with the Latin-1 / Windows-1252 mapping, as it comes out of
 * old .doc/.txt files and PDF text layers) to Unicode NFC.
 */
export function decodeLegacy(text: string, encoding: LegacyEncoding): string {
  switch (encoding) {
    case 'tcvn3':
      return restoreCapitals(text.replace(TCVN3_RE, (m) => TCVN3_DECODE.get(m)!)).normalize('NFC');
    case 'vni':
      return text.replace(VNI_RE, (m) => VNI_DECODE.get(m)!).normalize('NFC');
    case 'viqr':
      return decodeViqr(text).normalize('NFC');
    default:
      throw new SohoaError('INVALID_INPUT', `unknown legacy encoding "${String(encoding)}" (expected tcvn3, vni or viqr)`, {
        stage: 'parser',
      });
  }
}

/**
 * TCVN3 toned capitals were typed with the capital-only .VnTimeH fonts, which reuse the lowercase
 * codes, so "NHIÖM" decodes to "NHIệM". A word whose plain letters are capitals ("NHIệM") becomes
 * "NHIỆM"; a word with a single capital ("Vụ", "Bộ") only when a neighbouring word on the line is
 * such an all-capitals word with a Vietnamese letter, since "Bộ Chính trị" is far more common than "BỘ" in running text.
 */
function restoreCapitals(text: string): string {
  const WORD = /[\p{L}\p{M}]+/gu;
  return text
    .split(/(\r\n|\n|\r)/)
    .map((line) => {
      const words = [...line.matchAll(WORD)];
      const kind = words.map((m) => capsKind(m[0]));
      // Evidence for the capitals font: an all-capitals neighbour with a Vietnamese letter ("KH" is not).
      const evidence = words.map((m, i) => kind[i] === 'caps' && /[^\x00-\x7f]/.test(m[0]));
      const upper = kind.map((k, i) => k === 'caps' || (k === 'single' && (evidence[i - 1] || evidence[i + 1])));
      if (!upper.some(Boolean)) return line;
      let out = '';
      let at = 0;
      words.forEach((m, i) => {
        out += line.slice(at, m.index) + (upper[i] ? m[0].toUpperCase() : m[0]);
        at = m.index! + m[0].length;
      });
      return out + line.slice(at);
    })
    .join('');
}

function capsKind(word: string): 'caps' | 'single' | 'other' {
  if (/[a-z]/.test(word)) return 'other';
  const capitals = word.match(/[A-Z]|[ĂÂÊÔƠƯĐ]/g)?.length ?? 0;
  if (capitals >= 2) return 'caps';
  return capitals === 1 && word.length >= 2 ? 'single' : 'other';
}

const VIQR_ESCAPABLE = new Set([..."'´`?~.^(+*dD\\"]);
const VIQR_VOWELS = new Set([...'aeiouyAEIOUY']);

/** RFC 1456 VIQR with one tone per syllable: a mark after an already toned syllable is punctuation ("ba'n?"). */
function decodeViqr(text: string): string {
  let out = '';
  let syllableHasTone = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && VIQR_ESCAPABLE.has(next)) {
      out += next;
      syllableHasTone = false;
      i += 2;
      continue;
    }
    if ((ch === 'd' || ch === 'D') && (next === 'd' || next === 'D')) {
      out += ch === 'd' ? 'đ' : 'Đ';
      i += 2;
      continue;
    }
    if (VIQR_VOWELS.has(ch)) {
      let letter = ch;
      let j = i + 1;
      const shapes = VIQR_SHAPES[text[j]];
      const shaped = shapes?.[ch.toLowerCase()];
      if (shaped) {
        letter = ch === ch.toUpperCase() ? shaped.toUpperCase() : shaped;
        j++;
      }
      const tone: Tone | undefined = VIQR_TONE_MARKS[text[j]];
      if (tone && !syllableHasTone) {
        letter = applyToneChar(letter, tone);
        syllableHasTone = true;
        j++;
      }
      out += letter;
      i = j;
      continue;
    }
    if (!/[\p{L}\p{M}]/u.test(ch)) syllableHasTone = false;
    else if (splitToneChar(ch).tone !== 'ngang') syllableHasTone = true;
    out += ch;
    i++;
  }
  return out;
}
