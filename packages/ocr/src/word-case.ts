/**
 * Vietnamese vowels that carry a mark: the tesseract `vie` model often reads them as capitals inside a
 * lowercase word ("mỞ rỘng", "bỘ", "ĐỒng", "đưỢc"), because at text size a capital and a small letter
 * with a hook or horn have nearly the same outline. Vietnamese never writes a capital after a small
 * letter in a word, nor a capital vowel between a capital initial and small letters.
 */
const MARKED_UPPER_VOWEL = /[ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]/u;
const isLower = (c: string | undefined): boolean => c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();

/**
 * Lowercases a marked capital vowel that sits inside a lowercase word: after a small letter, or
 * between a capital initial and a small letter. Acronyms and codes ("UBND", "QĐ-TTg", "SỞ") are
 * left alone: without a small letter beside it a capital is taken as meant.
 */
export function fixInWordCapitals(word: string): string {
  if (!MARKED_UPPER_VOWEL.test(word)) return word;
  const chars = [...word.normalize('NFC')];
  let changed = false;
  for (let i = 1; i < chars.length; i++) {
    if (!MARKED_UPPER_VOWEL.test(chars[i])) continue;
    const afterSmall = isLower(chars[i - 1]);
    const initialThenSmall = i === 1 && isLower(chars[i + 1]);
    const midWord = i >= 1 && isLower(chars[i + 1]) && chars.slice(0, i).some(isLower);
    if (afterSmall || initialThenSmall || midWord) {
      chars[i] = chars[i].toLowerCase();
      changed = true;
    }
  }
  return changed ? chars.join('') : word;
}
