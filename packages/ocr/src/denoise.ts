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

function median3of(p: number, q: number, r: number): number {
  const low = p < q ? p : q;
  const high = p < q ? q : p;
  const capped = high < r ? high : r;
  return low > capped ? low : capped;
}

/**
 * 3x3 median: removes grain and dust specks from a noisy scan at the cost of some stroke detail. Each
 * column's three values are sorted once and shared by the three windows that contain them; the median
 * of nine is then the median of (largest low, median middle, smallest high). Done here rather than in
 * libvips because its rank filter costs several times more on a page, and this runs on every noisy page.
 * Edge pixels use the nearest row/column.
 */
export function median3(image: GrayImage): GrayImage {
  const { data, width: w, height: h } = image;
  const out = new Uint8Array(w * h);
  const lo = new Uint8Array(w + 2);
  const mid = new Uint8Array(w + 2);
  const hi = new Uint8Array(w + 2);
  for (let y = 0; y < h; y++) {
    const up = (y > 0 ? y - 1 : y) * w;
    const row = y * w;
    const down = (y < h - 1 ? y + 1 : y) * w;
    for (let x = 0; x < w; x++) {
      let a = data[up + x];
      let b = data[row + x];
      let c = data[down + x];
      let t: number;
      if (a > b) {
        t = a;
        a = b;
        b = t;
      }
      if (b > c) {
        t = b;
        b = c;
        c = t;
      }
      if (a > b) {
        t = a;
        a = b;
        b = t;
      }
      lo[x + 1] = a;
      mid[x + 1] = b;
      hi[x + 1] = c;
    }
    lo[0] = lo[1];
    mid[0] = mid[1];
    hi[0] = hi[1];
    lo[w + 1] = lo[w];
    mid[w + 1] = mid[w];
    hi[w + 1] = hi[w];
    for (let x = 0; x < w; x++) {
      const l0 = lo[x];
      const l1 = lo[x + 1];
      const l2 = lo[x + 2];
      const maxLo = l0 > l1 ? (l0 > l2 ? l0 : l2) : l1 > l2 ? l1 : l2;
      const h0 = hi[x];
      const h1 = hi[x + 1];
      const h2 = hi[x + 2];
      const minHi = h0 < h1 ? (h0 < h2 ? h0 : h2) : h1 < h2 ? h1 : h2;
      out[row + x] = median3of(maxLo, median3of(mid[x], mid[x + 1], mid[x + 2]), minHi);
    }
  }
  return { data: out, width: w, height: h };
}
