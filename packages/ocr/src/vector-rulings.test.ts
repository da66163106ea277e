import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { BBox } from '@sohoa/core';
import { inkMask } from './binarize.js';
import { ocrPage } from './ocr-page.js';
import { openPdf } from './pdf-document.js';
import { rasterizePdfPage } from './rasterize-page.js';
import { detectRulings, type Rulings } from './rulings.js';
import { fixture } from './test-fixtures.js';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { rulingsFromOperators, vectorRulings } from './vector-rulings.js';

const tmp = mkdtempSync(join(tmpdir(), 'sohoa-vector-rulings-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * A one-page PDF from a content stream (uncompressed), Helvetica as /F1 and optionally one gray image
 * as /Im1: enough to draw tables the way Word, LibreOffice or an OCR "sandwich" tool does.
 */
function onePagePdf(
  content: string,
  opts: { width: number; height: number; rotate?: number; image?: { width: number; height: number; gray: Uint8Array }; form?: { content: string; matrix: number[] } },
): Buffer {
  const stream = (dict: string, data: Buffer): Buffer =>
    Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
  const xobjects = [opts.image ? '/Im1 6 0 R' : '', opts.form ? `/Fm1 ${opts.image ? 7 : 6} 0 R` : ''].join(' ');
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${opts.width} ${opts.height}] /Rotate ${opts.rotate ?? 0} ` +
      `/Resources << /Font << /F1 4 0 R >> /XObject << ${xobjects} >> >> /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    stream('', Buffer.from(content, 'latin1')),
  ];
  if (opts.image) {
    const { width, height, gray } = opts.image;
    objects.push(stream(`/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, deflateSync(gray)));
  }
  if (opts.form) {
    const dict = `/Type /XObject /Subtype /Form /BBox [0 0 ${opts.width} ${opts.height}] /Matrix [${opts.form.matrix.join(' ')}] /Resources << /Font << /F1 4 0 R >> >>`;
    objects.push(stream(dict, Buffer.from(opts.form.content, 'latin1')));
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(obj);
    length += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** Text of a table's cells (ASCII, Helvetica), enough letters for a usable text layer. */
function cellText(mode: number, cells: [number, number, string][]): string {
  return cells.map(([x, y, s]) => `BT /F1 10 Tf ${mode} Tr ${x} ${y} Td (${s}) Tj ET`).join('\n');
}

const CELLS: [number, number, string][] = [
  [46, 232, 'STT'],
  [106, 232, 'Nhiem vu'],
  [256, 232, 'Don vi chu tri'],
  [46, 202, '1'],
  [106, 202, 'Xay dung ha tang so'],
  [256, 202, 'So Khoa hoc'],
  [46, 172, '2'],
  [106, 172, 'Dao tao can bo'],
  [256, 172, 'So Noi vu'],
];

/**
 * A 4 x 4 ruled table drawn the ways office software does: horizontal borders stroked (LibreOffice),
 * vertical ones as thin filled rectangles, one per cell edge (Word), all under a scaling transform; a
 * densely dotted line of filled squares (Chromium); and things that are not rulings: a white thin fill,
 * a light shaded row, a short underline, sparsely dashed and dotted strokes, a line outside the clip, a
 * diagonal.
 */
const OFFICE_TABLE = [
  'q 0.95 g 40 190 340 30 re f Q',
  'q 2 0 0 2 0 0 cm 0 0 0 RG 0.375 w',
  ...[250, 220, 190, 160].map((y) => `20 ${y / 2} m 190 ${y / 2} l S`),
  'Q',
  '0 0 0 rg',
  ...[40, 100, 250, 380].flatMap((x) => [160, 190, 220].map((y) => `${x - 0.4} ${y} 0.8 30 re f`)),
  '1 1 1 rg 40 120 300 0.8 re f 0 0 0 rg',
  // a dotted border as Chromium prints one: a filled square per dot
  ...Array.from({ length: 272 }, (_, k) => `${40 + k * 1.25} 130 0.75 0.75 re f`),
  '0.5 w 46 140 m 58 140 l S',
  '[4 4] 0 d 40 80 m 380 80 l S [1 4] 0 d 40 70 m 380 70 l S [] 0 d',
  'q 0 0 200 300 re W n 250 60 m 380 60 l S Q',
  '40 40 m 140 100 l S',
  cellText(0, CELLS),
].join('\n');

async function withPage<T>(pdf: Buffer, fn: (page: PDFPageProxy, doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const doc = await openPdf(new Uint8Array(pdf), 'test.pdf');
  try {
    return await fn(await doc.getPage(1), doc);
  } finally {
    await doc.destroy();
  }
}

async function rasterRulings(page: PDFPageProxy, dpi: number): Promise<Rulings> {
  return detectRulings(inkMask(await rasterizePdfPage(page, dpi, 'test.pdf')), dpi);
}

/** Every line of `a` has one of `b` within `tol` pixels on each edge, and the counts agree within `slack`. */
function expectAgree(a: BBox[], b: BBox[], tol: number, slack = 0): void {
  expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(slack);
  const unmatched = a.filter((x) => !b.some((y) => x.every((v, i) => Math.abs(v - y[i]) <= tol)));
  expect(unmatched.length, `unmatched ${JSON.stringify(unmatched)} among ${JSON.stringify(b)}`).toBeLessThanOrEqual(slack);
}

describe('vectorRulings', () => {
  it('reads stroked and filled table borders and ignores white, clipped, short, dashed and diagonal strokes', async () => {
    await withPage(onePagePdf(OFFICE_TABLE, { width: 420, height: 300 }), async (page) => {
      const dpi = 200;
      const vector = (await vectorRulings(page, dpi))!;
      expect(vector.horizontal).toHaveLength(5);
      expect(vector.vertical).toHaveLength(4);
      // the dotted line is one ruling, 170 pt from the top
      expect(vector.horizontal[4][0]).toBeLessThan(((40 + 2) * dpi) / 72);
      expect(vector.horizontal[4][2]).toBeGreaterThan(((380 - 2) * dpi) / 72);
      expect(Math.abs(vector.horizontal[4][1] - (170 * dpi) / 72)).toBeLessThanOrEqual(3);
      // the first horizontal border: PDF y 250 is 50 pt from the top, x 40..380 pt
      const px = (pt: number): number => (pt * dpi) / 72;
      const [x0, y0, x1, y1] = vector.horizontal[0];
      expect(Math.abs(x0 - px(40))).toBeLessThanOrEqual(2);
      expect(Math.abs(x1 - px(380))).toBeLessThanOrEqual(2);
      expect(Math.abs((y0 + y1) / 2 - px(50))).toBeLessThanOrEqual(1);
      // each vertical border is one line, joined from its three cell edges
      for (const v of vector.vertical) expect(Math.abs(v[3] - v[1] - px(90))).toBeLessThanOrEqual(3);
      const raster = await rasterRulings(page, dpi);
      expectAgree(vector.horizontal, raster.horizontal, 3);
      expectAgree(vector.vertical, raster.vertical, 3);
    });
  });

  it('follows the page rotation into pixel space', async () => {
    await withPage(onePagePdf(OFFICE_TABLE, { width: 420, height: 300, rotate: 90 }), async (page) => {
      const vector = (await vectorRulings(page, 150))!;
      // turned a quarter: the stroked borders (and the dotted line) now stand upright
      expect(vector.vertical).toHaveLength(5);
      expect(vector.horizontal).toHaveLength(4);
      const raster = await rasterRulings(page, 150);
      expectAgree(vector.horizontal, raster.horizontal, 3);
      expectAgree(vector.vertical, raster.vertical, 3);
    });
  });

  it('follows form XObjects and their matrices', async () => {
    const direct = await withPage(onePagePdf(OFFICE_TABLE, { width: 420, height: 300 }), (page) => vectorRulings(page, 144));
    // the same drawing inside a form moved 10 pt right and 20 pt down: 20 and 40 pixels at 144 dpi
    const pdf = onePagePdf('q /Fm1 Do Q', { width: 420, height: 300, form: { content: OFFICE_TABLE, matrix: [1, 0, 0, 1, 10, -20] } });
    const moved = await withPage(pdf, (page) => vectorRulings(page, 144));
    const shift = (b: BBox): BBox => [b[0] + 20, b[1] + 40, b[2] + 20, b[3] + 40];
    // the form's bounding box (the page, moved) clips the lines' right ends at the page edge: none reach it
    expect(moved).toEqual({ horizontal: direct!.horizontal.map(shift), vertical: direct!.vertical.map(shift) });
  });

  it('measures the share of the page that images paint, inside the clip, outside soft masks', () => {
    // a 100 x 200 pixel page; the base transform flips PDF y like a viewport does
    const base: [number, number, number, number, number, number] = [1, 0, 0, -1, 0, 200];
    const share = (fnArray: number[], argsArray: unknown[]): number => rulingsFromOperators({ fnArray, argsArray }, base, 100, 200, 72).imageShare;
    const half = [OPS.save, OPS.transform, OPS.paintImageXObject, OPS.restore];
    const halfArgs = [null, [100, 0, 0, 100, 0, 0], ['img_p0_1', 10, 10], null];
    expect(share(half, halfArgs)).toBeCloseTo(0.5, 5);
    // the same image under a clip to its left half
    const clip = [OPS.save, OPS.eoClip, OPS.constructPath, ...half, OPS.restore];
    const clipArgs = [null, null, [OPS.endPath, [new Float32Array([0, 0, 0, 1, 50, 0, 1, 50, 200, 4])], new Float32Array([0, 0, 50, 200])], ...halfArgs, null];
    expect(share(clip, clipArgs)).toBeCloseTo(0.25, 5);
    // tiles of one image (how some scanners write a page) add up
    const tiles = [OPS.paintImageXObjectRepeat];
    expect(share(tiles, [['img_p0_1', 50, 100, [0, 0, 50, 0, 0, 100, 50, 100]]])).toBeCloseTo(1, 5);
    // drawn into a soft mask: never seen
    expect(share([OPS.beginGroup, ...half, OPS.endGroup], [[{ smask: { subtype: 'Luminosity' } }], ...halfArgs, [{}]])).toBe(0);
  });

  it('does not trust a scan under an invisible text layer: ocrPage finds the lines in its pixels', async () => {
    // a "sandwich": a 100 dpi page image holding the table grid, with OCR text in render mode 3
    const [w, h] = [420, 300];
    const img = { width: Math.round((w * 100) / 72), height: Math.round((h * 100) / 72), gray: new Uint8Array(0) };
    img.gray = new Uint8Array(img.width * img.height).fill(255);
    const toPx = (pt: number): number => Math.round((pt * 100) / 72);
    for (const y of [50, 80, 110, 140]) for (let x = toPx(40); x < toPx(380); x++) img.gray[toPx(y) * img.width + x] = 0;
    for (const x of [40, 100, 250, 380]) for (let y = toPx(50); y < toPx(140); y++) img.gray[y * img.width + toPx(x)] = 0;
    const pdf = onePagePdf(`q ${w} 0 0 ${h} 0 0 cm /Im1 Do Q\n${cellText(3, CELLS)}`, { width: w, height: h, image: img });
    await withPage(pdf, async (page) => expect(await vectorRulings(page, 200)).toBeNull());

    const file = join(tmp, 'sandwich.pdf');
    writeFileSync(file, pdf);
    const ocr = await ocrPage(file, 0, { dpi: 200 });
    expect(ocr.source).toBe('text-layer');
    expect(ocr.rulings?.horizontal).toHaveLength(4);
    expect(ocr.rulings?.vertical).toHaveLength(4);
    expect(ocr.text.split('\n')).toContain('1\tXay dung ha tang so\tSo Khoa hoc');
  });

  it('finds no rulings on a body page without a table', async () => {
    const doc = await openPdf(new Uint8Array(readFileSync(fixture('seed000-born-digital', 'seed000-born-digital.pdf'))), 'seed000');
    try {
      for (const index of [1, 2]) expect(await vectorRulings(await doc.getPage(index + 1), 200)).toEqual({ horizontal: [], vertical: [] });
    } finally {
      await doc.destroy();
    }
  });

  it('is what ocrPage uses on a born-digital page', async () => {
    // the raster detector would add a line along the tops of "TTE" in the bold heading: a 7th line
    const page = await ocrPage(fixture('seed000-born-digital', 'seed000-born-digital.pdf'), 3, { dpi: 200 });
    expect(page.source).toBe('text-layer');
    expect(page.rulings?.horizontal).toHaveLength(6);
    expect(page.rulings?.vertical).toHaveLength(18);
  });

  // the pages Chromium printed (one filled rectangle per cell edge) against the raster detector at the
  // resolution it runs at for born-digital pages; the raster reads a few glyph runs as lines ("TTE" of
  // a bold heading, the foot of "2026"), hence the slack of one line
  for (const name of ['seed000-born-digital', 'plan-b-born-digital', 'unit']) {
    it(`agrees with the raster detector on ${name}`, async () => {
      const file = name === 'unit' ? fixture('unit', 'born-digital.pdf') : fixture(name, `${name}.pdf`);
      const doc = await openPdf(new Uint8Array(readFileSync(file)), file);
      try {
        let tableLines = 0;
        for (let p = 1; p <= doc.numPages; p++) {
          const page = await doc.getPage(p);
          const vector = (await vectorRulings(page, 200))!;
          const low = await rasterRulings(page, 100);
          const scale = (b: BBox): BBox => b.map((v) => v * 2) as BBox;
          expectAgree(vector.horizontal, low.horizontal.map(scale), 4, 1);
          expectAgree(vector.vertical, low.vertical.map(scale), 4, 1);
          tableLines += vector.vertical.length;
        }
        expect(tableLines).toBeGreaterThan(0);
      } finally {
        await doc.destroy();
      }
    });
  }
});
