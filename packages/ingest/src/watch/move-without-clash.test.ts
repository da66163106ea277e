import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SohoaError } from '@sohoa/core';
import { finishDone, finishFailed } from '../queue/finish-file.js';
import { moveWithoutClash } from './move-without-clash.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sohoa-move-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('moveWithoutClash', () => {
  it('never overwrites: clashing names get -1, -2 suffixes and every content survives', async () => {
    const dest = join(dir, 'processed');
    const moved: string[] = [];
    for (const content of ['first', 'second', 'third']) {
      const src = join(dir, 'plan.pdf');
      await writeFile(src, content);
      moved.push(await moveWithoutClash(src, dest));
    }
    expect(moved.map((p) => p.slice(dest.length + 1))).toEqual(['plan.pdf', 'plan-1.pdf', 'plan-2.pdf']);
    expect(await Promise.all(moved.map((p) => readFile(p, 'utf8')))).toEqual(['first', 'second', 'third']);
    expect(await readdir(dir)).not.toContain('plan.pdf');
  });

  it('keeps both files when two movers race for one name', async () => {
    const dest = join(dir, 'race');
    const srcA = join(dir, 'x.txt');
    const sub = await mkdtemp(join(dir, 'other-'));
    const srcB = join(sub, 'x.txt');
    await writeFile(srcA, 'A');
    await writeFile(srcB, 'B');
    const results = await Promise.all([moveWithoutClash(srcA, dest), moveWithoutClash(srcB, dest)]);
    expect(new Set(results).size).toBe(2);
    expect((await Promise.all(results.map((p) => readFile(p, 'utf8')))).sort()).toEqual(['A', 'B']);
  });
});

describe('finishing a watched file', () => {
  const dirs = () => ({ processedDir: join(dir, 'w', 'processed'), failedDir: join(dir, 'w', 'failed') });

  it('writes NAME.error.json with file, stage, code, reason, attempts and time beside the failed file', async () => {
    const src = join(dir, 'scan.pdf');
    await writeFile(src, 'not really a pdf');
    const error = new SohoaError('ENCRYPTED_FILE', 'the PDF is encrypted (password-protected)', { stage: 'ocr', file: src });
    const moved = await finishFailed(src, dirs(), error, 1);
    expect(moved).toBe(join(dirs().failedDir, 'scan.pdf'));
    const report = JSON.parse(await readFile(`${moved}.error.json`, 'utf8'));
    expect(report).toEqual({
      file: src,
      stage: 'ocr',
      code: 'ENCRYPTED_FILE',
      reason: 'the PDF is encrypted (password-protected)',
      attempts: 1,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // the same name failing again gets its own file and its own report
    await writeFile(src, 'again');
    const again = await finishFailed(src, dirs(), error, 3);
    expect(again).toBe(join(dirs().failedDir, 'scan-1.pdf'));
    expect(JSON.parse(await readFile(`${again}.error.json`, 'utf8')).attempts).toBe(3);
    // reports are renamed into place: no temporary file is left behind for a reader to trip on
    expect((await readdir(dirs().failedDir)).sort()).toEqual(['scan-1.pdf', 'scan-1.pdf.error.json', 'scan.pdf', 'scan.pdf.error.json']);
  });

  it('does nothing when the file was already moved (a retried job) or nothing is watched', async () => {
    expect(await finishDone(join(dir, 'gone.pdf'), dirs())).toBeNull();
    const src = join(dir, 'kept.pdf');
    await writeFile(src, 'x');
    expect(await finishDone(src, undefined)).toBeNull();
    expect(await finishDone(src, dirs())).toBe(join(dirs().processedDir, 'kept.pdf'));
  });
});
