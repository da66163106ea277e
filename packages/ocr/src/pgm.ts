import type { GrayImage } from './page-image.js';

/**
 * Wraps raw gray pixels in a binary PGM header: Leptonica reads it without any decoding work, unlike
 * PNG (whose deflate costs seconds on a noisy scan). A Buffer, as tesseract.js takes it, in one
 * allocation (tesseract.js copies the bytes once more itself).
 */
export function toPgm(image: GrayImage): Buffer {
  const header = `P5\n${image.width} ${image.height}\n255\n`;
  const out = Buffer.allocUnsafe(header.length + image.data.length);
  out.write(header, 0, 'latin1');
  out.set(image.data, header.length);
  return out;
}
