import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SohoaError, type ErrorCode } from '@sohoa/core';
import { inspectInput } from './inspect-input.js';
import { ocrPage } from './ocr-page.js';
import { fixture } from './test-fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'sohoa-ocr-test-'));
const textPath0 = (): string => {
  const p = join(tmp, 'notes.txt');
  writeFileSync(p, 'Ghi chú\n');
  return p;
};
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function refusal(promise: Promise<unknown>): Promise<SohoaError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SohoaError);
  return err as SohoaError;
}

const bad: [string, ErrorCode, RegExp][] = [
  ['empty.pdf', 'EMPTY_FILE', /empty/],
  ['empty.png', 'EMPTY_FILE', /empty/],
  ['random-bytes.pdf', 'CORRUPT_FILE', /not a PDF/],
  ['truncated.pdf', 'TRUNCATED_FILE', /truncated/],
  ['encrypted.pdf', 'ENCRYPTED_FILE', /encrypted \(password-protected\)/],
  ['zero-size.png', 'CORRUPT_FILE', /cannot be decoded/],
  ['huge-page.pdf', 'PAGE_TOO_LARGE', /5004 x 203 mm/],
  ['not-a-document.bin', 'UNSUPPORTED_FORMAT', /not a PDF, PNG, JPEG, TIFF or text file/],
];

describe('bad input is refused with a clear reason', () => {
  for (const [name, code, reason] of bad) {
    it(`${name}: ${code}`, async () => {
      const path = fixture('bad', name);
      for (const attempt of [() => inspectInput(path), () => ocrPage(path, 0)]) {
        const err = await refusal(attempt());
        expect(err.code).toBe(code);
        expect(err.file).toBe(path);
        expect(err.stage).toBe('ocr');
        expect(err.reason).toMatch(reason);
        expect(err.message).toContain(name);
      }
    });
  }

  it('a missing file is NOT_FOUND', async () => {
    expect((await refusal(inspectInput(join(tmp, 'nope.pdf')))).code).toBe('NOT_FOUND');
  });

  it('a page that does not exist is INVALID_INPUT', async () => {
    const err = await refusal(ocrPage(fixture('unit', 'born-digital.pdf'), 5));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.reason).toMatch(/page 6 does not exist/);
  });

  it('a truncated JPEG is refused, not half-read', async () => {
    const { readFileSync } = await import('node:fs');
    const jpeg = readFileSync(fixture('unit', 'scanned.jpg'));
    const path = join(tmp, 'cut.jpg');
    writeFileSync(path, jpeg.subarray(0, jpeg.length >> 1));
    const err = await refusal(inspectInput(path));
    expect(['TRUNCATED_FILE', 'CORRUPT_FILE']).toContain(err.code);
  });
});

describe('inspectInput', () => {
  it('tells born-digital from scanned pages', async () => {
    const born = await inspectInput(fixture('unit', 'born-digital.pdf'));
    expect(born).toMatchObject({ format: 'pdf', pageCount: 1, pages: [{ index: 0, hasTextLayer: true }] });
    expect(born.bytes).toBeGreaterThan(1000);
    const scan = await inspectInput(fixture('unit', 'scanned.pdf'));
    expect(scan).toMatchObject({ format: 'pdf', pageCount: 1, pages: [{ index: 0, hasTextLayer: false }] });
  });

  it('looks at a mixed PDF page by page', async () => {
    const info = await inspectInput(fixture('unit', 'mixed.pdf'));
    expect(info.pages).toEqual([
      { index: 0, hasTextLayer: true },
      { index: 1, hasTextLayer: false },
    ]);
    const first = await ocrPage(fixture('unit', 'mixed.pdf'), 0);
    expect(first.source).toBe('text-layer');
    expect(first.text).toContain('Quảng Trị');
  });

  it('reads images, multi-page TIFF and text', async () => {
    expect(await inspectInput(fixture('unit', 'scanned.jpg'))).toMatchObject({ format: 'jpeg', pageCount: 1 });
    const sharp = (await import('sharp')).default;
    const page = sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } });
    const frames = await Promise.all([page.clone().png().toBuffer(), page.clone().png().toBuffer(), page.clone().png().toBuffer()]);
    const tiffPath = join(tmp, 'three.tiff');
    await sharp(frames, { join: { animated: true } }).tiff().toFile(tiffPath);
    expect(await inspectInput(tiffPath)).toMatchObject({ format: 'tiff', pageCount: 3 });
    // a blank frame is recognised as blank without starting any OCR
    const blank = await ocrPage(tiffPath, 2);
    expect(blank).toMatchObject({ index: 2, source: 'ocr', width: 40, height: 30, text: '', blocks: [] });
    await expect(ocrPage(textPath0(), 0)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const textPath = join(tmp, 'plan.txt');
    writeFileSync(textPath, 'KẾ HOẠCH\nTriển khai thực hiện\n');
    expect(await inspectInput(textPath)).toMatchObject({ format: 'text', pageCount: 1, pages: [{ index: 0, hasTextLayer: true }] });
  });
});
