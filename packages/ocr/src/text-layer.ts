import { Util, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import type { BBox, OcrBlock, OcrLine, OcrPage, OcrWord } from '@sohoa/core';
import { layoutPageText, type TextRun } from './page-text.js';
import type { Rulings } from './rulings.js';

/** A page whose text layer has fewer letters/digits than this is treated as an image (scan). */
export const MIN_TEXT_LAYER_CHARS = 20;

/** Letters and digits, not private-use glyph codes that fonts without a ToUnicode map produce. */
export function countRealChars(text: string): number {
  const real = text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return real;
}

export function isUsableTextLayer(text: string): boolean {
  const real = countRealChars(text);
  const visible = text.replace(/\s+/g, '').length;
  return real >= MIN_TEXT_LAYER_CHARS && real >= 0.5 * visible;
}

// pdfjs hands out one proxy per page and document, so the text is extracted once per page even when
// inspection and extraction both ask for it
const itemsOfPage = new WeakMap<PDFPageProxy, Promise<TextItem[]>>();

function textItems(page: PDFPageProxy): Promise<TextItem[]> {
  let items = itemsOfPage.get(page);
  if (!items) {
    items = page.getTextContent().then((c) => c.items.filter((i): i is TextItem => 'str' in i));
    itemsOfPage.set(page, items);
  }
  return items;
}

export async function pageHasTextLayer(page: PDFPageProxy): Promise<boolean> {
  const items = await textItems(page);
  return isUsableTextLayer(items.map((i) => i.str).join(' '));
}

interface Piece {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  baseline: number;
  size: number;
}

function pagePieces(items: TextItem[], viewport: ReturnType<PDFPageProxy['getViewport']>): Piece[] {
  const pieces: Piece[] = [];
  for (const item of items) {
    if (!item.str.trim()) continue;
    const m = Util.transform(viewport.transform, item.transform);
    const size = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]);
    pieces.push(...splitWords(item.str, m[4], item.width * viewport.scale, m[5], size));
  }
  return pieces;
}

/**
 * Whether the text sits in columns on at least 3 visual rows (a table, or a letterhead): only then are
 * the page's ruling lines looked for, which costs about as much as reading its text (its drawing
 * operators) or more (a render, for a scan under a text layer).
 */
export async function looksTabular(page: PDFPageProxy): Promise<boolean> {
  const pieces = pagePieces(await textItems(page), page.getViewport({ scale: 1 }));
  return groupRows(pieces).filter((row) => rowLines(row, []).length >= 2).length >= 3;
}

/**
 * The page's own text as an OcrPage, boxes in pixels at `dpi` (the space a scan of it would have). Words
 * are rebuilt from glyph runs by their gaps (PDF producers split text anywhere, even inside a
 * syllable); lines are split where a wide gap or a vertical ruling (`cuts`, boxes at `dpi`)
 * separates columns or table cells. The page text lists visual rows top to bottom with a tab between
 * separate runs of a row; a ruled table is read row by row, cell by cell (see layoutPageText).
 */
export async function textLayerPage(page: PDFPageProxy, dpi: number, cuts: Rulings = { horizontal: [], vertical: [] }): Promise<OcrPage> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const pieces = pagePieces(await textItems(page), viewport);
  const rows = groupRows(pieces).map((row) => rowLines(row, cuts.vertical));
  const blocks = groupBlocks(rows.flat());
  const runs: TextRun[] = rows.map((lines) => ({
    text: lines.map((l) => l.text).join('\t'),
    bbox: unionBox(lines.map((l) => l.bbox)),
    words: lines.flatMap((l) => l.words),
  }));
  const text = layoutPageText(runs, cuts, dpi);
  return {
    index: page.pageNumber - 1,
    source: 'text-layer',
    width: Math.max(1, Math.round(viewport.width)),
    height: Math.max(1, Math.round(viewport.height)),
    dpi,
    skewDeg: null,
    meanConfidence: pieces.length ? 100 : null,
    text,
    blocks,
  };
}

/** Spreads an item's width over its words in proportion to their length (no font metrics needed). */
function splitWords(str: string, x: number, width: number, baseline: number, size: number): Piece[] {
  const out: Piece[] = [];
  const perChar = str.length ? width / str.length : 0;
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(str))) {
    const x0 = x + m.index * perChar;
    out.push({
      text: m[0].normalize('NFC'),
      x0,
      x1: x0 + m[0].length * perChar,
      top: baseline - size * 0.8,
      bottom: baseline + size * 0.2,
      baseline,
      size,
    });
  }
  return out;
}

const round = (b: [number, number, number, number]): BBox => [Math.round(b[0]), Math.round(b[1]), Math.round(b[2]), Math.round(b[3])];

function unionBox(boxes: BBox[]): BBox {
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

/** Pieces whose baselines agree within a fraction of the font size, left to right. */
function groupRows(pieces: Piece[]): Piece[][] {
  const sorted = [...pieces].sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const rows: Piece[][] = [];
  for (const p of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].baseline - p.baseline) <= 0.35 * Math.max(row[0].size, p.size)) row.push(p);
    else rows.push([p]);
  }
  for (const row of rows) row.sort((a, b) => a.x0 - b.x0);
  return rows;
}

/** One row cut into lines at wide gaps and rulings, its pieces glued into words where they touch. */
function rowLines(row: Piece[], cuts: BBox[]): OcrLine[] {
  const lines: OcrLine[] = [];
  let words: Piece[] = [];
  const flushLine = (): void => {
    if (!words.length) return;
    const out: OcrWord[] = words.map((w) => ({ text: w.text, bbox: round([w.x0, w.top, w.x1, w.bottom]), confidence: 100 }));
    lines.push({ text: out.map((w) => w.text).join(' '), bbox: unionBox(out.map((w) => w.bbox)), confidence: 100, words: out });
    words = [];
  };
  for (const p of row) {
    const prev = words[words.length - 1];
    if (prev) {
      const gap = p.x0 - prev.x1;
      const em = Math.max(prev.size, p.size);
      const ruled = cuts.some(
        ([x0, y0, x1, y1]) => (x0 + x1) / 2 > prev.x1 - 0.1 * em && (x0 + x1) / 2 < p.x0 + 0.1 * em && p.baseline > y0 && p.baseline - 0.5 * em < y1,
      );
      if (ruled || gap > 1.5 * em) flushLine();
      else if (gap < 0.12 * em) {
        // the same word, split by the producer
        prev.text = (prev.text + p.text).normalize('NFC');
        prev.x1 = Math.max(prev.x1, p.x1);
        prev.top = Math.min(prev.top, p.top);
        prev.bottom = Math.max(prev.bottom, p.bottom);
        continue;
      }
    }
    words.push({ ...p });
  }
  flushLine();
  return lines;
}

/** Stacks lines into blocks when one sits right under the other and they overlap horizontally. */
function groupBlocks(lines: OcrLine[]): OcrBlock[] {
  const blocks: OcrLine[][] = [];
  for (const line of lines) {
    const h = line.bbox[3] - line.bbox[1];
    const target = blocks.find((b) => {
      const last = b[b.length - 1];
      const gap = line.bbox[1] - last.bbox[3];
      const overlap = Math.min(line.bbox[2], last.bbox[2]) - Math.max(line.bbox[0], last.bbox[0]);
      return gap >= -0.5 * h && gap <= 0.8 * h && overlap > 0;
    });
    if (target) target.push(line);
    else blocks.push([line]);
  }
  return blocks
    .map((ls) => ({ bbox: unionBox(ls.map((l) => l.bbox)), confidence: 100, lines: ls }))
    .sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
}
