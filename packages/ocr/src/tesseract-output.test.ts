import { describe, expect, it } from 'vitest';
import { meanWordConfidence, tsvToOcrBlocks } from './tesseract-output.js';

const row = (...cols: (string | number)[]): string => cols.join('\t');

describe('tsvToOcrBlocks', () => {
  it('nests words in lines in blocks, with boxes, confidences and NFC text', () => {
    const tsv = [
      row(1, 1, 0, 0, 0, 0, 0, 0, 1000, 800, -1, ''),
      row(2, 1, 1, 0, 0, 0, 10, 20, 500, 60, -1, ''),
      row(3, 1, 1, 1, 0, 0, 10, 20, 500, 60, -1, ''),
      row(4, 1, 1, 1, 1, 0, 10, 20, 500, 28, -1, ''),
      row(5, 1, 1, 1, 1, 1, 10, 20, 80, 28, 96.5, 'Căn'),
      row(5, 1, 1, 1, 1, 2, 100, 20, 40, 28, 90.25, 'cu\u0301'), // decomposed: becomes NFC "cú"
      row(4, 1, 1, 1, 2, 0, 10, 52, 300, 28, -1, ''),
      row(5, 1, 1, 1, 2, 1, 10, 52, 90, 28, 80, 'mỞ'),
      row(5, 1, 1, 1, 2, 2, 110, 52, 40, 28, 0, ' '), // an empty word is dropped
      row(2, 1, 2, 0, 0, 0, 600, 20, 300, 30, -1, ''),
      row(4, 1, 2, 1, 1, 0, 600, 20, 300, 30, -1, ''), // a block whose line has no words is dropped
      '',
    ].join('\n');
    const blocks = tsvToOcrBlocks(tsv);
    expect(blocks).toHaveLength(1);
    expect(blocks[0].bbox).toEqual([10, 20, 510, 80]);
    expect(blocks[0].lines.map((l) => l.text)).toEqual(['Căn cú', 'mở']);
    expect(blocks[0].lines[0].words[1]).toEqual({ text: 'cú', bbox: [100, 20, 140, 48], confidence: 90.25 });
    expect(blocks[0].lines[0].confidence).toBe(93.38);
    expect(meanWordConfidence(blocks)).toBe(88.92);
  });

  it('reads nothing from an empty or header-only output', () => {
    expect(tsvToOcrBlocks('')).toEqual([]);
    expect(tsvToOcrBlocks('level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n')).toEqual([]);
  });
});
