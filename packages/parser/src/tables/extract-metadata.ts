import { emptyMetadata, type Metadata } from '@sohoa/core';
import { foldText, foldWords, stringSimilarity } from './cell-text.js';
import { findAppendixLine } from './find-appendix.js';
import { composeTitle, diacriticWordShare, GARBLED_BELOW, isDocTypeLine, unitNameCase } from './metadata-text.js';

export interface MetadataResult {
  metadata: Metadata;
  warnings: string[];
}

/** "Số: 1125/KH-UBND", OCR'd "S6:125 /KH-UBND"; the suffix is the issuing code. */
const NUMBER_RE = /(?:^|\s|\()[Ss][\p{L}\d]?\s*[:.]\s*(\d[\d ]{0,7}(?:-[\p{Lu}Đ]+)?)\s*\/\s*([\p{Lu}Đ\d][\p{Lu}Đ\d&]*(?:[-/][\p{Lu}Đ\d&]+)*)/u;
const EMPTY_NUMBER_RE = /(?:^|\s|\()[Ss][\p{L}\d]?\s*[:.]\s*\/\s*([\p{Lu}Đ][\p{Lu}Đ\d&-]*)/u;
const DATE_RE = /ngay[\s.,:;]*(\d{1,2})[\s.,:;]*thang[\s.,:;]*(\d{1,2})[\s.,:;]*nam[\s.,:;]*(\d{4})/u;
const PLACE_RE = /(?<![\p{L}\p{M}\d/-])([\p{Lu}][\p{Ll}\p{M}]*(?:\s+[\p{Lu}][\p{Ll}\p{M}]*){0,3})\s*,\s*ng[àa]y/u;
const SIGNING_TITLE_RE = /^(?:kt|tm|tl|ttl|q)\b|chu tich|giam doc|chanh van phong|truong ban|bi thu|thu truong|truong phong|tong giam doc/u;
const SURNAMES = new Set(
  'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dao dinh mai trinh lam ha cao ta luong van to chu truong doan thai la luu phung tang quach kieu nong khong chau trieu ton hua tu lai mac giang kim than vuong diep au doan ninh cu tong lo luc dam nghiem hong trang'.split(' '),
);

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The header block: lines of the first page before the body starts ("Căn cứ", "Thực hiện", "I."). */
function headerLines(firstPage: string): string[] {
  const lines = firstPage.split(/\r?\n/u).map((l) => l.replace(/\*\*/gu, '').trim());
  const out: string[] = [];
  for (const line of lines) {
    const f = foldWords(line);
    if (out.length > 3 && /^(?:can cu|thuc hien|kinh gui|theo de nghi|i |1 )/u.test(f)) break;
    out.push(line);
    if (out.length > 40) break;
  }
  return out;
}

function readNumber(line: string): string | null {
  const m = NUMBER_RE.exec(line);
  if (!m) return null;
  return `${m[1].replace(/\s+/gu, '')}/${m[2]}`;
}

/** True when `short`'s characters appear in order in `long` (OCR drops glyphs more than it invents them). */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** Cuts the national motto off a header line ("... CỘNG HÒA XÃ HỘI ...", "Độc lập - Tự do ..."). */
function withoutMotto(line: string): string {
  const words = line.split(/\s+/u);
  for (let i = 0; i < words.length; i++) {
    const two = foldWords(words.slice(i, i + 2).join(' '));
    if (stringSimilarity(two, 'cong hoa') >= 0.75 || stringSimilarity(two, 'doc lap') >= 0.7) return words.slice(0, i).join(' ');
  }
  return line;
}

function readIssuerFromHeader(lines: readonly string[]): string | null {
  const units: string[] = [];
  for (const raw of lines) {
    if (isDocTypeLine(raw) || NUMBER_RE.test(raw) || EMPTY_NUMBER_RE.test(raw)) break;
    // The issuing block is upper case; the motto beside it is not ("Độc lập - Tự do - Hạnh phúc").
    const words = withoutMotto(raw).replace(/[-_=*]{2,}/gu, ' ').trim().split(/\s+/u);
    const upperRun = words.findIndex((w) => /\p{Ll}/u.test(w));
    const line = (upperRun < 0 ? words : words.slice(0, upperRun))
      .join(' ')
      .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
      .trim();
    const letters = line.match(/\p{L}/gu) ?? [];
    if (letters.length < 2) continue;
    const upper = letters.filter((c) => c === c.toLocaleUpperCase('vi')).length / letters.length;
    if (upper < 0.8) continue;
    if (units.length && /^(?:tinh|huyen|thanh pho|xa|phuong|quan|thi xa)\b/u.test(foldWords(line))) units[units.length - 1] += ' ' + line;
    else units.push(line);
  }
  if (!units.length) return null;
  const named = units.map(unitNameCase);
  // "UBND TỈNH QUẢNG TRỊ" over "VĂN PHÒNG": the lower line is a part of the upper one.
  return named.length === 1 ? named[0] : [named[named.length - 1], ...named.slice(0, -1).reverse()].join(' ');
}

function readIssuerFromBody(text: string): string | null {
  const annex = /kèm theo[^()]*?\bcủa\s+([^()]{3,80}?)\s*\)/u.exec(text);
  if (annex) return annex[1].trim();
  const issued = /(?:^|[.;:]\s+|\n)((?:Văn phòng|UBND|Ủy ban|Sở|Ban|Bộ|Trung tâm|Công an|Tỉnh ủy|Phòng|Cục)[^.;:\n]{0,60}?)\s+ban hành\s+(?:Kế hoạch|Quyết định|Chương trình|Kết luận|Chỉ thị)/u.exec(text);
  return issued ? issued[1].trim() : null;
}

function readTitle(lines: readonly string[]): string | null {
  const at = lines.findIndex((l) => isDocTypeLine(l));
  if (at < 0) return null;
  const sub: string[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const l = lines[i].trim();
    if (!l) {
      if (sub.length) break;
      continue;
    }
    if (/^[-_*=.\s]+$/u.test(l) || /^(?:can cu|thuc hien|kinh gui)\b/u.test(foldWords(l))) break;
    sub.push(l);
    if (sub.length >= 4) break;
  }
  return composeTitle(lines[at], sub.join(' ').replace(/\s+/gu, ' '));
}

function looksLikeName(words: readonly string[]): boolean {
  if (words.length < 2 || words.length > 5) return false;
  return words.every((w) => /^\p{Lu}[\p{Ll}\p{M}]+$/u.test(w));
}

/** The signer: the person's name printed under the signing title ("KT. CHÁNH VĂN PHÒNG" ... "Nguyễn Cửu"). */
function readSigner(bodyLines: readonly string[]): string | null {
  let titleAt = -1;
  for (let i = 0; i < bodyLines.length; i++) {
    const f = foldWords(bodyLines[i].replace(/\*\*/gu, ''));
    const upper = bodyLines[i].replace(/[^\p{L}]/gu, '');
    if (f && upper === upper.toLocaleUpperCase('vi') && SIGNING_TITLE_RE.test(f.replace(/^noi nhan\s*/u, ''))) titleAt = i;
    else if (/\b(?:kt|tm|tl)\s+(?:chu tich|giam doc|chanh|truong|uy ban|ubnd|bi thu)/u.test(f)) titleAt = i;
  }
  if (titleAt < 0) return null;
  let best: string | null = null;
  let bestKnown = false;
  for (let i = titleAt + 1; i < Math.min(bodyLines.length, titleAt + 25); i++) {
    const line = bodyLines[i].replace(/\*\*/gu, '').trim();
    if (!line) continue;
    const words = line.split(/\s+/u);
    // The name may share an OCR line with the last recipient ("- Lưu: VT, KT. Hoàng Nam").
    for (let take = Math.min(5, words.length); take >= 2; take--) {
      const tail = words.slice(words.length - take);
      const before = words.slice(0, words.length - take).join(' ');
      if (!looksLikeName(tail)) continue;
      if (before && !/[.;:)]$/u.test(before)) continue;
      const known = SURNAMES.has(foldText(tail[0]));
      if (known || !bestKnown) {
        best = tail.join(' ');
        bestKnown = known;
      }
      break;
    }
  }
  return best;
}

