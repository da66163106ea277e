import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { SohoaError, type OcrPage } from '@sohoa/core';

/** Text that was OCR'd elsewhere (as in the seeds): no OCR, one page per form feed. */
export function isTextInput(path: string): boolean {
  return ['.txt', '.text'].includes(extname(path).toLowerCase());
}

export async function readTextPages(path: string): Promise<OcrPage[]> {
  const bytes = await readFile(path);
  if (bytes.length === 0) throw new SohoaError('EMPTY_FILE', 'the file is empty (0 bytes)', { stage: 'ingest', file: path });
  return splitTextPages(decodeText(bytes, path));
}

export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.includes(0)) {
    throw new SohoaError('UNSUPPORTED_FORMAT', 'the .txt file holds binary data, not text', { stage: 'ingest', file });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '').normalize('NFC');
  } catch {
    throw new SohoaError('UNSUPPORTED_FORMAT', 'the .txt file is not UTF-8 text', { stage: 'ingest', file });
  }
}

export function splitTextPages(text: string): OcrPage[] {
  const parts = text.replace(/\r\n?/g, '\n').split('\f');
  // A form feed that ends the file closes the last page; it does not open an empty one.
  if (parts.length > 1 && parts[parts.length - 1].trim() === '') parts.pop();
  return parts.map((pageText, index) => textPage(index, pageText));
}

function textPage(index: number, text: string): OcrPage {
  return { index, source: 'text-layer', width: 1, height: 1, dpi: null, skewDeg: null, meanConfidence: null, text, blocks: [] };
}
