import { parseSyllableWith, placeTone, splitTone } from './syllable-grammar.js';
import type { TonePlacementStyle } from './tone-position.js';

const WORD = /[\p{L}\p{M}]+/gu;

/** Moves the tone mark of one word to the conventional vowel; returns the word unchanged if it is not Vietnamese. */
export function normalizeWordTone(word: string, style: TonePlacementStyle = 'new'): string {
  const split = splitTone(word);
  if (!split || split.index < 0) return word;
  // Only touch words the grammar accepts (whatever vowel carries the mark), so foreign names stay as typed.
  if (!parseSyllableWith(word, { anyTonePosition: true })) return word;
  // splitTone keeps each letter's case, so placing the tone again restores "HOÁ" -> "HÓA".
  return placeTone(split.toneless, split.tone, style);
}

/**
 * Rewrites tone placement word by word: style 'new' gives "hóa", "thủy", "ủy", "khỏe" (the seeds'
 * convention), 'old' gives "hoá", "thuỷ", "uỷ", "khoẻ". Also repairs marks put on an impossible
 * vowel ("qúy" -> "quý", "tóan" -> "toán"). Output is NFC; non-Vietnamese tokens are left alone.
 */
export function normalizeTonePlacement(text: string, style: TonePlacementStyle = 'new'): string {
  const memo = style === 'new' ? memoNew : memoOld;
  return text.normalize('NFC').replace(WORD, (w) => {
    let out = memo.get(w);
    if (out === undefined) {
      out = normalizeWordTone(w, style);
      if (memo.size >= 100_000) memo.clear();
      memo.set(w, out);
    }
    return out;
  });
}

const memoNew = new Map<string, string>();
const memoOld = new Map<string, string>();