/**
 * Document metadata from the text of a plan: number, issuer, date and place from the header of the
 * first page, the title under the document-type heading, the signer from the signature block. From
 * garbled text (OCR without Vietnamese support) only what is certain is returned: digits that read
 * cleanly, no names or titles without diacritics; everything else is null with a warning. Digits are
 * never guessed.
 */
export function extractMetadata(text: string): MetadataResult {
  const metadata = emptyMetadata();
  const warnings: string[] = [];
  const pages = text.split('\f');
  const firstPage = pages[0] ?? '';
  const header = headerLines(firstPage);
  const headerText = header.join('\n');
  const allLines = text.split(/\r?\n|\f/u);
  const appendixAt = findAppendixLine(allLines);
  const bodyLines = appendixAt >= 0 ? allLines.slice(0, appendixAt) : allLines;
  const appendixHead = appendixAt >= 0 ? allLines.slice(appendixAt, appendixAt + 6).join(' ') : '';
  const garbled = diacriticWordShare(bodyLines.join(' ')) < GARBLED_BELOW;

  // Number: the header's "Số:", checked against the appendix's "kèm theo Kế hoạch số ...".
  const headerNumberLine = header.find((l) => NUMBER_RE.test(l));
  const fromHeader = headerNumberLine ? readNumber(headerNumberLine) : null;
  const fromAppendix = appendixHead ? readNumber(appendixHead) : null;
  if (fromHeader && fromAppendix && fromHeader !== fromAppendix) {
    const [hd, hs] = fromHeader.split('/');
    const [ad, as] = fromAppendix.split('/');
    if (hs === as && hd.length < ad.length && isSubsequence(hd, ad)) {
      metadata.number = fromAppendix;
      warnings.push(`metadata: number reads "${fromHeader}" in the header and "${fromAppendix}" in the appendix heading; took the appendix's (OCR drops digits)`);
    } else if (hs === as && ad.length < hd.length && isSubsequence(ad, hd)) {
      metadata.number = fromHeader;
    } else {
      warnings.push(`metadata: number unsure: "${fromHeader}" in the header, "${fromAppendix}" in the appendix heading`);
    }
  } else if (fromHeader || fromAppendix) {
    metadata.number = fromHeader ?? fromAppendix;
  } else {
    const blank = EMPTY_NUMBER_RE.exec(headerText) ?? (appendixHead ? EMPTY_NUMBER_RE.exec(appendixHead) : null);
    warnings.push(blank ? `metadata: the document number is not filled in ("số: /${blank[1]}")` : 'metadata: no document number found');
  }

  // Date and place ("Quảng Trị, ngày 25 tháng 9 năm 2025") are printed above the document-type heading.
  const typeAt = header.findIndex((l) => isDocTypeLine(l));
  const dateLines = typeAt >= 0 ? header.slice(0, typeAt) : header.slice(0, 12);
  const foldedHeader = foldText(dateLines.join('\n'));
  const dm = DATE_RE.exec(foldedHeader);
  if (dm) {
    metadata.date = isoDate(Number(dm[3]), Number(dm[2]), Number(dm[1]));
    if (!metadata.date) warnings.push(`metadata: date "${dm[0]}" is not a calendar date`);
  } else {
    const partial = /\bngay\S*\s+\S*\s*thang\S*\s+\S*\s*n\S*m\s*(\d{4})/u.exec(foldedHeader);
    warnings.push(partial ? `metadata: date unreadable ("${partial[0]}")` : 'metadata: no date found in the header');
  }
  const placeLine = dateLines.find((l) => PLACE_RE.test(l));
  if (placeLine) {
    const place = PLACE_RE.exec(placeLine)![1];
    if (garbled) warnings.push(`metadata: place "${place}" left out: the text has lost its diacritics`);
    else metadata.place = place;
  }

  if (garbled) {
    warnings.push('metadata: issuer, title and signer left out: the text has lost its diacritics (restore it first)');
    return { metadata, warnings };
  }
  metadata.issuer = readIssuerFromHeader(header) ?? readIssuerFromBody(bodyLines.join('\n') + '\n' + appendixHead);
  if (!metadata.issuer) warnings.push('metadata: no issuer found');
  metadata.title = readTitle(header);
  if (!metadata.title) warnings.push('metadata: no title found');
  metadata.signer = readSigner(bodyLines);
  if (!metadata.signer) warnings.push('metadata: no signer name found under the signature');
  return { metadata, warnings };
}
