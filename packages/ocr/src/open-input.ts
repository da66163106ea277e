import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { SohoaError, toSohoaError } from '@sohoa/core';
import { formatFromExtension, sniffFormat, type InputFormat } from './input-format.js';
import { openPdf } from './pdf-document.js';
import { imageError } from './rasterize-page.js';

/** An input file opened once, so several pages can be read from it. */
export type OpenInput =
  | { format: 'pdf'; path: string; bytes: number; pageCount: number; doc: PDFDocumentProxy; close(): Promise<void> }
  | { format: 'png' | 'jpeg' | 'tiff'; path: string; bytes: number; pageCount: number; close(): Promise<void> }
  | { format: 'text'; path: string; bytes: number; pageCount: 1; text: string; close(): Promise<void> };

const describeHead = (data: Uint8Array): string =>
  Array.from(data.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');

/** Reads the file and checks it is a document we can read, throwing a SohoaError that says why not. */
export async function openInput(path: string): Promise<OpenInput> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    throw toSohoaError(err, 'ocr', path);
  }
  if (data.length === 0) throw new SohoaError('EMPTY_FILE', 'the file is empty (0 bytes)', { stage: 'ocr', file: path });
  const sniffed = sniffFormat(data);
  const named = formatFromExtension(path);
  if (sniffed === null || (sniffed === 'text' && named !== null && named !== 'text')) {
    if (named && named !== 'text') {
      throw new SohoaError('CORRUPT_FILE', `the file is named ${basename(path)} but is not a ${named.toUpperCase()} (it starts with bytes ${describeHead(data)})`, {
        stage: 'ocr',
        file: path,
      });
    }
    throw new SohoaError('UNSUPPORTED_FORMAT', `the file is not a PDF, PNG, JPEG, TIFF or text file (it starts with bytes ${describeHead(data)})`, {
      stage: 'ocr',
      file: path,
    });
  }
  const format: InputFormat = sniffed;
  const bytes = data.length;
  if (format === 'pdf') {
    const doc = await openPdf(data, path);
    return { format, path, bytes, pageCount: doc.numPages, doc, close: () => doc.destroy() };
  }
  if (format === 'text') {
    return { format, path, bytes, pageCount: 1, text: data.toString('utf8'), close: async () => undefined };
  }
  let pageCount: number;
  try {
    const meta = await sharp(data, { pages: -1 }).metadata();
    if (!meta.width || !meta.height) throw new Error('zero width or height');
    pageCount = meta.pages ?? 1;
    // decode the first frame fully: a truncated image only fails when its pixels are read
    await sharp(data, { page: 0 }).raw().toBuffer();
  } catch (err) {
    throw imageError(err, path);
  }
  return { format, path, bytes, pageCount, close: async () => undefined };
}
