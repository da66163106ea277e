import { VOWEL_BASES } from './tones.js';

export type TonePlacementStyle = 'new' | 'old';

const MARKED_VOWELS = new Set([...'ăâêôơư']);
const VOWELS = new Set([...VOWEL_BASES]);
/** Open two-vowel rhymes where the two conventions differ: "hóa" (new) vs "hoá" (old). */
const STYLE_DEPENDENT = new Set(['oa', 'oe', 'uy']);

/**
 * Index (in UTF-16 units of `toneless`) of the vowel that carries the tone, or -1 when there is no vowel.
 * Works on any case and on strings that are not valid syllables (falls back to the first vowel run).
 *
 * Style names follow this project (and the corpus notes): 'new' is the placement used by current
 * government documents and the seeds ("hóa", "thủy", "khỏe", "ủy"); 'old' puts the mark on the
 * second vowel of open oa/oe/uy ("hoá", "thuỷ", "khoẻ", "uỷ"). Everything else is identical.
 */
export function tonePosition(toneless: string, style: TonePlacementStyle = 'new'): number {
  const lower = toneless.toLowerCase();
  if (lower.length !== toneless.length) return -1;
  let start = -1;
  for (let i = 0; i < lower.length; i++) {
    if (VOWELS.has(lower[i])) {
      start = i;
      break;
    }
  }
  if (start < 0) return -1;
  let end = start;
  while (end < lower.length && VOWELS.has(lower[end])) end++;
  // qu and gi are onsets: their u / i never carry the tone when another vowel follows.
  if (end - start > 1) {
    if (lower[start] === 'u' && start > 0 && lower[start - 1] === 'q') start++;
    else if (lower[start] === 'i' && start === 1 && lower[0] === 'g') start++;
  }
  const cluster = lower.slice(start, end);
  const hasCoda = end < lower.length;
  for (let i = cluster.length - 1; i >= 0; i--) {
    if (MARKED_VOWELS.has(cluster[i])) return start + i;
  }
  if (hasCoda) return end - 1;
  if (cluster.length >= 3) return start + 1;
  if (cluster.length === 2) {
    if (style === 'old' && STYLE_DEPENDENT.has(cluster)) return start + 1;
    return start;
  }
  return start;
}
