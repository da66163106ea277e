import { describe, expect, it } from 'vitest';
import { inkMask } from './binarize.js';
import { median3 } from './denoise.js';
import { normalizeContrast } from './normalize.js';
import { openInput } from './open-input.js';
import { estimateOrientation, turnGray, type QuarterTurn } from './orientation.js';
import type { GrayImage } from './page-image.js';
import { getPdfPage } from './pdf-document.js';
import { rasterizeImagePage, rasterizePdfPage } from './rasterize-page.js';
import { fixture } from './test-fixtures.js';

const TURNS: QuarterTurn[] = [0, 90, 180, 270];
/** The turn that undoes `t`. */
const undo = (t: QuarterTurn): QuarterTurn => ((360 - t) % 360) as QuarterTurn;

describe('turnGray', () => {
  it('moves pixels exactly: four quarter turns, or 90 then 270, give the page back', () => {
    const page: GrayImage = { data: Uint8Array.from({ length: 12 }, (_, i) => i), width: 4, height: 3 };
    const once = turnGray(page, 90);
    expect([once.width, once.height]).toEqual([3, 4]);
    // the bottom-left pixel comes to the top-left
    expect(once.data[0]).toBe(8);
    expect(turnGray(turnGray(turnGray(once, 90), 90), 90)).toEqual(page);
    expect(turnGray(once, 270)).toEqual(page);
    expect(turnGray(turnGray(page, 180), 180)).toEqual(page);
    expect(turnGray(page, 0)).toBe(page);
  });
});

describe('estimateOrientation', () => {
  it('finds the turn that makes the scanned fixture upright, whichever way it lies', async () => {
    const page = await rasterizeImagePage(fixture('unit', 'scanned.jpg'), 0, undefined, 'scanned.jpg');
    for (const t of TURNS) expect(estimateOrientation(inkMask(turnGray(page, t)), page.dpi), `turned ${t}`).toBe(undo(t));
  });

  it('does the same on a dusty hard scan of body text and on a landscape table page', async () => {
    for (const [name, index] of [['seed000-hard', 0], ['plan-b-hard', 4]] as const) {
      const path = fixture(name, `${name}.pdf`);
      const input = await openInput(path);
      try {
        if (input.format !== 'pdf') throw new Error('the fixture should open as a PDF');
        const page = median3(normalizeContrast(await rasterizePdfPage(await getPdfPage(input.doc, index, path), 200, path)));
        for (const t of TURNS) expect(estimateOrientation(inkMask(turnGray(page, t)), 200), `${name} page ${index + 1} turned ${t}`).toBe(undo(t));
      } finally {
        await input.close();
      }
    }
  });

  it('reads a ruled table of short cells in another typeface (DejaVu Sans) the right way up, whichever way it lies', async () => {
    // rendered at 200 dpi from corpus text for the orientation check of 2026-12-08; while the rulings
    // counted in the profiles, this page turned 180 was left upside down (too little mark ink to judge)
    const page = await rasterizeImagePage(fixture('unit', 'ruled-table.png'), 0, undefined, 'ruled-table.png');
    const gray = normalizeContrast(page);
    for (const t of TURNS) expect(estimateOrientation(inkMask(turnGray(gray, t)), 200), `turned ${t}`).toBe(undo(t));
  });

  it('does not turn a page whose lines have no marks above or below them (figures only)', () => {
    // 20 lines of word-like blocks all one height: clearly lines across, but nothing tells up from down
    const width = 1200;
    const height = 1600;
    const data = new Uint8Array(width * height);
    for (let line = 0; line < 20; line++) {
      const top = 100 + line * 60;
      for (let x = 100 + (line % 3) * 7; x < 1100; x += 37) for (let y = top; y < top + 22; y++) data.fill(1, y * width + x, y * width + x + 25);
    }
    expect(estimateOrientation({ data, width, height }, 200)).toBe(0);
  });

  it('leaves a page with too little ink to tell alone', () => {
    const data = new Uint8Array(400 * 300);
    for (let x = 50; x < 350; x++) data[150 * 400 + x] = 1; // one rule
    expect(estimateOrientation({ data, width: 400, height: 300 }, 200)).toBe(0);
    expect(estimateOrientation({ data: new Uint8Array(400 * 300), width: 400, height: 300 }, 200)).toBe(0);
  });
});
