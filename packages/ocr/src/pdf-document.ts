import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { SohoaError } from '@sohoa/core';
import { PdfObjects } from './pdf-objects.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
// pdfjs reads these from disk in Node (trailing slash required); nothing is fetched
const assets = {
  standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
  wasmUrl: join(pdfjsRoot, 'wasm') + '/',
};

/**
 * Opens PDF bytes with pdfjs, turning its exceptions into SohoaErrors a person understands.
 * The caller owns the document and must `destroy()` it.
 */
export async function openPdf(data: Uint8Array, file: string): Promise<PDFDocumentProxy> {
  if (!hasEofMarker(data)) {
    throw new SohoaError('TRUNCATED_FILE', `the PDF ends early (no %%EOF marker in its last 1024 bytes, ${data.length} bytes in all): the file looks truncated`, {
      stage: 'ocr',
      file,
    });
  }
  // pdfjs transfers the buffer it is given to its worker: hand it a copy
  const task = getDocument({ data: new Uint8Array(data), verbosity: 0, isEvalSupported: false, useSystemFonts: false, ...assets });
  try {
    const doc = await task.promise;
    // kept only where the object scan will use them: holding a huge file's bytes for nothing costs its size
    if (data.length <= MAX_SCANNED_PDF_BYTES) bytesOfDoc.set(doc, data);
    return doc;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw pdfError(err, file);
  }
}

// the file's own bytes, for reading a scanned page's image without pdfjs decoding it (scan-image.ts)
const bytesOfDoc = new WeakMap<PDFDocumentProxy, Uint8Array>();
const objectsOfDoc = new WeakMap<PDFDocumentProxy, PdfObjects>();
const docOfPage = new WeakMap<PDFPageProxy, PDFDocumentProxy>();
/** The object scan holds a string as long as the file: larger files take the slower pdf.js path. */
const MAX_SCANNED_PDF_BYTES = 256 * 2 ** 20;

/** The raw objects of the file a page came from, when it was opened by openPdf/getPdfPage. */
export function pdfObjectsOfPage(page: PDFPageProxy): PdfObjects | null {
  const doc = docOfPage.get(page);
  const bytes = doc && bytesOfDoc.get(doc);
  if (!doc || !bytes) return null;
  let objects = objectsOfDoc.get(doc);
  if (!objects) {
    objects = new PdfObjects(bytes);
    objectsOfDoc.set(doc, objects);
  }
  return objects;
}

function hasEofMarker(data: Uint8Array): boolean {
  const tail = Buffer.from(data.buffer, data.byteOffset, data.byteLength).subarray(Math.max(0, data.byteLength - 1024));
  return tail.includes('%%EOF');
}

export function pdfError(err: unknown, file: string): SohoaError {
  if (err instanceof SohoaError) return err;
  const name = (err as Error | undefined)?.name ?? '';
  const message = (err as Error | undefined)?.message ?? String(err);
  if (name === 'PasswordException') {
    return new SohoaError('ENCRYPTED_FILE', 'the PDF is encrypted (password-protected)', { stage: 'ocr', file, cause: err });
  }
  if (name === 'InvalidPDFException') {
    return new SohoaError('CORRUPT_FILE', `the PDF is damaged and cannot be read (${message})`, { stage: 'ocr', file, cause: err });
  }
  return new SohoaError('CORRUPT_FILE', `the PDF cannot be read: ${message}`, { stage: 'ocr', file, cause: err });
}

/** Larger pages are refused before rasterising: an A0 sheet is 1189 mm on its long side. */
export const MAX_PAGE_SIDE_MM = 2000;
/** A raster bigger than this (at the requested dpi) would exhaust memory on a small worker. */
export const MAX_PAGE_PIXELS = 120_000_000;

const mm = (pt: number): number => Math.round((pt / 72) * 25.4);

export function checkPageSize(page: PDFPageProxy, dpi: number | null, file: string): void {
  const { width, height } = page.getViewport({ scale: 1 });
  const index = page.pageNumber - 1;
  const size = `${mm(width)} x ${mm(height)} mm`;
  if (!(width > 0 && height > 0)) {
    throw new SohoaError('CORRUPT_FILE', `page ${index + 1} has no area (${size})`, { stage: 'ocr', file });
  }
  if (Math.max(mm(width), mm(height)) > MAX_PAGE_SIDE_MM) {
    throw new SohoaError('PAGE_TOO_LARGE', `page ${index + 1} is ${size}; pages over ${MAX_PAGE_SIDE_MM} mm on a side are refused`, {
      stage: 'ocr',
      file,
    });
  }
  if (dpi !== null) {
    const px = Math.ceil((width * dpi) / 72) * Math.ceil((height * dpi) / 72);
    if (px > MAX_PAGE_PIXELS) {
      throw new SohoaError('PAGE_TOO_LARGE', `page ${index + 1} is ${size}, ${Math.round(px / 1e6)} megapixels at ${dpi} dpi (limit ${MAX_PAGE_PIXELS / 1e6})`, {
        stage: 'ocr',
        file,
      });
    }
  }
}

export async function getPdfPage(doc: PDFDocumentProxy, index: number, file: string): Promise<PDFPageProxy> {
  if (!Number.isInteger(index) || index < 0 || index >= doc.numPages) {
    throw new SohoaError('INVALID_INPUT', `page ${index + 1} does not exist (the PDF has ${doc.numPages} pages)`, { stage: 'ocr', file });
  }
  try {
    const page = await doc.getPage(index + 1);
    docOfPage.set(page, doc);
    return page;
  } catch (err) {
    throw pdfError(err, file);
  }
}
