import sharp from 'sharp';
import type { GrayImage } from './page-image.js';

/**
 * Grain of the paper: mean absolute difference between horizontally adjacent paper pixels (brighter
 * than `threshold`), on every 4th row. Smooth lighting changes barely count; sensor noise does.
 */
export function paperNoise(image: GrayImage, threshold: number): number {
  const { data, width, height } = image;
  let n = 0;
  let sum = 0;
  for (let y = 0; y < height; y += 4) {
    const row = y * width;
    for (let x = 1; x < width; x++) {
      const a = data[row + x - 1];
      const b = data[row + x];
      if (a > threshold && b > threshold) {
        sum += a > b ? a - b : b - a;
        n++;
      }
    }
  }
  return n ? sum / n : 0;
}

/** 3x3 median: removes grain and dust specks from a noisy scan at the cost of some stroke detail. */
export async function median3(image: GrayImage): Promise<GrayImage> {
  const out = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .median(3)
    .extractChannel(0)
    .raw()
    .toBuffer();
  return { data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), width: image.width, height: image.height };
}
