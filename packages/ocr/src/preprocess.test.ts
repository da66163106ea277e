import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inkMask, otsuThreshold, sauvolaMask, type InkMask } from './binarize.js';
import { contentBox } from './content-box.js';
import { normalizeContrast } from './normalize.js';
import type { GrayImage } from './page-image.js';
import { preprocessPage } from './preprocess.js';
import { median3 } from './denoise.js';
import { openInput } from './open-input.js';
import { getPdfPage } from './pdf-document.js';
import { rasterizeImagePage, rasterizePdfPage } from './rasterize-page.js';
import { rotateGray } from './rotate-image.js';
import { detectRulings } from './rulings.js';
import { estimateSkew } from './skew.js';
import { fixture } from './test-fixtures.js';

/** A white page with dark "text lines" (dashed bars) and, optionally, a ruled 3x2 grid. */
function syntheticPage(width: number, height: number, grid: boolean): GrayImage {
  const data = new Uint8Array(width * height).fill(235);
  const ink = (x0: number, y0: number, x1: number, y1: number): void => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = 20;
  };
  for (let y = 40; y < height / 2; y += 30) for (let x = 40; x < width - 60; x += 22) ink(x, y, x + 16, y + 12); // words
  if (grid) {
    const top = Math.round(height * 0.6);
    for (const y of [top, top + 60, top + 120, top + 180]) ink(50, y, width - 50, y + 3);
    for (const x of [50, 200, width - 53]) ink(x, top, x + 3, top + 183);
  }
  return { data, width, height };
}

/** The same mask at an odd byte offset: the scans that read four pixels at a time must fall back to one. */
function unaligned(mask: InkMask): InkMask {
  const data = new Uint8Array(mask.data.length + 1).subarray(1);
  data.set(mask.data);
  return { data, width: mask.width, height: mask.height };
}

describe('binarisation', () => {
  it('reads whole words of the mask with the same answers as pixel by pixel', () => {
    // odd width, so rows start at every alignment
    const mask = inkMask(syntheticPage(403, 331, true));
    const copy = { ...mask, data: mask.data.slice() };
    expect(contentBox(unaligned(mask), 300)).toEqual(contentBox(mask, 300));
    expect(detectRulings(unaligned(mask), 300)).toEqual(detectRulings(mask, 300));
    expect(estimateSkew(unaligned(copy))).toBe(estimateSkew(copy));
    const reused = inkMask(syntheticPage(403, 331, false), undefined, mask.data);
    expect(reused.data).toBe(mask.data);
    expect(reused.data).toEqual(inkMask(syntheticPage(403, 331, false)).data);
  });

  it('Otsu splits ink from paper and a blank page has no ink', () => {
    const page = syntheticPage(400, 300, false);
    const t = otsuThreshold(page);
    expect(t).toBeGreaterThanOrEqual(20);
    expect(t).toBeLessThan(235);
    const noise = new Uint8Array(200 * 200);
    for (let i = 0; i < noise.length; i++) noise[i] = 225 + ((i * 7919) % 23);
    const blank = inkMask({ data: noise, width: 200, height: 200 });
    expect(blank.data.reduce((a, b) => a + b, 0)).toBe(0);
    expect(contentBox(blank, 300)).toBeNull();
  });

  it('sauvola keeps faint strokes on a dark-gradient page', () => {
    const w = 200;
    const data = new Uint8Array(w * 100);
    for (let y = 0; y < 100; y++) for (let x = 0; x < w; x++) data[y * w + x] = 120 + Math.round(x / 2) - (x % 40 < 4 ? 60 : 0);
    const mask = sauvolaMask({ data, width: w, height: 100 }, 31);
    expect(mask.data[50 * w + 162]).toBe(1); // a stroke on the light side
    expect(mask.data[50 * w + 170]).toBe(0); // paper on the light side
    expect(mask.data[50 * w + 2]).toBe(1); // a stroke on the dark side
    expect(mask.data[50 * w + 20]).toBe(0); // paper on the dark side
  });

  it('normalisation stretches a gray scan but leaves a blank page alone', () => {
    const page = syntheticPage(300, 200, false);
    const out = normalizeContrast(page);
    expect(Math.min(...out.data)).toBe(0);
    expect(Math.max(...out.data)).toBe(255);
    const flat = { data: new Uint8Array(100).fill(240), width: 10, height: 10 };
    expect(normalizeContrast(flat)).toBe(flat);
  });
});

