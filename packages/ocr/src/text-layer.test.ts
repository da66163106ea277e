import { describe, expect, it } from 'vitest';
import { OcrPageSchema } from '@sohoa/core';
import { ocrPage } from './ocr-page.js';
import { countRealChars, isUsableTextLayer } from './text-layer.js';
import { fixture } from './test-fixtures.js';

describe('text layer', () => {
  it('counts real characters, not glyph codes', () => {
    expect(countRealChars('Kế hoạch 1125')).toBe(11);
    expect(isUsableTextLayer('\uE001\uE002\uE003 '.repeat(20))).toBe(false);
    expect(isUsableTextLayer('a b')).toBe(false);
    expect(isUsableTextLayer('Triển khai thực hiện Kế hoạch số 1125')).toBe(true);
  });

  it('turns a born-digital page into words, lines and rulings without OCR', async () => {
    // no pool given: if this OCR'd, it would spawn a worker and take seconds, and source would be 'ocr'
    const page = await ocrPage(fixture('unit', 'born-digital.pdf'), 0, { dpi: 200 });
    expect(OcrPageSchema.parse(page)).toBeTruthy();
    expect(page.source).toBe('text-layer');
    expect(page.dpi).toBe(200);
    expect(Math.abs(page.width - (130 / 25.4) * 200)).toBeLessThan(4);
    const lines = page.text.split('\n');
    expect(lines[0]).toBe('KẾ HOẠCH');
    expect(lines).toContain('Chuyển đổi số tỉnh Quảng Trị năm 2025');
    // table rows come out tab-separated, cell by cell (cells are cut at the vertical rulings)
    expect(lines).toContain('STT\tNhiệm vụ\tĐơn vị chủ trì');
    expect(lines).toContain('1\tXây dựng hạ tầng số\tSở Khoa học và Công nghệ');
    expect(page.rulings?.horizontal).toHaveLength(4);
    expect(page.rulings?.vertical).toHaveLength(4);
    // the word "STT" sits inside the first cell of the grid
    const words = page.blocks.flatMap((b) => b.lines.flatMap((l) => l.words));
    const stt = words.find((w) => w.text === 'STT')!;
    const [v0, v1] = page.rulings!.vertical;
    const [h0, h1] = page.rulings!.horizontal;
    expect(stt.bbox[0]).toBeGreaterThan(v0[2]);
    expect(stt.bbox[2]).toBeLessThan(v1[0]);
    expect(stt.bbox[1]).toBeGreaterThan(h0[3] - 4);
    expect(stt.bbox[3]).toBeLessThan(h1[1] + 4);
  });
});
