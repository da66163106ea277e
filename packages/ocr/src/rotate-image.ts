import sharp from 'sharp';
import type { GrayImage } from './page-image.js';

/**
 * Rotates by `deg` (clockwise positive) about the centre, keeping the original size, so page
 * coordinates stay comparable; the corners that come in are paper white.
 */
export async function rotateGray(image: GrayImage, deg: number): Promise<GrayImage> {
  const { data, info } = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .rotate(deg, { background: { r: 255, g: 255, b: 255, alpha: 1 } })
    // the background colour makes sharp answer in RGB; asking for one band keeps the whole pipeline gray
    // (a quarter less CPU than converting and extracting a channel, the same pixels)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width: rw, height: rh, channels } = info;
  const left = Math.max(0, Math.floor((rw - image.width) / 2));
  const top = Math.max(0, Math.floor((rh - image.height) / 2));
  const out = new Uint8Array(image.width * image.height).fill(255);
  for (let y = 0; y < image.height && y + top < rh; y++) {
    const src = ((y + top) * rw + left) * channels;
    const dst = y * image.width;
    const n = Math.min(image.width, rw - left);
    if (channels === 1) out.set(data.subarray(src, src + n), dst);
    else for (let x = 0; x < n; x++) out[dst + x] = data[src + x * channels];
  }
  return { data: out, width: image.width, height: image.height };
}
