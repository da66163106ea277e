import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DocumentResultSchema } from '@sohoa/core';
import { runCli } from '../test/support/spawn-cli.js';
import { main } from './cli.js';

const repo = new URL('../../../', import.meta.url);
const seed000 = new URL('../shared/seeds/000_069ffc44a699e7d5.txt', repo);
const encrypted = new URL('fixtures/bad/encrypted.pdf', repo).pathname;

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sohoa-cli-'));
  env = { SOHOA_DB: join(dir, 'sohoa.db') };
  await copyFile(seed000, join(dir, 'plan.txt'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('sohoa CLI', () => {
  it('exits 0 for --help and 2 for a usage error', async () => {
    const written: string[] = [];
    const spy = (chunk: string | Uint8Array) => (written.push(String(chunk)), true);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(spy);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(spy);
    try {
      expect(await main(['--help'])).toBe(0);
      expect(await main(['process', '--dpi', 'lots', 'x.pdf'])).toBe(2);
      expect(await main(['frobnicate'])).toBe(2);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(written.join('')).toContain('Usage: sohoa COMMAND');
    expect(written.join('')).toContain('--dpi must be a whole number');
    expect(written.join('')).toContain('unknown command "frobnicate"');
  });

  it('process --json prints one DocumentResult per good input and "FILE: reason" for a bad one, exit 1', async () => {
    const out = await runCli(['process', join(dir, 'plan.txt'), encrypted, '--json'], env);
    expect(out.code).toBe(1);
    const lines = out.output.split('\n').filter((l) => l.startsWith('{'));
    expect(lines).toHaveLength(1);
    const doc = DocumentResultSchema.parse(JSON.parse(lines[0]));
    expect(doc.source.kind).toBe('text');
    expect(doc.tasks.length).toBeGreaterThan(0);
    expect(out.output).toContain(`${encrypted}: the PDF is encrypted`);

    // stored, so the tasks command lists them, each with its documentId
    const csv = await runCli(['tasks', '--format', 'csv'], env);
    expect(csv.code).toBe(0);
    // The CSV is the store's (the same as GET /tasks?format=csv): snake_case columns, lists joined with "; ".
    const [header, ...rows] = csv.output.trim().split(/\r?\n/);
    const column = header.split(',').indexOf('document_id');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(rows.length).toBe(doc.tasks.length);
    expect(rows.every((row) => row.includes(doc.id))).toBe(true);

    // the second time it is a duplicate, and the human summary says so
    const again = await runCli(['process', join(dir, 'plan.txt')], env);
    expect(again.code).toBe(0);
    expect(again.output).toContain('duplicate');
  });

  it('process runs two files at a time and still reports them in the order given', async () => {
    // the tiny file, second, finishes long before the plan (restoration, tables) but is reported after it
    await writeFile(join(dir, 'small.txt'), 'Kế hoạch số 1/KH-UBND\n');
    const out = await runCli(['process', '--no-store', join(dir, 'plan.txt'), join(dir, 'small.txt'), encrypted], env);
    expect(out.code).toBe(1);
    const plan = out.output.indexOf('plan.txt: 1 page, text');
    const small = out.output.indexOf('small.txt: 1 page, text');
    expect(plan).toBeGreaterThanOrEqual(0);
    expect(small).toBeGreaterThan(plan);
    expect(out.output).toContain(`${encrypted}: the PDF is encrypted`);
  });
});
