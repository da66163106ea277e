import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import sharp from 'sharp';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrPageSchema, SohoaError } from '@sohoa/core';
import { DEFAULT_DPI } from './dpi.js';
import { pagesToHocr, pagesToText } from './hocr.js';
import { resolveLangPath } from './lang-path.js';
import { ocrDocument } from './ocr-document.js';
import { ocrPage } from './ocr-page.js';
import { createOcrPool, type OcrPool } from './ocr-pool.js';
import { fixture, roughCer } from './test-fixtures.js';
import { readFileSync } from 'node:fs';

// tesseract must never reach the network: any fetch in this process fails the test loudly
const realFetch = globalThis.fetch;
let fetchCalls = 0;
let pool: OcrPool;

beforeAll(async () => {
  globalThis.fetch = (async () => {
    fetchCalls++;
    throw new Error('network access during OCR');
  }) as typeof fetch;
  pool = await createOcrPool({ size: 1 });
});
afterAll(async () => {
  await pool?.terminate();
  globalThis.fetch = realFetch;
});

describe('OCR of a scanned page (offline)', () => {
  it('loads the Vietnamese model from a local folder', () => {
    const dir = resolveLangPath('vie');
    expect(isAbsolute(dir)).toBe(true);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(existsSync(join(dir, 'vie.traineddata.gz'))).toBe(true);
    expect(() => resolveLangPath('xyz')).toThrow(SohoaError);
  });

  it('reads the scanned fixture: text, boxes, skew, rulings, hOCR', async () => {
    // with the rulings painted out, no "|" is glued to cell text (off by default: see eraseRulings)
    const page = await ocrPage(fixture('unit', 'scanned.pdf'), 0, { pool, preprocess: { eraseRulings: true } });
    expect(OcrPageSchema.parse(page)).toBeTruthy();
    expect(page.source).toBe('ocr');
    expect(page.dpi).toBe(DEFAULT_DPI);
    expect(page.skewDeg).toBeCloseTo(1.5, 0);
    expect(page.rulings?.horizontal.length).toBe(4);
    const truth = readFileSync(fixture('unit', 'page.truth.txt'), 'utf8');
    // the ruled table is read row by row, a tab between cells, as the truth lists it
    expect(page.text).toMatch(/^1\tXây ?dựng.*\tSở Khoa/m);
    expect(roughCer(truth, page.text)).toBeLessThan(0.08);
    expect(page.text).toContain('Quảng Trị');
    expect(page.meanConfidence).toBeGreaterThan(70);
    const words = page.blocks.flatMap((b) => b.lines.flatMap((l) => l.words));
    const title = words.find((w) => w.text === 'HOẠCH')!;
    expect(title).toBeDefined();
    // boxes are in full-page pixels even though only the inked area was OCR'd
    expect(title.bbox[0]).toBeGreaterThan(page.width * 0.4);
    expect(title.bbox[2]).toBeLessThan(page.width * 0.7);
    expect(title.bbox[1]).toBeLessThan(page.height * 0.25);

    const hocr = pagesToHocr([page, page]);
    expect(hocr).toMatch(/^<\?xml/);
    expect(hocr.match(/class="ocr_page"/g)).toHaveLength(2);
    expect(hocr).toContain(`title="bbox 0 0 ${page.width} ${page.height}; ppageno 0; scan_res ${DEFAULT_DPI} ${DEFAULT_DPI}"`);
    expect(hocr).toMatch(/<span class="ocrx_word" id="word_1_\d+" title="bbox \d+ \d+ \d+ \d+; x_wconf \d+">HOẠCH<\/span>/);
    expect(balanced(hocr)).toBe(true);
    expect(pagesToText([page, page])).toBe(`${page.text}\f${page.text}`);
    expect(fetchCalls).toBe(0);
  });

  it('turns a page scanned sideways upright before reading it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sohoa-turned-'));
    try {
      const path = join(dir, 'sideways.png');
      // fed into the scanner on its side: the text runs down the page
      await sharp(fixture('unit', 'scanned.jpg')).rotate(90).png().toFile(path);
      const page = await ocrPage(path, 0, { pool });
      const upright = await sharp(fixture('unit', 'scanned.jpg')).metadata();
      expect(page.turnDeg).toBe(270);
      expect([page.width, page.height]).toEqual([upright.width, upright.height]);
      expect(page.text).toContain('Quảng Trị');
      expect(roughCer(readFileSync(fixture('unit', 'page.truth.txt'), 'utf8'), page.text)).toBeLessThan(0.15);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a born-digital document without OCR and calls it born-digital', async () => {
    const doc = await ocrDocument(fixture('unit', 'born-digital.pdf'), { pool });
    expect(doc.kind).toBe('born-digital');
    expect(doc.pages[0].source).toBe('text-layer');
    const scan = await ocrDocument(fixture('unit', 'scanned.jpg'), { pool, preprocess: { rulings: false } });
    expect(scan.kind).toBe('scanned');
    expect(scan.info.format).toBe('jpeg');
    expect(scan.pages[0].text).toContain('Chuyển đổi số');
  });
});

describe('the pool survives bad jobs', () => {
  it('rejects a malformed image, reads a blank one, and keeps working', async () => {
    const broken = pool.recognize({ data: new Uint8Array(10), width: 100, height: 100, dpi: 300, index: 0 });
    await expect(broken).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const tiny = await pool.recognize({ data: new Uint8Array([255]), width: 1, height: 1, dpi: 300, index: 0 });
    expect(tiny.blocks).toEqual([]);
  });

  it('abandons a job that times out, replaces the worker, and terminates cleanly', async () => {
    const small = await createOcrPool({ size: 1, jobTimeoutMs: 1 });
    const page = { data: new Uint8Array(600 * 400).fill(255), width: 600, height: 400, dpi: 300, index: 0 };
    await expect(small.recognize(page)).rejects.toMatchObject({ code: 'TIMEOUT' });
    const queued = expect(small.recognize(page)).rejects.toBeInstanceOf(SohoaError);
    await small.terminate();
    await queued;
    await expect(small.recognize(page)).rejects.toThrow(/terminated/);
  });
});

/** Every opened tag is closed in order (a cheap well-formedness check of the XHTML). */
function balanced(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.replace(/<\?[^>]*\?>|<!DOCTYPE[^>]*>/g, '').matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0;
}
