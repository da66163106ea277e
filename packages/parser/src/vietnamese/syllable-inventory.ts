import { isValidSyllable, placeTone, rhymeTexts, ONSET_LIST } from './syllable-grammar.js';
import { TONES } from './tones.js';

let cached: readonly string[] | null = null;

/**
 * Every syllable the grammar accepts, lowercase NFC with new-style tone placement (about 18,000: far
 * more than the ~7,000 in actual use). A candidate space for restoration when the corpus inventory
 * has no entry for a skeleton.
 */
export function listValidSyllables(): readonly string[] {
  if (cached) return cached;
  const out = new Set<string>();
  for (const onset of ['', ...ONSET_LIST]) {
    for (const rhyme of rhymeTexts()) {
      for (const tone of TONES) {
        const word = placeTone(onset + rhyme, tone, 'new');
        if (isValidSyllable(word)) out.add(word);
      }
    }
  }
  cached = [...out].sort();
  return cached;
}
