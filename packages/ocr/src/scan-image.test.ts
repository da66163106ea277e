import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { median3 } from './denoise.js';
import { openInput } from './open-input.js';
import type { GrayImage } from './page-image.js';
import { contentTokens, isName, isRef, PdfObjects } from './pdf-objects.js';
import { getPdfPage, openPdf } from './pdf-document.js';
import { rasterizePdfPage } from './rasterize-page.js';
import { scanImageOfPage } from './scan-image.js';
import { fixture } from './test-fixtures.js';

const meanAbsDiff = (a: GrayImage, b: GrayImage): number => {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i] - b.data[i]);
  return sum / a.data.length;
};

/** The page drawn by pdfjs on a canvas, the way every page was read before the scan shortcut. */
async function drawnPage(path: string, index: number, dpi: number): Promise<GrayImage> {
  const doc = await openPdf(new Uint8Array(readFileSync(path)), path);
  try {
    const page = await doc.getPage(index + 1);
    // not opened through getPdfPage: the file's bytes are unknown, so only pdfjs can answer
    const { createCanvas } = await import('@napi-rs/canvas');
    const viewport = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const ctx = canvas.getContext('2d');
    await page.render({ canvas: canvas as never, canvasContext: ctx as never, viewport, background: 'white' }).promise;
    const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const data = new Uint8Array(canvas.width * canvas.height);
    for (let i = 0; i < data.length; i++) data[i] = (rgba[i * 4] * 77 + rgba[i * 4 + 1] * 150 + rgba[i * 4 + 2] * 29) >> 8;
    return { data, width: canvas.width, height: canvas.height };
  } finally {
    await doc.destroy();
  }
}

describe('reading a scanned page straight from its image', () => {
  it('gives the pixels pdfjs would draw, for a 200 dpi scan and for one that must be resized', async () => {
    for (const [path, dpi] of [
      [fixture('seed000-mild', 'seed000-mild.pdf'), 200],
      [fixture('unit', 'scanned.pdf'), 150],
    ] as const) {
      const input = await openInput(path);
      if (input.format !== 'pdf') throw new Error('fixture is not a PDF');
      try {
        const page = await getPdfPage(input.doc, 0, path);
        const viewport = page.getViewport({ scale: dpi / 72 });
        const scan = await scanImageOfPage(page, Math.round(viewport.width), Math.round(viewport.height));
        expect(scan, path).not.toBeNull();
        const drawn = await drawnPage(path, 0, dpi);
        expect([scan!.width, scan!.height]).toEqual([drawn.width, drawn.height]);
        // JPEG decoders differ by a level or two; resampling kernels by a few more at stroke edges
        expect(meanAbsDiff(scan!, drawn)).toBeLessThan(dpi === 200 ? 1.5 : 5);
      } finally {
        await input.close();
      }
    }
  });

  it('leaves born-digital pages to the renderer', async () => {
    const path = fixture('unit', 'mixed.pdf');
    const input = await openInput(path);
    if (input.format !== 'pdf') throw new Error('fixture is not a PDF');
    try {
      const page = await getPdfPage(input.doc, 0, path);
      expect(await scanImageOfPage(page, 100, 100)).toBeNull();
      // the scanned page of the same file is read directly
      const scanned = await getPdfPage(input.doc, 1, path);
      const viewport = scanned.getViewport({ scale: 200 / 72 });
      expect(await scanImageOfPage(scanned, Math.round(viewport.width), Math.round(viewport.height))).not.toBeNull();
      const image = await rasterizePdfPage(page, 100, path);
      expect(image.data.some((v) => v < 128)).toBe(true);
    } finally {
      await input.close();
    }
  });
});

describe('PdfObjects', () => {
  const pdf = Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /XObject << /Im#30 5 0 R >> >> >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Note (a (nested) string) >> endobj',
      '4 0 obj << /Length 6 0 R >>\nstream\nq 612 0 0 792 0 0 cm /Im0 Do Q\nendstream endobj',
      '6 0 obj 30 endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
    ].join('\n'),
    'latin1',
  );

  it('reads dictionaries, references, escaped names, strings and indirect stream lengths', () => {
    const objects = new PdfObjects(pdf);
    expect(objects.encrypted).toBe(false);
    const page = objects.get({ num: 3, gen: 0 });
    expect(page instanceof Map && isName(page.get('Type'), 'Page')).toBe(true);
    const pages = objects.get({ num: 2, gen: 0 }) as Map<string, unknown>;
    const xobjects = (pages.get('Resources') as Map<string, unknown>).get('XObject') as Map<string, unknown>;
    expect(isRef(xobjects.get('Im0') as never)).toBe(true);
    const content = objects.decodedStream({ num: 4, gen: 0 });
    expect(Buffer.from(content!).toString('latin1')).toBe('q 612 0 0 792 0 0 cm /Im0 Do Q');
    expect(contentTokens(content!, 64)).toEqual(['q', 612, 0, 0, 792, 0, 0, 'cm', { name: 'Im0' }, 'Do', 'Q']);
    expect(objects.get({ num: 99, gen: 0 })).toBeNull();
  });

  it('refuses content streams that draw text or paths', () => {
    expect(contentTokens(Buffer.from('BT /F1 12 Tf (Hello) Tj ET'), 64)).toBeNull();
    expect(contentTokens(Buffer.from('1 2 3 4 re f '.repeat(100)), 64)).toBeNull();
  });
});

describe('median3', () => {
  const noisy = (): GrayImage => {
    const width = 97;
    const height = 61;
    const data = new Uint8Array(width * height);
    let seed = 7;
    for (let i = 0; i < data.length; i++) data[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    return { data, width, height };
  };

  it('median3 is the true median of each 3x3 window', () => {
    const img = noisy();
    const out = median3(img);
    for (let y = 1; y < img.height - 1; y += 7) {
      for (let x = 1; x < img.width - 1; x += 5) {
        const win: number[] = [];
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) win.push(img.data[(y + dy) * img.width + x + dx]);
        win.sort((a, b) => a - b);
        expect(out.data[y * img.width + x]).toBe(win[4]);
      }
    }
  });
});
