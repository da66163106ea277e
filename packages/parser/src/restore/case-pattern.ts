const LETTER = /\p{L}/u;

/** Puts the case pattern of the input token on a lowercase output: "CAC" -> "CÁC", "Quang" -> "Quảng". */
export function applyCasePattern(token: string, lower: string): string {
  if (token === token.toLowerCase()) return lower;
  const letters = [...token].filter((ch) => LETTER.test(ch));
  if (letters.length === 0) return lower;
  if (/\p{Ll}/u.test(token) && /\p{Ll}\p{Lu}/u.test(token)) return /^\p{Lu}/u.test(token) ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
  const upper = letters.filter((ch) => ch !== ch.toLowerCase());
  if (letters.length >= 2 && upper.length === letters.length) return lower.toUpperCase();
  if (letters[0] !== letters[0].toLowerCase() || /^\p{Lu}/u.test(token)) return lower.charAt(0).toUpperCase() + lower.slice(1);
  return lower;
}

/** All letters uppercase and at least two of them: "CSDL", "CAC". */
export function isAllCaps(token: string): boolean {
  const letters = [...token].filter((ch) => LETTER.test(ch));
  return letters.length >= 2 && letters.every((ch) => ch !== ch.toLowerCase());
}

/**
 * Lowercase then uppercase consonant inside a word ("IoT", "WiFi", "eGov"): a brand or foreign term,
 * kept as typed. An uppercase vowel inside a lowercase word ("rOng", "thOng") is how eng OCR writes a
 * marked vowel it cannot read, so that word is restored instead.
 */
export function hasInnerCapital(token: string): boolean {
  for (const m of token.matchAll(/\p{Ll}(\p{Lu})/gu)) if (!isVowelLetter(m[1])) return true;
  return false;
}

/**
 * Mixed case that is neither lowercase, Title nor a brand: an uppercase vowel inside a lowercase word
 * ("tỰ", "rOng") or a Vietnamese word with a stray capital ("ĐƠn", "MỨc"). OCR noise, not spelling.
 */
export function hasIrregularCase(token: string): boolean {
  if (!/\p{Ll}/u.test(token) || !/\p{Lu}/u.test(token.slice(1))) return false;
  if (hasVowelMark(token)) return true;
  // Without Vietnamese marks only the eng pattern counts: one uppercase vowel after a lowercase letter
  // and nothing else uppercase past the first letter ("rOng", "TruOng"; not "CAdES").
  const inner = token.slice(1).match(/\p{Lu}/gu) ?? [];
  return inner.length === 1 && /\p{Ll}[AEIOUY]/u.test(token);
}

/** Any vowel carrying a Vietnamese mark (đ alone does not count: "NĐ", "BCĐ" are acronyms). */
export function hasVowelMark(token: string): boolean {
  return token.replace(/[đĐ]/g, 'd').normalize('NFD') !== token.replace(/[đĐ]/g, 'd');
}

/** Puts Title or lower case on a word whose case pattern is noise. */
export function regularCase(token: string): string {
  const lower = token.toLowerCase();
  return /^\p{Lu}/u.test(token) ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
}

function isVowelLetter(ch: string): boolean {
  return 'AEIOUY'.includes(ch.normalize('NFD').charAt(0));
}
