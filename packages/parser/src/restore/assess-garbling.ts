import { isAllCaps } from './case-pattern.js';
import { restoreTokens } from './restore-tokens.js';
import { isValidSyllable, stripDiacritics } from './text-core.js';

export interface GarblingAssessment {
  /** True when the text needs full restoration rather than light post-correction. */
  garbled: boolean;
  /** Share of word tokens that are not valid Vietnamese syllables (acronyms excluded). */
  invalidShare: number;
  /** Share of word tokens carrying any diacritic; ~0.6-0.8 in normal Vietnamese. */
  diacriticDensity: number;
}

/** Cheap, model-free check of whether OCR text lost its diacritics or is full of look-alike garbage. */
export function assessGarbling(text: string): GarblingAssessment {
  let words = 0;
  let invalid = 0;
  let marked = 0;
  for (const t of restoreTokens(text.normalize('NFC'))) {
    if (t.kind !== 'word' || isAllCaps(t.text)) continue;
    words++;
    const lower = t.text.toLowerCase();
    if (!isValidSyllable(lower)) invalid++;
    if (stripDiacritics(lower) !== lower) marked++;
  }
  if (words === 0) return { garbled: false, invalidShare: 0, diacriticDensity: 0 };
  const invalidShare = invalid / words;
  const diacriticDensity = marked / words;
  // Normal Vietnamese has marks on most words; a short text without any is as suspect as a long one.
  const unmarked = diacriticDensity < 0.3 && (words >= 3 || diacriticDensity === 0);
  return { garbled: invalidShare > 0.12 || unmarked, invalidShare, diacriticDensity };
}
