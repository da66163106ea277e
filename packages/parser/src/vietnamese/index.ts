// Vietnamese text core: normalisation, tones, syllable grammar, tokenizer, legacy encodings.
export { toNfc } from './to-nfc.js';
export { stripDiacritics, foldForSearch, hasVietnameseLetter } from './strip-diacritics.js';
export {
  TONES,
  TONE_MARKS,
  VOWEL_BASES,
  type Tone,
  toneOf,
  removeTone,
  isVowelChar,
  splitToneChar,
  applyToneChar,
  countToneMarks,
} from './tones.js';
export { withTone } from './with-tone.js';
export { tonePosition, type TonePlacementStyle } from './tone-position.js';
export {
  type Syllable,
  parseSyllable,
  isValidSyllable,
  composeSyllable,
  placeTone,
  splitTone,
} from './syllable-grammar.js';
export { listValidSyllables } from './syllable-inventory.js';
export { normalizeTonePlacement, normalizeWordTone } from './tone-placement.js';
export { tokenize, wordTokens, type Token, type TokenKind } from './tokenize.js';
export { casePatternOf, applyCasePattern, type CasePattern } from './case-pattern.js';
export { type LegacyEncoding } from './legacy-tables.js';
export { decodeLegacy } from './decode-legacy.js';
export { encodeLegacy } from './encode-legacy.js';
export { detectLegacyEncoding } from './detect-legacy-encoding.js';
export { measureGrammarCoverage, classifyRejection, type GrammarCoverage, type RejectionClass } from './grammar-coverage.js';
