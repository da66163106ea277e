import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInputs, globToRegExp, isIgnoredName } from './collect-inputs.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sohoa-inputs-'));
  await mkdir(join(dir, 'sub', 'deeper'), { recursive: true });
  for (const f of ['a.pdf', 'b.PNG', 'notes.docx', '.hidden.pdf', '~$lock.pdf', 'c.pdf.part', 'sub/d.txt', 'sub/deeper/e.tiff']) {
    await writeFile(join(dir, f), 'x');
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('collectInputs', () => {
  it('walks directories recursively for supported, non-ignored files', async () => {
    const files = await collectInputs([dir]);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['a.pdf', 'b.PNG', 'sub/d.txt', 'sub/deeper/e.tiff']);
  });

  it('keeps named files, even unsupported or missing ones, so they fail with a reason', async () => {
    const files = await collectInputs([join(dir, 'notes.docx'), join(dir, 'missing.pdf')]);
    expect(files).toEqual([join(dir, 'notes.docx'), join(dir, 'missing.pdf')]);
  });

  it('expands globs', async () => {
    expect((await collectInputs([`${dir}/**/*.txt`])).map((f) => f.slice(dir.length + 1))).toEqual(['sub/d.txt']);
    expect((await collectInputs([`${dir}/*.pdf`])).map((f) => f.slice(dir.length + 1))).toEqual(['a.pdf']);
  });

  it('ignores partial downloads, lock files and dotfiles', () => {
    expect(isIgnoredName('scan.pdf.part')).toBe(true);
    expect(isIgnoredName('~$plan.pdf')).toBe(true);
    expect(isIgnoredName('.DS_Store')).toBe(true);
    expect(isIgnoredName('plan.pdf')).toBe(false);
    expect(globToRegExp('**/*.pdf').test('a/b/c.pdf')).toBe(true);
    expect(globToRegExp('**/*.pdf').test('c.pdf')).toBe(true);
    expect(globToRegExp('*.pdf').test('a/c.pdf')).toBe(false);
  });
});
