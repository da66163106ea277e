import { describe, it, expect } from 'vitest';
import { cer, editDistance, errorCounts, wordDiff, normalizeForEval, similarity, wer, wordOverlap, wordOverlapF1 } from './text-metrics.js';

describe('normalizeForEval', () => {
  it('composes to NFC and collapses whitespace', () => {
    const decomposed = 'Ke\u0302\u0301  hoa\u0323ch\n\fso\u0302\u0301';
    expect(normalizeForEval(decomposed)).toBe('Kế hoạch số');
    expect(normalizeForEval('  a \t b\r\n')).toBe('a b');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    const cp = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
    expect(editDistance(cp('kitten'), cp('sitting'))).toBe(3);
    expect(editDistance(cp(''), cp('abc'))).toBe(3);
    expect(editDistance(cp('abc'), cp('abc'))).toBe(0);
  });
});

describe('cer', () => {
  it('is 0 for texts that differ only in layout or Unicode form', () => {
    expect(cer('Chuyển đổi số\ntỉnh', 'Chuye\u0302\u0309n  đổi số tỉnh')).toBe(0);
  });
  it('counts a wrong tone mark as one character error', () => {
    expect(cer('số', 'sổ')).toBeCloseTo(1 / 2);
    expect(cer('chuyển đổi số', 'chuyên đổi số')).toBeCloseTo(1 / 13);
  });
  it('handles empty texts', () => {
    expect(cer('', '')).toBe(0);
    expect(cer('', 'x')).toBe(1);
    expect(cer('abc', '')).toBe(1);
  });
});

describe('wer', () => {
  it('counts word substitutions, insertions and deletions', () => {
    expect(wer('một hai ba bốn', 'một hai ba bốn')).toBe(0);
    expect(wer('một hai ba bốn', 'một hay ba')).toBeCloseTo(2 / 4);
    expect(wer('a b', 'a b c d')).toBe(1);
  });
});

describe('wordOverlap', () => {
  it('ignores order', () => {
    expect(wordOverlapF1('Trung tâm Điều hành', 'Điều hành Trung tâm')).toBe(1);
  });
  it('treats words as a multiset', () => {
    const s = wordOverlap('số số hóa', 'số hóa hóa');
    expect(s.precision).toBeCloseTo(2 / 3);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo(2 / 3);
  });
  it('is 0 when nothing matches and 1 for two empty texts', () => {
    expect(wordOverlapF1('a b', 'c d')).toBe(0);
    expect(wordOverlapF1('', '')).toBe(1);
    expect(wordOverlapF1('a', '')).toBe(0);
  });
});

describe('similarity', () => {
  it('is 1 for identical, between 0 and 1 otherwise', () => {
    expect(similarity('Quảng Trị', 'Quảng  Trị')).toBe(1);
    expect(similarity('abcd', 'abcx')).toBeCloseTo(0.75);
    expect(similarity('', '')).toBe(1);
    expect(similarity('ab', 'cd')).toBe(0);
  });
});

describe('errorCounts', () => {
  it('gives the edits and reference length behind cer and wer', () => {
    expect(errorCounts('một hai ba', 'một hay ba', 'word')).toEqual({ edits: 1, length: 3 });
    expect(errorCounts('số hóa', 'so hóa', 'char')).toEqual({ edits: 1, length: 6 });
  });
});

describe('wordDiff', () => {
  it('lists runs of differing words in order', () => {
    expect(wordDiff('UBND tỉnh Quảng Trị ban hành', 'UBND tinh Quáng Trị ban hanh')).toEqual([
      { ref: 'tỉnh Quảng', hyp: 'tinh Quáng' },
      { ref: 'hành', hyp: 'hanh' },
    ]);
    expect(wordDiff('a b c', 'a c')).toEqual([{ ref: 'b', hyp: '' }]);
    expect(wordDiff('a c', 'a b c')).toEqual([{ ref: '', hyp: 'b' }]);
    expect(wordDiff('same text', 'same  text')).toEqual([]);
  });
});
