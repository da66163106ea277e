import type { InkMask } from './binarize.js';

export interface SkewOptions {
  /** Search range in degrees either side of level (default 3). */
  rangeDeg?: number;
}

/** Ink points for the fine search: more only sharpen a peak already sharper than the 0.025° step. */
const FINE_POINTS = 60_000;

/**
 * Projection-profile skew estimate: shear the ink pixels by each candidate angle and keep the angle whose
 * row profile is sharpest (text lines collapse into few, tall bins). Positive = the content descends to
 * the right (rotated clockwise); rotate by the negative to correct.
 */
export function estimateSkew(mask: InkMask, options: SkewOptions = {}): number {
  const range = options.rangeDeg ?? 3;
  const { xs, ys } = samplePoints(mask, FINE_POINTS);
  if (xs.length < 200) return 0;
  const bins = new Float64Array(mask.height + mask.width * 0.2 + 4);
  const offset = mask.width * 0.1 + 2;
  let stride = 1;
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i += stride) {
      const b = Math.round(ys[i] - xs[i] * t + offset);
      if (b >= 0 && b < bins.length) bins[b]++;
    }
    let s = 0;
    for (let i = 1; i < bins.length; i++) {
      const d = bins[i] - bins[i - 1];
      s += d * d;
    }
    return s;
  };
  const search = (from: number, to: number, step: number): number => {
    let best = 0;
    let bestScore = -1;
    for (let deg = from; deg <= to + 1e-9; deg += step) {
      const s = score(deg);
      if (s > bestScore) {
        bestScore = s;
        best = deg;
      }
    }
    return best;
  };
  // the coarse scan only has to land within a step of the peak: a third of the points do that
  stride = 3;
  const coarse = search(-range, range, 0.2);
  stride = 1;
  const fine = search(coarse - 0.2, coarse + 0.2, 0.025);
  return Math.round(fine * 1000) / 1000;
}

/** Ink pixel coordinates, subsampled evenly when there are too many. */
function samplePoints(mask: InkMask, limit: number): { xs: Float64Array; ys: Float64Array } {
  let count = 0;
  for (let i = 0; i < mask.data.length; i++) count += mask.data[i];
  const every = Math.max(1, Math.ceil(count / limit));
  const n = Math.floor(count / every);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let seen = 0;
  let k = 0;
  for (let y = 0; y < mask.height && k < n; y++) {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) {
      if (mask.data[row + x] && seen++ % every === 0 && k < n) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
    }
  }
  return { xs: xs.subarray(0, k), ys: ys.subarray(0, k) };
}
