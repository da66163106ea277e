import { maskWords, type InkMask } from './binarize.js';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The part of the page that holds ink, with a margin, or null for a blank page. Rows and columns with
 * only a few ink pixels (scanner dust) do not count. OCR-ing only this box skips the blank margins.
 */
export function contentBox(mask: InkMask, dpi: number): Box | null {
  const { width: w, height: h, data } = mask;
  const rows = new Uint32Array(h);
  const cols = new Uint32Array(w);
  // a page is mostly paper: where the mask is word-aligned, empty runs of four pixels are skipped whole
  const words = maskWords(data);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let n = 0;
    for (let x = 0; x < w; x++) {
      const i = row + x;
      if (words && (i & 3) === 0 && x + 4 <= w && words[i >> 2] === 0) {
        x += 3;
        continue;
      }
      if (data[i]) {
        n++;
        cols[x]++;
      }
    }
    rows[y] = n;
  }
  // a row of text has far more ink than a row crossed by a few specks of dust
  const span = (counts: Uint32Array, across: number): [number, number] | null => {
    const minInk = Math.max(4, Math.round(across * 0.004));
    let first = -1;
    let last = -1;
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] >= minInk) {
        if (first < 0) first = i;
        last = i;
      }
    }
    return first < 0 ? null : [first, last + 1];
  };
  const ys = span(rows, w);
  const xs = span(cols, h);
  if (!ys || !xs) return null;
  const margin = Math.round(dpi * 0.1);
  const left = Math.max(0, xs[0] - margin);
  const top = Math.max(0, ys[0] - margin);
  const right = Math.min(w, xs[1] + margin);
  const bottom = Math.min(h, ys[1] + margin);
  return { left, top, width: right - left, height: bottom - top };
}
