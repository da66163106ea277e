import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tokenize, type Token } from './tokenize.js';

const kinds = (s: string) => tokenize(s).filter((t) => t.kind !== 'space').map((t) => `${t.kind}:${t.text}`);

function expectLossless(s: string): Token[] {
  const tokens = tokenize(s);
  expect(tokens.map((t) => t.text).join('')).toBe(s);
  let at = 0;
  for (const t of tokens) {
    expect(t.start).toBe(at);
    expect(t.end).toBe(at + t.text.length);
    expect(s.slice(t.start, t.end)).toBe(t.text);
    at = t.end;
  }
  return tokens;
}

describe('tokenize', () => {
  it('keeps document codes, dates and ranges whole', () => {
    const s = 'Nghị quyết số 57-NQ/TW, ngày 22/12/2024; Kế hoạch số 1125/KH-UBND và 01-KH/BCĐ giai đoạn 2025-2030.';
    expectLossless(s);
    expect(kinds(s)).toEqual([
      'word:Nghị', 'word:quyết', 'word:số', 'code:57-NQ/TW', 'punct:,', 'word:ngày', 'number:22/12/2024', 'punct:;',
      'word:Kế', 'word:hoạch', 'word:số', 'code:1125/KH-UBND', 'word:và', 'code:01-KH/BCĐ', 'word:giai', 'word:đoạn',
      'number:2025-2030', 'punct:.',
    ]);
  });

  it('keeps OCR-garbled words with digits and look-alikes as single words', () => {
    expect(kinds("S6:125 ngay 1a k¥ thuat THU'C s6 ctia")).toEqual([
      'word:S6', 'punct::', 'number:125', 'word:ngay', 'word:1a', 'word:k¥', 'word:thuat', "word:THU'C", 'word:s6', 'word:ctia',
    ]);
  });

  it('separates slashed words but keeps acronym pairs and abbreviations', () => {
    expect(kinds('người dân/doanh nghiệp (b/c) Bộ KH&CN 4G/5G Wi-Fi Nhiệm vụ/Dự án')).toEqual([
      'word:người', 'word:dân', 'punct:/', 'word:doanh', 'word:nghiệp', 'punct:(', 'code:b/c', 'punct:)', 'word:Bộ',
      'code:KH&CN', 'code:4G/5G', 'word:Wi', 'punct:-', 'word:Fi', 'word:Nhiệm', 'word:vụ', 'punct:/', 'word:Dự', 'word:án',
    ]);
  });

  it('handles numbers, list markers, URLs and line breaks', () => {
    const s = '1. Mục đích\r\n1.1. Nâng cấp 3,5% 1.000.000 đồng\fwww.quangtri.gov.vn lúc 14:30\n';
    const tokens = expectLossless(s);
    expect(kinds(s)).toEqual([
      'number:1', 'punct:.', 'word:Mục', 'word:đích', 'newline:\r\n', 'number:1.1', 'punct:.', 'word:Nâng', 'word:cấp',
      'number:3,5', 'punct:%', 'number:1.000.000', 'word:đồng', 'newline:\f', 'code:www.quangtri.gov.vn', 'word:lúc',
      'number:14:30', 'newline:\n',
    ]);
    expect(tokens.filter((t) => t.kind === 'space').every((t) => /^[ \t]+$/.test(t.text))).toBe(true);
  });

  it('rebuilds both seeds exactly', () => {
    for (const name of ['000_069ffc44a699e7d5.txt', '002_3c85f6b55c36591a.txt']) {
      const path = fileURLToPath(new URL(`../../../../../shared/seeds/${name}`, import.meta.url));
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue; // seeds live outside the repo; CI machines may not have them
      }
      const tokens = expectLossless(text);
      expect(tokens.some((t) => t.kind === 'code' && t.text === '1125/KH-UBND')).toBe(true);
    }
  });

  it('is lossless on awkward input', () => {
    for (const s of ['', ' ', '\n\n', '--/&..', 'a\u0301b 😀 x', "it's", 'A/', '/KH-VP ngày / /2025', '3.', 'ngày‘§5']) expectLossless(s);
  });
});
