import type { Block } from 'tesseract.js';
import type { BBox, OcrBlock, OcrLine, OcrWord } from '@sohoa/core';

const box = (b: { x0: number; y0: number; x1: number; y1: number }): BBox => [b.x0, b.y0, b.x1, b.y1];
const conf = (c: number | undefined): number => Math.round((c ?? 0) * 100) / 100;

/** tesseract.js blocks (block > paragraph > line > word) flattened to OcrBlock > OcrLine > OcrWord, NFC text. */
export function toOcrBlocks(blocks: Block[]): OcrBlock[] {
  const out: OcrBlock[] = [];
  for (const block of blocks ?? []) {
    const lines: OcrLine[] = [];
    for (const para of block.paragraphs ?? []) {
      for (const line of para.lines ?? []) {
        const words: OcrWord[] = (line.words ?? [])
          .filter((w) => w.text.trim() !== '')
          .map((w) => ({ text: w.text.normalize('NFC'), bbox: box(w.bbox), confidence: conf(w.confidence) }));
        if (!words.length) continue;
        lines.push({ text: words.map((w) => w.text).join(' '), bbox: box(line.bbox), confidence: conf(line.confidence), words });
      }
    }
    if (lines.length) out.push({ bbox: box(block.bbox), confidence: conf(block.confidence), lines });
  }
  return out;
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
