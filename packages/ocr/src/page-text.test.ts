import { describe, expect, it } from 'vitest';
import type { BBox, OcrWord } from '@sohoa/core';
import { layoutPageText, tableGrid, type TextRun } from './page-text.js';

const word = (text: string, x: number, y: number): OcrWord => ({ text, bbox: [x, y, x + 10 * text.length, y + 20], confidence: 90 });
const run = (...words: OcrWord[]): TextRun => ({
  text: words.map((w) => w.text).join(' '),
  bbox: [words[0].bbox[0], words[0].bbox[1], words[words.length - 1].bbox[2], words[0].bbox[3]] as BBox,
  words,
});

// a 3-column table from y=100 to y=300 (rows at 100, 150, 300), columns at x=0, 100, 400, 600
const rulings = {
  horizontal: [
    [0, 99, 600, 101],
    [0, 149, 600, 151],
    [0, 299, 600, 301],
  ] as BBox[],
  vertical: [
    [0, 100, 2, 300],
    [99, 100, 101, 300],
    [399, 100, 401, 300],
    [598, 100, 600, 300],
  ] as BBox[],
};

describe('layoutPageText', () => {
  it('reads a ruled table row by row, wrapped cells joined, empty cells kept', () => {
    const runs = [
      run(word('Tiêu', 10, 40), word('đề', 60, 40)),
      run(word('STT', 10, 115), word('Nhiệm', 110, 115), word('Chủ', 410, 115)),
      // tesseract may read a column at a time: the order of runs must not matter
      run(word('Xây', 110, 160), word('dựng', 160, 160)),
      run(word('hạ', 110, 190), word('tầng', 140, 190)),
      run(word('Sở', 410, 160), word('Nội', 440, 160), word('vụ', 480, 160)),
      run(word('Nơi', 10, 320), word('nhận', 50, 320)),
    ];
    expect(layoutPageText(runs, rulings, 300)).toBe(['Tiêu đề', 'STT\tNhiệm\tChủ', '\tXây dựng hạ tầng\tSở Nội vụ', 'Nơi nhận'].join('\n'));
  });

  it('keeps plain reading order without a ruled table', () => {
    const runs = [run(word('a', 0, 0)), run(word('b', 0, 30))];
    expect(layoutPageText(runs, undefined, 300)).toBe('a\nb');
    expect(layoutPageText(runs, { horizontal: [], vertical: [] }, 300)).toBe('a\nb');
    expect(tableGrid({ horizontal: [[0, 0, 50, 2]], vertical: rulings.vertical }, 300)).toBeNull();
  });
});
