import type { GrayImage } from './page-image.js';

/** A 0/1 mask, 1 = ink. */
export interface InkMask {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * The mask's bytes read four at a time (null when its start is not 4-byte aligned; the last
 * `length % 4` bytes are not covered). A page is mostly paper: scans skip the zero words.
 */
export function maskWords(data: Uint8Array): Uint32Array | null {
  return data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : null;
}

export function histogram(image: GrayImage): Float64Array {
  // counted in integers (a float increment per pixel is several times slower), in four interleaved
  // tables (neighbouring pixels mostly share a value, and one table makes each increment wait for the
  // last: half the time), handed out as floats
  const counts = new Uint32Array(1024);
  const { data } = image;
  const end = data.length & ~3;
  let i = 0;
  for (; i < end; i += 4) {
    counts[data[i]]++;
    counts[256 + data[i + 1]]++;
    counts[512 + data[i + 2]]++;
    counts[768 + data[i + 3]]++;
  }
  for (; i < data.length; i++) counts[data[i]]++;
  const out = new Float64Array(256);
  for (let v = 0; v < 256; v++) out[v] = counts[v] + counts[256 + v] + counts[512 + v] + counts[768 + v];
  return out;
}

/** Otsu's global threshold: pixels <= the returned value are ink. */
export function otsuThreshold(image: GrayImage): number {
  return otsuOfHistogram(histogram(image), image.data.length);
}

function otsuOfHistogram(hist: Float64Array, total: number): number {
  let sumAll = 0;
  for (let t = 0; t < 256; t++) sumAll += t * hist[t];
  let sumBack = 0;
  let weightBack = 0;
  let best = 127;
  let bestVariance = -1;
  for (let t = 0; t < 256; t++) {
    weightBack += hist[t];
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += t * hist[t];
    const meanBack = sumBack / weightBack;
    const meanFore = (sumAll - sumBack) / weightFore;
    const variance = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  return best;
}

/** `into` when it has the right size (page-sized allocations cost GC time), else a new buffer. */
function maskBuffer(length: number, into: Uint8Array | undefined): Uint8Array {
  return into && into.length === length ? into : new Uint8Array(length);
}

/** `into`: a buffer of the image's size to reuse for the mask. */
export function thresholdMask(image: GrayImage, threshold: number, into?: Uint8Array): InkMask {
  const out = maskBuffer(image.data.length, into);
  const { data } = image;
  for (let i = 0; i < data.length; i++) out[i] = data[i] <= threshold ? 1 : 0;
  return { data: out, width: image.width, height: image.height };
}

export function otsuMask(image: GrayImage): InkMask {
  return thresholdMask(image, otsuThreshold(image));
}

/**
 * Sauvola-like local threshold (T = m * (1 + k (s / 128 - 1)) over a window), for pages with uneven
 * lighting where one global threshold loses faint strokes. Integral images keep it O(pixels).
 */
export function sauvolaMask(image: GrayImage, windowPx: number, k = 0.2): InkMask {
  const { width: w, height: h, data } = image;
  const stride = w + 1;
  const sum = new Float64Array(stride * (h + 1));
  const sq = new Float64Array(stride * (h + 1));
  for (let y = 0; y < h; y++) {
    let rowSum = 0;
    let rowSq = 0;
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x];
      rowSum += v;
      rowSq += v * v;
      sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1] + rowSum;
      sq[(y + 1) * stride + x + 1] = sq[y * stride + x + 1] + rowSq;
    }
  }
  const r = Math.max(1, Math.floor(windowPx / 2));
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const n = (y1 - y0) * (x1 - x0);
      const s = sum[y1 * stride + x1] - sum[y0 * stride + x1] - sum[y1 * stride + x0] + sum[y0 * stride + x0];
      const s2 = sq[y1 * stride + x1] - sq[y0 * stride + x1] - sq[y1 * stride + x0] + sq[y0 * stride + x0];
      const mean = s / n;
      const std = Math.sqrt(Math.max(0, s2 / n - mean * mean));
      out[y * w + x] = data[y * w + x] <= mean * (1 + k * (std / 128 - 1)) ? 1 : 0;
    }
  }
  return { data: out, width: w, height: h };
}

/** Back to a gray image (ink black, paper white), e.g. to hand a binarised page to tesseract. */
export function maskToGray(mask: InkMask): GrayImage {
  const out = new Uint8Array(mask.data.length);
  for (let i = 0; i < out.length; i++) out[i] = mask.data[i] ? 0 : 255;
  return { data: out, width: mask.width, height: mask.height };
}

/**
 * Otsu's mask, but empty when ink and paper are not clearly apart (a blank page: Otsu would otherwise
 * split the paper's noise into "ink").
 */
export function inkMask(image: GrayImage, minContrast = 60, into?: Uint8Array): InkMask {
  const hist = histogram(image);
  const t = otsuOfHistogram(hist, image.data.length);
  let nInk = 0;
  let sInk = 0;
  let nPaper = 0;
  let sPaper = 0;
  for (let v = 0; v < 256; v++) {
    if (v <= t) {
      nInk += hist[v];
      sInk += v * hist[v];
    } else {
      nPaper += hist[v];
      sPaper += v * hist[v];
    }
  }
  if (nInk === 0 || nPaper === 0 || sPaper / nPaper - sInk / nInk < minContrast) {
    return { data: maskBuffer(image.data.length, into).fill(0), width: image.width, height: image.height };
  }
  return thresholdMask(image, t, into);
}
