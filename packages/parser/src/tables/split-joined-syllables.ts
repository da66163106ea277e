import { hasVietnameseLetter, isValidSyllable } from '../vietnamese/index.js';

const VOWEL_START = /^[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/iu;

/**
 * Splits a run of letters that OCR glued together ("Trungtâm" -> "Trung tâm") into valid Vietnamese
 * syllables: fewest pieces, then fewest starting with a vowel, then the longest first piece. Null when the run is already one
 * syllable, carries no Vietnamese-only letter (a foreign name: "Viettel", "chatbot"), or cannot be split
 * entirely into syllables.
 */
export function splitGluedSyllables(run: string): string[] | null {
  if (run.length < 3 || !hasVietnameseLetter(run) || isValidSyllable(run)) return null;
  const chars = [...run];
  const n = chars.length;
  type Best = { count: number; vowelStarts: number; cut: number } | null;
  const best: Best[] = new Array(n + 1).fill(null);
  best[n] = { count: 0, vowelStarts: 0, cut: n };
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j <= Math.min(n, i + 8); j++) {
      const rest = best[j];
      if (!rest) continue;
      const piece = chars.slice(i, j).join('');
      if (!isValidSyllable(piece)) continue;
      // Ties: most syllables start with a consonant ("HẠ TẦNG", not "HẠT ẦNG"), then the longest first piece.
      const cand = { count: rest.count + 1, vowelStarts: rest.vowelStarts + (VOWEL_START.test(piece) ? 1 : 0), cut: j };
      const cur = best[i];
      const better =
        !cur ||
        cand.count < cur.count ||
        (cand.count === cur.count && (cand.vowelStarts < cur.vowelStarts || (cand.vowelStarts === cur.vowelStarts && cand.cut > cur.cut)));
      if (better) best[i] = cand;
    }
  }
  if (!best[0] || best[0].count < 2) return null;
  const out: string[] = [];
  for (let i = 0; i < n; ) {
    const j = best[i]!.cut;
    out.push(chars.slice(i, j).join(''));
    i = j;
  }
  return out;
}

/**
 * Tesseract sometimes doubles a marked letter in the other case ("TổỔchức", "vàỨứng", "hợỢp"); no
 * Vietnamese word has such a pair, so the upper-case twin goes.
 */
export function dropCaseTwins(word: string): string {
  return word
    .replace(/(\p{Ll})(\p{Lu})/gu, (m, low: string, up: string) => (/[^\u0000-\u007f]/u.test(low) && low.toLocaleUpperCase('vi') === up ? low : m))
    .replace(/(?<=\p{L})(\p{Lu})(\p{Ll})/gu, (m, up: string, low: string) => (/[^\u0000-\u007f]/u.test(low) && low.toLocaleUpperCase('vi') === up ? low : m));
}

/** Re-spaces an OCR word: glued syllables apart, a space after a comma or semicolon glued to a letter. */
export function respaceOcrWord(word: string): string {
  return dropCaseTwins(word)
    .replace(/([,;])(?=\p{L})/gu, '$1 ')
    .replace(/\p{L}+/gu, (run) => splitGluedSyllables(run)?.join(' ') ?? run);
}
