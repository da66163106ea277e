import { foldText, foldWords } from './cell-text.js';

/**
 * Share of letter words carrying a Vietnamese mark. Clean Vietnamese prose is around 0.5; text OCR'd
 * without Vietnamese support (seed 002) is far below, and its names and titles cannot be trusted as read.
 */
export function diacriticWordShare(text: string): number {
  const words = text.normalize('NFC').match(/\p{L}{2,}/gu) ?? [];
  if (!words.length) return 0;
  return words.filter((w) => /[^\u0000-\u007f]/u.test(w)).length / words.length;
}

export const GARBLED_BELOW = 0.2;

const ACRONYMS = new Set(['ubnd', 'hdnd', 'mttq', 'kh&cn', 'cntt', 'tnmt', 'gddt', 'ldtbxh', 'vhttdl', 'nn&ptnt', 'ttxvn', 'tw']);
const PLACE_WORDS = ['tinh', 'huyen', 'thanh pho', 'xa', 'phuong', 'quan', 'thi xa', 'thi tran'];

/** "Ủy ban nhân dân" (any case, any tone placement) -> "UBND", as plans write it in running text. */
function abbreviateCouncil(text: string): string {
  const words = text.split(' ');
  for (let i = 0; i + 4 <= words.length; i++) {
    if (foldText(words.slice(i, i + 4).join(' ')) === 'uy ban nhan dan') words.splice(i, 4, 'UBND');
  }
  return words.join(' ');
}

function lowerVi(w: string): string {
  return w.toLocaleLowerCase('vi');
}

function capitalise(w: string): string {
  const lower = lowerVi(w);
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/**
 * An upper-case unit name as a reader writes it: "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ" -> "UBND tỉnh Quảng
 * Trị", "VĂN PHÒNG" -> "Văn phòng". Acronyms stay, place names after "tỉnh/huyện/..." are capitalised.
 */
export function unitNameCase(raw: string): string {
  let text = raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (!text) return text;
  const isUpper = text === text.toLocaleUpperCase('vi');
  text = abbreviateCouncil(text);
  if (!isUpper) return text;
  const words = text.split(' ');
  const out: string[] = [];
  let placeMode = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const f = foldText(w);
    if (ACRONYMS.has(f) || w === 'UBND') {
      out.push(w);
      placeMode = false;
      continue;
    }
    const two = i + 1 < words.length ? `${f} ${foldText(words[i + 1])}` : '';
    if (PLACE_WORDS.includes(two)) {
      out.push(lowerVi(w), lowerVi(words[i + 1]));
      i++;
      placeMode = true;
      continue;
    }
    if (PLACE_WORDS.includes(f)) {
      out.push(lowerVi(w));
      placeMode = true;
      continue;
    }
    if (placeMode || out.length === 0) out.push(capitalise(w));
    else out.push(lowerVi(w));
  }
  return out.join(' ');
}

/** The name of a document type printed as a heading ("KẾ HOẠCH") in sentence case ("Kế hoạch"). */
export const DOC_TYPES = [
  'ke hoach', 'quyet dinh', 'chi thi', 'thong bao', 'bao cao', 'to trinh', 'nghi quyet', 'chuong trinh', 'de an',
  'cong van', 'huong dan', 'thong tu', 'nghi dinh', 'phuong an', 'ket luan',
];

export function isDocTypeLine(line: string): boolean {
  const f = foldWords(line);
  return DOC_TYPES.includes(f);
}

/** "KẾ HOẠCH" + "Triển khai ..." -> "Kế hoạch triển khai ..." (a leading acronym or name keeps its case). */
export function composeTitle(docType: string, subtitle: string): string {
  const type = capitalise(docType.trim().split(/\s+/u).join(' '));
  const sub = subtitle.trim();
  if (!sub) return type;
  const [first, ...rest] = sub.split(' ');
  const firstOut = first.length > 1 && first.slice(1) === lowerVi(first.slice(1)) ? lowerVi(first) : first;
  return [type, firstOut, ...rest].join(' ');
}
