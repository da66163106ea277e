import { histogram } from './binarize.js';
import type { GrayImage } from './page-image.js';

/**
 * Contrast stretch: the darkest 0.5% becomes black and the paper (the 90th percentile, pages are mostly
 * paper) becomes white. Left alone when the page has no real contrast, so a blank page's noise is not
 * blown up into speckles.
 */
export function normalizeContrast(image: GrayImage): GrayImage {
  const hist = histogram(image);
  const n = image.data.length;
  const percentile = (p: number): number => {
    let acc = 0;
    for (let v = 0; v < 256; v++) {
      acc += hist[v];
      if (acc >= p * n) return v;
    }
    return 255;
  };
  const black = percentile(0.005);
  const white = percentile(0.9);
  if (white - black < 48 || (black <= 2 && white >= 253)) return image;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(((v - black) * 255) / (white - black))));
  const out = new Uint8Array(n);
  const { data } = image;
  for (let i = 0; i < n; i++) out[i] = lut[data[i]];
  return { data: out, width: image.width, height: image.height };
}
