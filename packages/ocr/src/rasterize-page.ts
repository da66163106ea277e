import { createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { SohoaError } from '@sohoa/core';
import { rgbaToGray } from './gray-pixels.js';
import type { GrayImage, PageImage } from './page-image.js';
import { scanImageOfPage } from './scan-image.js';

/**
 * One PDF page as gray pixels at `dpi` (the caller has checked the page size): a plain scanned page is
 * taken from its image, anything else is drawn.
 */
export async function rasterizePdfPage(page: PDFPageProxy, dpi: number, file: string): Promise<PageImage> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  try {
    const scan = await scanImageOfPage(page, width, height);
    if (scan) return { ...scan, dpi, index: page.pageNumber - 1 };
  } catch {
    // a page whose operators cannot be read is the renderer's to report
  }
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  try {
    await page.render({ canvas: canvas as never, canvasContext: ctx as never, viewport, background: 'white' }).promise;
  } catch (err) {
    throw new SohoaError('CORRUPT_FILE', `page ${page.pageNumber} cannot be drawn: ${(err as Error)?.message ?? String(err)}`, {
      stage: 'ocr',
      file,
      cause: err,
    });
  }
  const rgba = ctx.getImageData(0, 0, width, height).data;
  return { ...rgbaToGray(rgba, width, height), dpi, index: page.pageNumber - 1 };
}

/** Assumed resolution of an image file that does not say (scanners default to 300). */
export const ASSUMED_IMAGE_DPI = 300;

/**
 * One page (frame) of a PNG/JPEG/TIFF as gray pixels. The image keeps its own resolution unless `dpi`
 * asks for another and the file states its resolution.
 */
export async function rasterizeImagePage(path: string, index: number, dpi: number | undefined, file: string): Promise<PageImage> {
  try {
    const meta = await sharp(path, { page: index }).metadata();
    // 72 and 96 are what software writes when it knows nothing: treat them as unknown
    const ownDpi = meta.density && meta.density >= 100 ? meta.density : null;
    let pipeline = sharp(path, { page: index }).rotate().flatten({ background: '#ffffff' });
    let outDpi = ownDpi ?? ASSUMED_IMAGE_DPI;
    if (dpi && ownDpi && Math.abs(dpi - ownDpi) / ownDpi > 0.1 && meta.width && meta.height) {
      pipeline = pipeline.resize(Math.round((meta.width * dpi) / ownDpi));
      outDpi = dpi;
    }
    const { data, info } = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    const gray =
      info.channels === 1 ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : firstChannel(data, info.width, info.height, info.channels);
    return { data: gray, width: info.width, height: info.height, dpi: outDpi, index };
  } catch (err) {
    throw imageError(err, file);
  }
}

function firstChannel(data: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels];
  return out;
}

export function imageError(err: unknown, file: string): SohoaError {
  if (err instanceof SohoaError) return err;
  const message = (err as Error | undefined)?.message ?? String(err);
  if (/pixel limit/i.test(message)) {
    return new SohoaError('PAGE_TOO_LARGE', `the image is too large to process (${message})`, { stage: 'ocr', file, cause: err });
  }
  if (/premature|truncat|unexpected end/i.test(message)) {
    return new SohoaError('TRUNCATED_FILE', `the image is truncated (${message.trim()})`, { stage: 'ocr', file, cause: err });
  }
  return new SohoaError('CORRUPT_FILE', `the image cannot be decoded (${message.trim() || 'unknown reason'})`, { stage: 'ocr', file, cause: err });
}
