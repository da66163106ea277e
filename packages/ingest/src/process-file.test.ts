import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentResultSchema, PIPELINE_VERSION } from '@sohoa/core';
import { openStore } from '@sohoa/store';
import type { Store } from './contracts.js';
import { LazyOcrPool } from './lazy-pool.js';
import { processFile } from './process-file.js';

const repo = new URL('../../../', import.meta.url);
const seed000 = new URL('../shared/seeds/000_069ffc44a699e7d5.txt', repo);
const bad = (name: string) => new URL(`fixtures/bad/${name}`, repo).pathname;

let dir: string;
let store: Store;
const pool = new LazyOcrPool(1);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sohoa-process-'));
  store = await openStore(join(dir, 'sohoa.db'));
});
afterAll(async () => {
  await store?.close();
  await pool.terminate();
  await rm(dir, { recursive: true, force: true });
});

describe('processFile', () => {
  it('turns OCR\'d text into a DocumentResult: sha256 id, kind text, tasks, no OCR', async () => {
    const path = join(dir, 'plan.txt');
    await copyFile(seed000, path);
    const bytes = await readFile(path);
    const result = await processFile(path, { pool, store: null });
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    const doc = DocumentResultSchema.parse(result.value);
    expect(doc.id).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(doc.source).toEqual({ path, bytes: bytes.length, pages: 1, kind: 'text' });
    expect(doc.pipelineVersion).toBe(PIPELINE_VERSION);
    expect(doc.text).toBe(bytes.toString('utf8').normalize('NFC').replace(/\r\n?/g, '\n'));
    expect(doc.tasks.length).toBeGreaterThan(0);
    expect(doc.tasks.every((t) => t.leads.length > 0 || t.partners.length > 0 || t.title.length > 0)).toBe(true);
    expect(pool.started).toBe(false); // text needs no OCR pool
  });

  it('makes one page per form feed and joins the restored pages with form feeds', async () => {
    const path = join(dir, 'three-pages.txt');
    await writeFile(path, 'Trang một của kế hoạch.\fTrang hai.\fTrang ba.\f');
    const result = await processFile(path, { pool });
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.value.source.pages).toBe(3);
    expect(result.value.pages.map((p) => [p.index, p.source])).toEqual([[0, 'text-layer'], [1, 'text-layer'], [2, 'text-layer']]);
    expect(result.value.text.split('\f')).toEqual(['Trang một của kế hoạch.', 'Trang hai.', 'Trang ba.']);
  });

  it('stores the document once; the same bytes under another name are a duplicate and add no tasks', async () => {
    const first = join(dir, 'a.txt');
    const second = join(dir, 'copy of a.txt');
    await copyFile(seed000, first);
    await copyFile(seed000, second);
    const done = await processFile(first, { pool, store });
    expect(done.status).toBe('done');
    const before = await store.listTasks({ limit: 500 });
    expect(before.total).toBeGreaterThan(0);
    const again = await processFile(second, { pool, store });
    expect(again.status).toBe('duplicate');
    if (again.status === 'duplicate' && done.status === 'done') {
      expect(again.id).toBe(done.value.id);
      expect(again.existing?.tasks.length).toBe(done.value.tasks.length);
    }
    expect((await store.listTasks({ limit: 500 })).total).toBe(before.total);
    expect(await store.hasDocument(again.status === 'duplicate' ? again.id : '', PIPELINE_VERSION)).toBe(true);
  });

  it('fails bad inputs with a SohoaError naming the file and a reason a person understands', async () => {
    const cases: [string, string, RegExp][] = [
      ['empty.pdf', 'EMPTY_FILE', /empty/],
      ['random-bytes.pdf', 'UNSUPPORTED_FORMAT|CORRUPT_FILE', /not a PDF|corrupt/],
      ['truncated.pdf', 'TRUNCATED_FILE|CORRUPT_FILE', /truncated|ends early/],
      ['encrypted.pdf', 'ENCRYPTED_FILE', /encrypted|password/],
      ['not-a-document.bin', 'UNSUPPORTED_FORMAT', /not a PDF/],
    ];
    for (const [name, codes, reason] of cases) {
      const result = await processFile(bad(name), { pool, store });
      expect(result.status, name).toBe('failed');
      if (result.status !== 'failed') continue;
      expect(result.error.code, name).toMatch(new RegExp(`^(${codes})$`));
      expect(result.error.reason, name).toMatch(reason);
      expect(result.error.file, name).toBe(bad(name));
      expect(result.error.permanent, name).toBe(true);
    }
    const missing = await processFile(join(dir, 'nope.pdf'), { pool });
    expect(missing.status === 'failed' && missing.error.code).toBe('NOT_FOUND');
    const binaryText = join(dir, 'binary.txt');
    await writeFile(binaryText, Buffer.from([0x41, 0, 0xff, 0x10]));
    const binary = await processFile(binaryText, { pool });
    expect(binary.status === 'failed' && binary.error.reason).toMatch(/binary/);
  });
});
