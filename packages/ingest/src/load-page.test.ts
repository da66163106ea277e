import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LazyOcrPool } from './lazy-pool.js';
import { describeInput, loadPages } from './load-page.js';

const repo = new URL('../../../', import.meta.url);
const pool = new LazyOcrPool(2);
const dirs: string[] = [];
afterAll(async () => {
  await pool.terminate();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('loadPages', () => {
  it('reads a mixed PDF page by page, in page order, text layer and OCR side by side', async () => {
    const path = new URL('fixtures/unit/mixed.pdf', repo).pathname;
    const input = await describeInput(path);
    const seen: number[] = [];
    const pages = await loadPages(path, input, { pool }, (page, count) => {
      expect(count).toBe(2);
      seen.push(page.index);
    });
    expect(pages.map((p) => [p.index, p.source])).toEqual([
      [0, 'text-layer'],
      [1, 'ocr'],
    ]);
    expect(seen.sort()).toEqual([0, 1]);
    expect(pages[1].text.length).toBeGreaterThan(20);
  });

  it('throws the lowest failing page, as a page-by-page read would', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sohoa-pages-'));
    dirs.push(dir);
    const path = join(dir, 'two-pages.txt');
    await writeFile(path, 'Trang một\fTrang hai');
    const input = await describeInput(path);
    expect(input.pageCount).toBe(2);
    // a description that promises six pages: pages 3-6 fail, and several of them are in flight at once
    const forged = { ...input, pageCount: 6, pages: Array.from({ length: 6 }, (_, index) => ({ index, hasTextLayer: true })) };
    await expect(loadPages(path, forged, { pool })).rejects.toThrow(/no page 3\b/);
    expect((await loadPages(path, input, { pool })).map((p) => p.text)).toEqual(['Trang một', 'Trang hai']);
  });
});
