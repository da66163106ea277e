import { decodeLegacy } from './decode-legacy.js';
import type { LegacyEncoding } from './legacy-tables.js';
import { isValidSyllable } from './syllable-grammar.js';

const SAMPLE_CHARS = 20_000;
const MIN_CHANGED = 3;
const MIN_VALID_SHARE = 0.75;
const LETTERS = /[\p{L}\p{M}]+/gu;
/** Letters only Unicode Vietnamese has: none exists in Latin-1, so legacy text read as Latin-1 lacks them. */
const UNICODE_ONLY = /[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]/gu;

function allSyllablesValid(chunk: string): boolean {
  for (const [w] of chunk.matchAll(LETTERS)) if (!isValidSyllable(w)) return false;
  return true;
}

/**
 * Guesses how a text is encoded: 'unicode', a legacy 8-bit encoding read as Latin-1 ('tcvn3', 'vni'),
 * or 'viqr' (ASCII marks). Each whitespace-separated chunk that a decoding changes is checked with the
 * syllable grammar; a legacy reading wins when at least 3/4 of the chunks it changes become valid
 * Vietnamese and it does clearly better than the text as it is. Garbled OCR (accents on the wrong
 * letters) does not pass that bar, so it stays 'unicode'.
 */
export function detectLegacyEncoding(text: string): LegacyEncoding | 'unicode' {
  const sample = text.slice(0, SAMPLE_CHARS).normalize('NFC');
  const unicodeLetters = sample.match(UNICODE_ONLY)?.length ?? 0;
  const chunks = sample.split(/\s+/).filter(Boolean);
  let best: LegacyEncoding | 'unicode' = 'unicode';
  let bestShare = 0;
  for (const encoding of ['tcvn3', 'vni', 'viqr'] as const) {
    let changed = 0;
    let validAfter = 0;
    let validBefore = 0;
    for (const chunk of chunks) {
      const decoded = decodeLegacy(chunk, encoding);
      if (decoded === chunk) continue;
      changed++;
      if (allSyllablesValid(decoded)) validAfter++;
      if (allSyllablesValid(chunk)) validBefore++;
    }
    if (changed < MIN_CHANGED) continue;
    const share = validAfter / changed;
    if (share >= MIN_VALID_SHARE && validAfter - validBefore >= MIN_CHANGED && share > bestShare) {
      best = encoding;
      bestShare = share;
    }
  }
  // Many genuine Unicode Vietnamese letters mean the text is Unicode, whatever else it contains.
  if (best !== 'unicode' && unicodeLetters * 20 > sample.length) return 'unicode';
  return best;
}
