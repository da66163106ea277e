import { describe, expect, it } from 'vitest';
import { degradePage, parsePgm, toPgm } from './degrade-page.js';
import { seededRandom } from './corpus-sample.js';
import { pagesToHtml } from './render-pages.js';

function page(width: number, height: number): { width: number; height: number; pixels: Buffer } {
  const pixels = Buffer.alloc(width * height, 255);
  for (let y = 10; y < 20; y++) for (let x = 10; x < 50; x++) pixels[y * width + x] = 0; // a black bar
  return { width, height, pixels };
}

describe('page images', () => {
  it('round-trips PGM', () => {
    const img = page(64, 32);
    const back = parsePgm(toPgm(img));
    expect([back.width, back.height]).toEqual([64, 32]);
    expect(Buffer.compare(back.pixels, img.pixels)).toBe(0);
  });

  it('degrades a page but keeps its ink where it was', async () => {
    const img = page(200, 100);
    const out = await degradePage(img, { scale: 0.6, blurSigma: 0.8, noiseSigma: 8, paper: 235, threshold: null }, seededRandom(1));
    expect(out.pixels.length).toBe(img.pixels.length);
    expect(out.pixels[15 * 200 + 30]).toBeLessThan(90); // inside the bar
    expect(out.pixels[60 * 200 + 150]).toBeGreaterThan(190); // paper
    expect(Buffer.compare(out.pixels, img.pixels)).not.toBe(0);
  });

  it('prints each truth line as its own escaped block', () => {
    const html = pagesToHtml([{ id: 'p', lines: ['a < b & c', 'dòng hai'], paragraphStarts: [true, false], fontPt: 12 }]);
    expect(html).toContain('<div class="l p">a &lt; b &amp; c</div>');
    expect(html).toContain('<div class="l">dòng hai</div>');
    expect(html).toContain("font-family: 'Liberation Serif'");
  });
});
