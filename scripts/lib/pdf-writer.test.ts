import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readJpegFrame, writeImagePdf } from './pdf-writer.js';

async function jpegOf(width: number, height: number, channels: 1 | 3): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: 3, background: { r: 255, g: 255, b: 255 } } }).composite([
    { input: { create: { width: 20, height: 10, channels: 3, background: { r: 0, g: 0, b: 0 } } }, left: 5, top: 5 },
  ]);
  const flat = await img.png().toBuffer();
  const s = sharp(flat);
  return (channels === 1 ? s.toColourspace('b-w') : s).jpeg({ quality: 90 }).toBuffer();
}

describe('writeImagePdf', () => {
  it('reads JPEG frame headers', async () => {
    expect(readJpegFrame(await jpegOf(40, 30, 1))).toEqual({ width: 40, height: 30, components: 1 });
    expect(readJpegFrame(await jpegOf(40, 30, 3))).toEqual({ width: 40, height: 30, components: 3 });
    expect(() => readJpegFrame(Buffer.from('not a jpeg'))).toThrow(/not a JPEG/);
  });

  it('writes image-only pages that pdfjs opens at the right size', async () => {
    const gray = await jpegOf(200, 100, 1);
    const rgb = await jpegOf(150, 300, 3);
    const pdf = writeImagePdf([
      { jpeg: gray, widthPx: 200, heightPx: 100, dpi: 100 },
      { jpeg: rgb, widthPx: 150, heightPx: 300, dpi: 300 },
    ]);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    try {
      expect(doc.numPages).toBe(2);
      const p1 = await doc.getPage(1);
      expect(p1.view).toEqual([0, 0, 144, 72]); // 200 px at 100 dpi = 2 in = 144 pt
      const p2 = await doc.getPage(2);
      expect(p2.view).toEqual([0, 0, 36, 72]);
      for (const page of [p1, p2]) {
        const ops = await page.getOperatorList();
        expect(ops.fnArray).toContain(OPS.paintImageXObject);
        const text = await page.getTextContent();
        expect(text.items).toHaveLength(0);
      }
    } finally {
      await doc.destroy();
    }
  });

  it('refuses a JPEG whose size does not match the page', async () => {
    const jpeg = await jpegOf(40, 30, 1);
    expect(() => writeImagePdf([{ jpeg, widthPx: 41, heightPx: 30, dpi: 300 }])).toThrow(/40x30/);
    expect(() => writeImagePdf([])).toThrow();
  });
});
