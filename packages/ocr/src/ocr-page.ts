import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { OcrBlock, OcrPage } from '@sohoa/core';
import { SohoaError, toSohoaError } from '@sohoa/core';
import { inkMask } from './binarize.js';
import { DEFAULT_DPI, RULING_DPI } from './dpi.js';
import type { OcrPool } from './ocr-pool.js';
import { createOcrPool } from './ocr-pool.js';
import { openInput, type OpenInput } from './open-input.js';
import type { PageImage } from './page-image.js';
import { checkPageSize, getPdfPage } from './pdf-document.js';
import { preprocessPage, type PreprocessedPage, type PreprocessOptions } from './preprocess.js';
import { rasterizeImagePage, rasterizePdfPage } from './rasterize-page.js';
import { detectRulings, scaleRulings, type Rulings } from './rulings.js';
import { cropImage, offsetBlocks } from './crop-image.js';
import { gridCells, layoutPageText, tableGrid } from './page-text.js';
import { meanWordConfidence } from './tesseract-output.js';
import { looksTabular, pageHasTextLayer, textLayerPage } from './text-layer.js';
import { SerialLane } from './serial-lane.js';
import { vectorRulings } from './vector-rulings.js';

export interface OcrPageOptions {
  /** The worker pool to use; without one a single-worker pool is made for the call (slow: loads the model). */
  pool?: OcrPool;
  /** Raster resolution (PDF pages, and images that state their own). Default DEFAULT_DPI. */
  dpi?: number;
  /** OCR even pages that have a usable text layer. */
  forceOcr?: boolean;
  /** Preprocessing steps, or false for none. */
  preprocess?: boolean | PreprocessOptions;
}

/** OCR (or text-layer extraction) of one page of a file, by path: what a queue worker needs. */
export async function ocrPage(path: string, pageIndex: number, options: OcrPageOptions = {}): Promise<OcrPage> {
  const input = await openInput(path);
  try {
    return await ocrOpenPage(input, pageIndex, options);
  } finally {
    await input.close().catch(() => undefined);
  }
}

export async function ocrOpenPage(input: OpenInput, pageIndex: number, options: OcrPageOptions): Promise<OcrPage> {
  const file = input.path;
  const dpi = options.dpi ?? DEFAULT_DPI;
  if (!(dpi >= 50 && dpi <= 1200)) throw new SohoaError('INVALID_INPUT', `dpi ${dpi} is outside 50..1200`, { stage: 'ocr', file });
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= input.pageCount) {
    throw new SohoaError('INVALID_INPUT', `page ${pageIndex + 1} does not exist (the file has ${input.pageCount} pages)`, { stage: 'ocr', file });
  }
  try {
    if (input.format === 'text') {
      throw new SohoaError('INVALID_INPUT', 'a text file has no page image to OCR; parse its text directly', { stage: 'ocr', file });
    }
    const prepared = await preparePage(input, pageIndex, dpi, options);
    return prepared.kind === 'text' ? prepared.page : await recognizePage(prepared.image, prepared.pre, options);
  } catch (err) {
    throw toSohoaError(err, 'ocr', file);
  }
}

/**
 * Rasterising and preprocessing run one page at a time per process (see SerialLane). Text-layer pages
 * do not queue: their work is mostly waiting on pdf.js, which overlaps well.
 */
const preparation = new SerialLane();

type PreparedPage = { kind: 'text'; page: OcrPage } | { kind: 'image'; image: PageImage; pre: PreprocessedPage };

/** The page's text layer when it has a usable one, else its raster, preprocessed for OCR. */
async function preparePage(input: OpenInput, pageIndex: number, dpi: number, options: OcrPageOptions): Promise<PreparedPage> {
  const file = input.path;
  const preprocessed = async (image: PageImage): Promise<PreparedPage> => ({ kind: 'image', image, pre: await preprocessPage(image, options.preprocess ?? true) });
  if (input.format !== 'pdf') return preparation.run(async () => preprocessed(await rasterizeImagePage(file, pageIndex, options.dpi, file)));
  const page = await getPdfPage(input.doc, pageIndex, file);
  try {
    checkPageSize(page, dpi, file);
    if (!options.forceOcr && (await pageHasTextLayer(page))) {
      const rulings = rulingsWanted(options.preprocess) ? await textPageRulings(page, dpi, file) : undefined;
      const textPage = await textLayerPage(page, dpi, rulings);
      return { kind: 'text', page: rulings ? { ...textPage, rulings } : textPage };
    }
    return await preparation.run(async () => preprocessed(await rasterizePdfPage(page, dpi, file)));
  } finally {
    page.cleanup();
  }
}

