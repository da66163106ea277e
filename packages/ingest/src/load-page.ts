import { mapPages, OcrPageSchema, pagesInFlight, SohoaError, type OcrPage, type SourceKind } from '@sohoa/core';
import type { InputFormat } from './contracts.js';
import type { LazyOcrPool } from './lazy-pool.js';
import { loadOcrModule } from './modules.js';
import { isTextInput, readTextPages } from './text-input.js';

export interface InputDescription {
  format: InputFormat;
  pageCount: number;
  pages: { index: number; hasTextLayer: boolean }[];
}

export interface PageOptions {
  pool: LazyOcrPool;
  dpi?: number;
  forceOcr?: boolean;
}

/** What the file is and how many pages it has, without OCR: enough to fan out page jobs. */
export async function describeInput(path: string): Promise<InputDescription> {
  if (isTextInput(path)) {
    const pages = await readTextPages(path);
    return { format: 'text', pageCount: pages.length, pages: pages.map((p) => ({ index: p.index, hasTextLayer: true })) };
  }
  const info = await (await loadOcrModule()).inspectInput(path);
  if (info.format === 'text') {
    const pages = await readTextPages(path);
    return { format: 'text', pageCount: pages.length, pages: pages.map((p) => ({ index: p.index, hasTextLayer: true })) };
  }
  if (info.pageCount === 0) throw new SohoaError('CORRUPT_FILE', 'the document has no pages', { stage: 'ingest', file: path });
  return { format: info.format, pageCount: info.pageCount, pages: info.pages };
}

/** One page as an OcrPage: the .txt page, the PDF text layer, or OCR (the pool starts on first need). */
export async function loadPage(path: string, input: InputDescription, index: number, options: PageOptions): Promise<OcrPage> {
  if (input.format === 'text') {
    const page = (await readTextPages(path))[index];
    if (!page) throw new SohoaError('INVALID_INPUT', `the text has no page ${index + 1}`, { stage: 'ingest', file: path });
    return page;
  }
  const ocr = await loadOcrModule();
  const needsOcr = options.forceOcr || !input.pages[index]?.hasTextLayer;
  const pool = needsOcr ? await options.pool.get() : undefined;
  const page = await ocr.ocrPage(path, index, { pool, dpi: options.dpi, forceOcr: options.forceOcr });
  const checked = OcrPageSchema.safeParse(page);
  if (!checked.success) {
    throw new SohoaError('INVALID_OUTPUT', `OCR of page ${index + 1} gave an invalid page: ${checked.error.message}`, { stage: 'ocr', file: path });
  }
  return checked.data;
}

export function sourceKind(format: InputFormat, pages: OcrPage[]): SourceKind {
  if (format === 'text') return 'text';
  return pages.every((p) => p.source === 'text-layer') ? 'born-digital' : 'scanned';
}

/**
 * Every page of a file, in order. Pages are loaded concurrently, two more at a time than the pool has
 * workers (pagesInFlight): the main thread prepares the next page (raster, preprocessing) while the
 * workers read, and a worker that finishes finds a page waiting. A failure is reported as mapPages does:
 * the lowest failing page, once the pages running have ended.
 */
export async function loadPages(path: string, input: InputDescription, options: PageOptions, onPage?: (page: OcrPage, pageCount: number) => void): Promise<OcrPage[]> {
  return mapPages(
    input.pageCount,
    pagesInFlight(options.pool),
    (index) => loadPage(path, input, index, options),
    onPage && ((page) => onPage(page, input.pageCount)),
  );
}
