import type { BBox, OcrPage, OcrWord } from '@sohoa/core';
import { dropInnerStops, fixInnerCapital, fixShoutedSyllables } from './ocr-cell-repair.js';
import { respaceOcrWord } from './split-joined-syllables.js';

export interface PlacedWord {
  text: string;
  bbox: BBox;
  /** 0..1 */
  confidence: number;
  cx: number;
  cy: number;
}

/** Glyphs that are ruling lines read as text ("|", "[", "]"), never content. */
const RULING_GLYPHS = /^[|¦[\]!]+$/u;
/** Lone punctuation that a speck on a scan becomes ("Thường . xuyên"); never a word on its own. */
const SPECKS = /^[.,'`´‘’"“”„~_:;·•!¡¿]+$/u;

/** Every word of the page with its centre; confidences scaled to 0..1 (tesseract reports 0..100). */
/**
 * A word OCR read across a ruling ("tử|Ngân") is two words: split at the bar, each part given its
 * share of the box by length, so each lands in its own cell.
 */
function splitAtBars(w: OcrWord): OcrWord[] {
  const parts = w.text.split(/[|¦]+/u).filter((p) => p.trim());
  if (parts.length < 2) return [w];
  const total = [...w.text].length;
  const [x0, y0, x1, y1] = w.bbox;
  const out: OcrWord[] = [];
  let offset = 0;
  for (const raw of w.text.split(/([|¦]+)/u)) {
    const len = [...raw].length;
    if (raw.trim() && !/^[|¦]+$/u.test(raw)) {
      const a = x0 + ((x1 - x0) * offset) / total;
      const b = x0 + ((x1 - x0) * (offset + len)) / total;
      out.push({ text: raw, bbox: [a, y0, b, y1], confidence: w.confidence });
    }
    offset += len;
  }
  return out;
}

export function pageWords(page: OcrPage): PlacedWord[] {
  const out: PlacedWord[] = [];
  for (const block of page.blocks) {
    for (const line of block.lines) {
      for (const w of line.words.flatMap(splitAtBars)) {
        let text = w.text.normalize('NFC').trim();
        if (!text || RULING_GLYPHS.test(text) || SPECKS.test(text)) continue;
        text = text.replace(/^[|¦]+|[|¦]+$/gu, '');
        const confidence = w.confidence > 1 ? w.confidence / 100 : Math.max(0, w.confidence);
        if (!text || SPECKS.test(text)) continue;
        // A lone dash or bracket OCR is unsure of is a speck, not a "-" between words.
        if (/^[-–—()]+$/u.test(text) && confidence < 0.5) continue;
        // Tesseract glues syllables when the spacing is tight; a text layer spells words as typed.
        if (page.source === 'ocr') text = fixInnerCapital(respaceOcrWord(text));
        // Tesseract's near-zero confidence on a scrap of one or two letters: noise it still had to name
        // ("ch", "an" from specks). Longer words, numbers and capitals ("V") stay, however unsure.
        if (confidence < 0.1 && [...text].length <= 2 && !/[\p{Lu}\p{N}]/u.test(text)) continue;
        const [x0, y0, x1, y1] = w.bbox;
        out.push({ text, bbox: w.bbox, confidence, cx: (x0 + x1) / 2, cy: (y0 + y1) / 2 });
      }
    }
  }
  // A punctuation mark far smaller than the text around it is a speck ("- Quý III/2026").
  const wordH = median(out.filter((w) => /\p{L}/u.test(w.text)).map((w) => w.bbox[3] - w.bbox[1]));
  return out.filter((w) => {
    if (/[\p{L}\p{N}]/u.test(w.text) || !wordH) return true;
    const small = 0.2 * wordH;
    return !(w.bbox[2] - w.bbox[0] < small && w.bbox[3] - w.bbox[1] < small);
  });
}

export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Groups words into printed lines: a word joins a line when their vertical extents overlap by at least
 * half of the smaller height. Lines come out top to bottom, words left to right.
 */
export function groupIntoLines<T extends { bbox: BBox; cy: number }>(words: readonly T[]): T[][] {
  const sorted = [...words].sort((a, b) => a.cy - b.cy || a.bbox[0] - b.bbox[0]);
  const lines: { y0: number; y1: number; words: T[] }[] = [];
  for (const w of sorted) {
    const h = w.bbox[3] - w.bbox[1];
    let best: (typeof lines)[number] | undefined;
    let bestOverlap = 0;
    // Only the last few lines can still overlap a word sorted by its centre.
    for (let i = Math.max(0, lines.length - 3); i < lines.length; i++) {
      const l = lines[i];
      const overlap = Math.min(l.y1, w.bbox[3]) - Math.max(l.y0, w.bbox[1]);
      const minH = Math.min(h, l.y1 - l.y0);
      if (overlap >= 0.5 * minH && overlap > bestOverlap) {
        best = l;
        bestOverlap = overlap;
      }
    }
    if (best) {
      best.words.push(w);
      best.y0 = Math.min(best.y0, w.bbox[1]);
      best.y1 = Math.max(best.y1, w.bbox[3]);
    } else lines.push({ y0: w.bbox[1], y1: w.bbox[3], words: [w] });
  }
  return lines.map((l) => l.words.sort((a, b) => a.bbox[0] - b.bbox[0]));
}

/** Text, lines, box and mean confidence of a cell from its words. */
export function cellFromWords(words: readonly PlacedWord[], ocr = false): { lines: string[]; text: string; bbox?: BBox; confidence?: number } {
  if (!words.length) return { lines: [], text: '' };
  let lines = groupIntoLines(words).map((l) => l.map((w) => w.text).join(' '));
  if (ocr) {
    const joined = fixShoutedSyllables(dropInnerStops(lines.join('\n')));
    lines = joined.split('\n');
  }
  const bbox: BBox = [
    Math.min(...words.map((w) => w.bbox[0])),
    Math.min(...words.map((w) => w.bbox[1])),
    Math.max(...words.map((w) => w.bbox[2])),
    Math.max(...words.map((w) => w.bbox[3])),
  ];
  const confidence = words.reduce((s, w) => s + w.confidence, 0) / words.length;
  return { lines, text: lines.join(' ').replace(/\s+/gu, ' ').trim(), bbox, confidence };
}
