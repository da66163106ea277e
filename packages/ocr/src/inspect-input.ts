import { toSohoaError } from '@sohoa/core';
import type { InputFormat } from './input-format.js';
import { openInput, type OpenInput } from './open-input.js';
import { checkPageSize, getPdfPage } from './pdf-document.js';
import { pageHasTextLayer } from './text-layer.js';

export interface InputInfo {
  path: string;
  bytes: number;
  format: InputFormat;
  pageCount: number;
  pages: { index: number; hasTextLayer: boolean }[];
}

/** What a file is and what its pages hold, without OCR. Throws a SohoaError naming the file for bad input. */
export async function inspectInput(path: string): Promise<InputInfo> {
  const input = await openInput(path);
  try {
    return await inspectOpenInput(input);
  } finally {
    await input.close().catch(() => undefined);
  }
}

export async function inspectOpenInput(input: OpenInput): Promise<InputInfo> {
  const { path, bytes, format, pageCount } = input;
  const pages: InputInfo['pages'] = [];
  try {
    for (let index = 0; index < pageCount; index++) {
      if (input.format === 'pdf') {
        const page = await getPdfPage(input.doc, index, path);
        checkPageSize(page, null, path);
        pages.push({ index, hasTextLayer: await pageHasTextLayer(page) });
        page.cleanup();
      } else {
        pages.push({ index, hasTextLayer: input.format === 'text' });
      }
    }
  } catch (err) {
    throw toSohoaError(err, 'ocr', path);
  }
  return { path, bytes, format, pageCount, pages };
}
