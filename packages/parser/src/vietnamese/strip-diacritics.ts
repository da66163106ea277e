/**
 * Accent-insensitive forms. Per-character mapping keeps the output the same length as NFC input,
 * so offsets found in the stripped text point at the same characters in the original.
 */
const MARKS = /[\u0300-\u036f]/g;
const cache = new Map<string, string>();

function stripChar(ch: string): string {
  let out = cache.get(ch);
  if (out !== undefined) return out;
  if (ch === 'đ') out = 'd';
  else if (ch === 'Đ') out = 'D';
  else if (/^[\u0300-\u036f]$/.test(ch)) out = ''; // a lone combining mark (non-NFC input)
  else {
    const bare = ch.normalize('NFD').replace(MARKS, '').normalize('NFC');
    // Only accept true one-to-one folds (keeps Hangul, ligatures etc. intact and the length stable).
    out = bare.length === ch.length && bare.length > 0 ? bare : ch;
  }
  cache.set(ch, out);
  return out;
}

/** Removes all tone and vowel marks (ă â ê ô ơ ư -> a a e o o u), đ -> d, Đ -> D; case and all other characters kept. */
export function stripDiacritics(s: string): string {
  return s.replace(/[^\x00-\x7f]/gu, stripChar);
}

/** Key for accent- and case-insensitive matching: lowercase, no diacritics, whitespace runs collapsed, trimmed. */
export function foldForSearch(s: string): string {
  return stripDiacritics(s.normalize('NFC').toLowerCase()).replace(/\s+/g, ' ').trim();
}

const VIETNAMESE_ONLY = /[ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/iu;

/**
 * Whether the text holds a letter only Vietnamese writes (a mark, ă â ê ô ơ ư, đ): what tells a
 * Vietnamese word from a foreign name or an address that happens to be spelled in plain letters.
 */
export function hasVietnameseLetter(s: string): boolean {
  return VIETNAMESE_ONLY.test(s);
}
