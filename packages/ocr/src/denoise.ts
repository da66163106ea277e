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

/**
 * 3x3 median: removes grain and dust specks from a noisy scan at the cost of some stroke detail. Each
 * column's three values are sorted once and shared by the three windows that contain them; the median
 * of nine is then the median of (largest low, median middle, smallest high). Done here rather than in
 * libvips because its rank filter costs several times more on a page, and this runs on every noisy page.
 * Every min/max is branch-free (the sign of a difference as a mask): on grainy paper the comparisons
 * are coin flips, and mispredicted branches made it 3.5x slower. Edge pixels use the nearest row/column.
 */
export function median3(image: GrayImage): GrayImage {
  const { data, width: w, height: h } = image;
  const out = new Uint8Array(w * h);
  const lo = new Int32Array(w + 2);
  const mid = new Int32Array(w + 2);
  const hi = new Int32Array(w + 2);
  for (let y = 0; y < h; y++) {
    const up = (y > 0 ? y - 1 : y) * w;
    const row = y * w;
    const down = (y < h - 1 ? y + 1 : y) * w;
    for (let x = 0; x < w; x++) {
      const a = data[up + x];
      const b = data[row + x];
      const c = data[down + x];
      // m = -1 when d < 0: then x + (d & m) is the smaller of the pair, y - (d & m) the larger
      let d = a - b;
      let m = d >> 31;
      const low1 = b + (d & m);
      const high1 = a - (d & m);
      d = low1 - c;
      m = d >> 31;
      const rest = low1 - (d & m);
      lo[x + 1] = c + (d & m);
      d = high1 - rest;
      m = d >> 31;
      mid[x + 1] = rest + (d & m);
      hi[x + 1] = high1 - (d & m);
    }
    lo[0] = lo[1];
    mid[0] = mid[1];
    hi[0] = hi[1];
    lo[w + 1] = lo[w];
    mid[w + 1] = mid[w];
    hi[w + 1] = hi[w];
    for (let x = 0; x < w; x++) {
      // largest of the lows
      let d = lo[x] - lo[x + 1];
      let m = d >> 31;
      let maxLo = lo[x] - (d & m);
      d = maxLo - lo[x + 2];
      m = d >> 31;
      maxLo -= d & m;
      // smallest of the highs
      d = hi[x] - hi[x + 1];
      m = d >> 31;
      let minHi = hi[x + 1] + (d & m);
      d = minHi - hi[x + 2];
      m = d >> 31;
      minHi = hi[x + 2] + (d & m);
      // median of the middles: max(min(p, q), min(max(p, q), r))
      d = mid[x] - mid[x + 1];
      m = d >> 31;
      const minPq = mid[x + 1] + (d & m);
      const maxPq = mid[x] - (d & m);
      d = maxPq - mid[x + 2];
      m = d >> 31;
      const capped = mid[x + 2] + (d & m);
      d = minPq - capped;
      m = d >> 31;
      const midMid = minPq - (d & m);
      // median of (maxLo, midMid, minHi), the same way
      d = maxLo - midMid;
      m = d >> 31;
      const low = midMid + (d & m);
      const high = maxLo - (d & m);
      d = high - minHi;
      m = d >> 31;
      const cap = minHi + (d & m);
      d = low - cap;
      m = d >> 31;
      out[row + x] = low - (d & m);
    }
  }
  return { data: out, width: w, height: h };
}