describe('skew', () => {
  it('finds a known rotation within 0.2 degrees', async () => {
    const page = syntheticPage(900, 700, false);
    for (const deg of [-2.2, 0, 1.3]) {
      const rotated = await rotateGray(page, deg);
      expect(Math.abs(estimateSkew(inkMask(rotated)) - deg)).toBeLessThan(0.2);
    }
  });

  it('reads the 1.5 degree tilt of the scanned fixture', async () => {
    const image = await rasterizeImagePage(fixture('unit', 'scanned.jpg'), 0, undefined, 'scanned.jpg');
    expect(estimateSkew(inkMask(image))).toBeCloseTo(1.5, 0);
  });

  it('reads the tilt of every hard scan page, dust and all', async () => {
    // the generator turns each page 1.1-1.5 degrees, one way then the other (scripts/fixtures/degrade-scan.ts);
    // a coarse scan over a third of the points once put page 2 at +3.1 degrees
    const path = fixture('seed000-hard', 'seed000-hard.pdf');
    const input = await openInput(path);
    try {
      if (input.format !== 'pdf') throw new Error('the fixture should open as a PDF');
      for (let i = 0; i < input.pageCount; i++) {
        const page = await rasterizePdfPage(await getPdfPage(input.doc, i, path), 200, path);
        const skew = estimateSkew(inkMask(median3(normalizeContrast(page))));
        expect(Math.abs(skew), `page ${i + 1}`).toBeGreaterThan(1);
        expect(Math.abs(skew), `page ${i + 1}`).toBeLessThan(1.6);
      }
    } finally {
      await input.close();
    }
  });
});

describe('rulings', () => {
  it('finds the grid and not the text', () => {
    const page = syntheticPage(600, 500, true);
    const r = detectRulings(inkMask(page), 300);
    expect(r.horizontal).toHaveLength(4);
    expect(r.vertical).toHaveLength(3);
    expect(r.horizontal[0]).toEqual([50, 300, 550, 303]);
    expect(r.vertical[1]).toEqual([200, 300, 203, 483]);
  });

  it('bridges small breaks in a faded scanned line', () => {
    const mask: InkMask = { data: new Uint8Array(500 * 50), width: 500, height: 50 };
    for (let x = 10; x < 490; x++) if (x % 60 !== 0) mask.data[20 * 500 + x] = mask.data[21 * 500 + x] = 1;
    const r = detectRulings(mask, 300);
    expect(r.horizontal).toEqual([[10, 20, 490, 22]]);
  });
});

describe('preprocessPage', () => {
  it('deskews the scan, finds its table grid and the inked area', async () => {
    const image = await rasterizeImagePage(fixture('unit', 'scanned.jpg'), 0, undefined, 'scanned.jpg');
    const pre = await preprocessPage(image);
    expect(pre.skewDeg).toBeCloseTo(1.5, 0);
    expect(pre.image.width).toBe(image.width);
    // after deskew the 4 horizontal rulings are level: each is only a few pixels thick
    expect(pre.rulings?.horizontal).toHaveLength(4);
    expect(pre.rulings?.vertical).toHaveLength(4);
    for (const [, y0, , y1] of pre.rulings!.horizontal) expect(y1 - y0).toBeLessThan(8);
    expect(pre.content).not.toBeNull();
    expect(pre.content!.height).toBeLessThan(image.height * 0.75); // the blank bottom is skipped
    const plain = await preprocessPage(image, false);
    expect(plain.skewDeg).toBeNull();
    expect(plain.rulings).toBeUndefined();
  });

  it('binarises on request', async () => {
    const page = { ...syntheticPage(300, 200, true), dpi: 300, index: 0 };
    const pre = await preprocessPage(page, { binarize: 'otsu', deskew: false });
    expect(new Set(pre.image.data)).toEqual(new Set([0, 255]));
    const png = await sharp(Buffer.from(pre.image.data), { raw: { width: 300, height: 200, channels: 1 } }).png().toBuffer();
    expect(png.length).toBeGreaterThan(0);
  });
});

describe('denoising', () => {
  it('measures grain and smooths it only on grainy pages', async () => {
    const { paperNoise } = await import('./denoise.js');
    const clean = syntheticPage(300, 200, false);
    let seed = 12345;
    const rnd = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return ((seed >>> 0) % 41) - 20;
    };
    const grainy = { ...clean, data: clean.data.map((v) => (v > 200 ? Math.min(255, Math.max(0, v + rnd())) : v)) };
    expect(paperNoise(clean, 127)).toBe(0);
    expect(paperNoise(grainy, 127)).toBeGreaterThan(6);
    const smoothed = await preprocessPage({ ...grainy, dpi: 300, index: 0 }, { deskew: false });
    const kept = await preprocessPage({ ...grainy, dpi: 300, index: 0 }, { deskew: false, denoise: false });
    expect(paperNoise(smoothed.image, 127)).toBeLessThan(paperNoise(kept.image, 127) / 2);
    const untouched = await preprocessPage({ ...clean, dpi: 300, index: 0 }, { deskew: false, normalize: false });
    expect(untouched.image.data).toEqual(clean.data);
  });
});