function rulingsWanted(pre: boolean | PreprocessOptions | undefined): boolean {
  if (pre === false) return false;
  return typeof pre === 'object' ? pre.rulings !== false : true;
}

/**
 * Table ruling lines of a page that has a text layer, at `dpi`, when its text sits in columns (a table,
 * a letterhead; reading the operators costs about as much as reading the text, so body pages are
 * spared): read from its drawing operators, which also never mistakes glyph strokes for lines. A page
 * that paints images over much of its area (a scan under an OCR text layer) has its lines in the
 * pixels, and so may a page whose operators cannot be read: those get the raster detector on a cheap
 * render.
 */
async function textPageRulings(page: PDFPageProxy, dpi: number, file: string): Promise<Rulings | undefined> {
  if (!(await looksTabular(page))) return undefined;
  const vector = await vectorRulings(page, dpi).catch(() => null);
  if (vector) return vector;
  const low = Math.min(dpi, RULING_DPI);
  const raster = await rasterizePdfPage(page, low, file);
  return scaleRulings(detectRulings(inkMask(raster), low), dpi / low);
}

/** At most this many table cells are read again one by one on a page. */
const MAX_CELL_RETRIES = 60;

/**
 * Page segmentation drops short lone text in table cells ("I", "1.", "2" in the STT column): a cell
 * that holds ink but no word is read again on its own as one block of text.
 */
async function readMissedCells(pool: OcrPool, image: PageImage, blocks: OcrBlock[], rulings: Rulings | undefined): Promise<OcrBlock[]> {
  const grid = tableGrid(rulings, image.dpi);
  if (!grid) return [];
  const centers = blocks.flatMap((b) => b.lines.flatMap((l) => l.words.map((w) => [(w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2])));
  const inset = Math.max(2, Math.round(image.dpi / 50));
  const missed = gridCells(grid)
    .map(([x0, y0, x1, y1]) => ({ left: Math.round(x0) + inset, top: Math.round(y0) + inset, width: Math.round(x1 - x0) - 2 * inset, height: Math.round(y1 - y0) - 2 * inset }))
    .filter((c) => c.width > 4 && c.height > 4)
    .filter((c) => !centers.some(([x, y]) => x >= c.left && x < c.left + c.width && y >= c.top && y < c.top + c.height))
    .filter((c) => inkPixels(image, c) >= Math.max(8, (image.dpi / 100) ** 2 * 4))
    .slice(0, MAX_CELL_RETRIES);
  const found = await Promise.all(
    missed.map(async (cell) => offsetBlocks((await pool.recognize(cropImage(image, cell), { psm: '7' })).blocks, cell.left, cell.top)),
  );
  return found.flat();
}

function inkPixels(image: PageImage, c: { left: number; top: number; width: number; height: number }): number {
  let n = 0;
  for (let y = c.top; y < c.top + c.height; y++) {
    const row = y * image.width;
    for (let x = c.left; x < c.left + c.width; x++) if (image.data[row + x] < 128) n++;
  }
  return n;
}

async function recognizePage(image: PageImage, pre: PreprocessedPage, options: OcrPageOptions): Promise<OcrPage> {
  const base: OcrPage = {
    index: image.index,
    source: 'ocr',
    width: pre.image.width,
    height: pre.image.height,
    dpi: image.dpi,
    ...(pre.turnDeg ? { turnDeg: pre.turnDeg } : {}),
    skewDeg: pre.skewDeg,
    meanConfidence: null,
    text: '',
    blocks: [],
    ...(pre.rulings ? { rulings: pre.rulings } : {}),
  };
  if (!pre.content) return base; // blank page: nothing to read
  const ownPool = options.pool ? null : await createOcrPool({ size: 1 });
  try {
    const pool = options.pool ?? ownPool!;
    const { left, top } = pre.content;
    const result = await pool.recognize(cropImage(pre.image, pre.content));
    const blocks = offsetBlocks(result.blocks, left, top);
    blocks.push(...(await readMissedCells(pool, pre.image, blocks, pre.rulings)));
    const text = layoutPageText(blocks.flatMap((b) => b.lines), pre.rulings, image.dpi);
    return { ...base, blocks, text, meanConfidence: meanWordConfidence(blocks) };
  } finally {
    await ownPool?.terminate();
  }
}
