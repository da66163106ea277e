/**
 * Repairs of OCR slips inside table cells that need no language model: case slips on marked letters and
 * specks read as full stops. Applied to OCR pages only; a text layer is spelled as typed.
 */
import { isValidSyllable } from '../vietnamese/index.js';

/** "thuỘc" -> "thuộc", "ĐỒng" -> "Đồng": one marked capital inside a lower-case word is OCR's ("eKYC" stays). */
export function fixInnerCapital(word: string): string {
  return word.replace(/\p{L}+/gu, (w) => {
    const m = /^(\p{Ll}+|\p{Lu})(\p{Lu})(\p{Ll}+)$/u.exec(w) ?? /^(\p{Ll}+)(\p{Lu})()$/u.exec(w);
    if (!m || !/[^\u0000-\u007f]/u.test(m[2])) return w;
    return m[1] + m[2].toLocaleLowerCase('vi') + m[3];
  });
}

const MARKED_VOWEL = /[ĂÂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]/u;

/**
 * "Triển khai BỘ giải pháp", "TƯ vấn": in a cell written in lower case, a marked syllable in capitals is
 * OCR's case slip (upper and lower "ộ", "ư" look alike); acronyms carry no vowel marks and stay.
 */
export function fixShoutedSyllables(text: string): string {
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((c) => c !== c.toLocaleLowerCase('vi')).length;
  if (!letters.length || upper / letters.length > 0.6) return text;
  return text.replace(/(?<![\p{L}&])\p{Lu}{2,}(?![\p{L}&])/gu, (w) =>
    MARKED_VOWEL.test(w) && isValidSyllable(w) ? w.charAt(0) + w.slice(1).toLocaleLowerCase('vi') : w,
  );
}

/** A speck read as a full stop inside a sentence ("Điều. hành"): a stop before a lower-case word goes. */
export function dropInnerStops(text: string): string {
  return text
    .replace(/(?<=\p{L})(?<!\.)\.(?!\.)\s+(?=\p{Ll})/gu, ' ')
    .replace(/(?<=(?:^|\s)(?:và|của|các|những|cho|với|tại|về|trong|theo|từ|đến|để|là|hoặc|cùng|Sở|Cục|Ban|Bộ|Phòng|Trung|Văn|UBND))\.\s+/gu, ' ');
}
