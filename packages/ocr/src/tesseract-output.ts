import type { BBox, OcrBlock, OcrLine, OcrWord } from '@sohoa/core';
import { fixInWordCapitals } from './word-case.js';

const round2 = (c: number): number => Math.round(c * 100) / 100;
const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * Tesseract's TSV output (one row per page, block, paragraph, line and word: level, page, block, par,
 * line, word, left, top, width, height, conf, text) as OcrBlock > OcrLine > OcrWord with NFC text.
 * TSV rather than tesseract.js's JSON blocks: the JSON carries every symbol and its alternatives, and
 * building, parsing and posting it between threads cost about 6 % of a page's CPU for data we drop.
 * A line's and a block's confidence is the mean of their words'. Capitals the model puts inside
 * lowercase words are set right here (see word-case.ts).
 */
export function tsvToOcrBlocks(tsv: string): OcrBlock[] {
  const blocks: OcrBlock[] = [];
  let block: { bbox: BBox; lines: OcrLine[] } | null = null;
  let line: { bbox: BBox; words: OcrWord[] } | null = null;
  const closeLine = (): void => {
    if (line && block && line.words.length) {
      block.lines.push({ text: line.words.map((w) => w.text).join(' '), bbox: line.bbox, confidence: round2(mean(line.words.map((w) => w.confidence))), words: line.words });
    }
    line = null;
  };
  const closeBlock = (): void => {
    closeLine();
    if (block && block.lines.length) {
      const words = block.lines.flatMap((l) => l.words.map((w) => w.confidence));
      blocks.push({ bbox: block.bbox, confidence: round2(mean(words)), lines: block.lines });
    }
    block = null;
  };
  for (const row of tsv.split('\n')) {
    const cols = row.split('\t');
    if (cols.length < 12) continue;
    const level = Number(cols[0]);
    const left = Number(cols[6]);
    const top = Number(cols[7]);
    const bbox: BBox = [left, top, left + Number(cols[8]), top + Number(cols[9])];
    if (!bbox.every(Number.isFinite)) continue; // the header row, when there is one
    if (level === 2) {
      closeBlock();
      block = { bbox, lines: [] };
    } else if (level === 4) {
      closeLine();
      line = { bbox, words: [] };
    } else if (level === 5 && line) {
      const text = fixInWordCapitals(cols.slice(11).join('\t').trim().normalize('NFC'));
      if (text) (line as { words: OcrWord[] }).words.push({ text, bbox, confidence: round2(Math.max(0, Number(cols[10]))) });
    }
  }
  closeBlock();
  return blocks;
}

/** Word-weighted mean confidence (0-100), null when nothing was read. */
export function meanWordConfidence(blocks: OcrBlock[]): number | null {
  let n = 0;
  let sum = 0;
  for (const b of blocks) for (const l of b.lines) for (const w of l.words) {
    n++;
    sum += w.confidence;
  }
  return n ? Math.round((sum / n) * 100) / 100 : null;
}
