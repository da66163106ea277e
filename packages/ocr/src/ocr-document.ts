import type { OcrPage } from '@sohoa/core';
import { mapPages, pagesInFlight, SohoaError } from '@sohoa/core';
import { inspectOpenInput, type InputInfo } from './inspect-input.js';
import { ocrOpenPage, type OcrPageOptions } from './ocr-page.js';
import { createOcrPool, type OcrPool } from './ocr-pool.js';
import { openInput } from './open-input.js';

export interface OcrDocumentResult {
  info: InputInfo;
  kind: 'scanned' | 'born-digital';
  pages: OcrPage[];
}

/**
 * All pages of a file, in order. Pages go to the pool concurrently (pagesInFlight), so preparing the
 * next pages overlaps recognising this one, but not all at once, to bound memory. A failure throws the
 * lowest failing page's error (mapPages).
 */
export async function ocrDocument(path: string, ctx: OcrPageOptions = {}): Promise<OcrDocumentResult> {
  const input = await openInput(path);
  const ownPool = ctx.pool || input.format === 'text' ? null : await createOcrPool();
  try {
    const info = await inspectOpenInput(input);
    if (input.format === 'text') {
      throw new SohoaError('INVALID_INPUT', 'a text file has no page image to OCR; parse its text directly', { stage: 'ocr', file: path });
    }
    const options = { ...ctx, pool: ctx.pool ?? ownPool! };
    // the pages running when one fails are let finish before the input is closed under them
    const pages: OcrPage[] = await mapPages(info.pageCount, pagesInFlight(options.pool), (index) => ocrOpenPage(input, index, options));
    const textPages = info.pages.filter((p) => p.hasTextLayer).length;
    // what the file is, whether or not its text layer was used
    const kind = textPages * 2 >= info.pageCount ? 'born-digital' : 'scanned';
    return { info, kind, pages };
  } finally {
    await ownPool?.terminate();
    await input.close().catch(() => undefined);
  }
}
