import type { GrayImage } from './page-image.js';

// BT.601 luma in fixed point, the same for every path a page can take to gray pixels

/** RGBA (a canvas, a decoded image with alpha) to gray; transparent pixels are paper. */
export function rgbaToGray(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): GrayImage {
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    const a = rgba[j + 3];
    const luma = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
    out[i] = a === 255 ? luma : 255 - (((255 - luma) * a) >> 8);
  }
  return { data: out, width, height };
}

/** Packed RGB to gray. */
export function rgbToGray(rgb: Uint8ClampedArray | Uint8Array, width: number, height: number): GrayImage {
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += 3) out[i] = (rgb[j] * 77 + rgb[j + 1] * 150 + rgb[j + 2] * 29) >> 8;
  return { data: out, width, height };
}
