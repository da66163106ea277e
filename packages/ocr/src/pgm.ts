import type { GrayImage } from './page-image.js';

/**
 * Wraps raw gray pixels in a binary PGM header: Leptonica reads it without any decoding work, unlike
 * PNG (whose deflate costs seconds on a noisy scan).
 */
export function toPgm(image: GrayImage): Uint8Array {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}
