import type { GrayImage } from './page-image.js';

/**
 * Half-size image keeping the darkest pixel of each 2x2 cell: thin ruling lines and strokes survive
 * (an average would fade a 1-pixel line to mid-gray). Page analysis (skew, rulings, ink extent) runs on
 * this quarter of the pixels.
 */
export function downsampleMin2(image: GrayImage): GrayImage {
  const w = image.width >> 1;
  const h = image.height >> 1;
  const src = image.data;
  const sw = image.width;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const r0 = 2 * y * sw;
    const r1 = r0 + sw;
    for (let x = 0; x < w; x++) {
      const i = 2 * x;
      let v = src[r0 + i];
      if (src[r0 + i + 1] < v) v = src[r0 + i + 1];
      if (src[r1 + i] < v) v = src[r1 + i];
      if (src[r1 + i + 1] < v) v = src[r1 + i + 1];
      out[y * w + x] = v;
    }
  }
  return { data: out, width: w, height: h };
}
