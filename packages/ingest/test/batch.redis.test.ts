import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIPELINE_VERSION } from '@sohoa/core';
import { openStore, type Store } from '@sohoa/store';
import { hashFile } from '../src/hash-file.js';
import { processFile } from '../src/process-file.js';
import { garbledSeed, cleanSeed, splitIntoPages } from './support/documents.js';
import { startRedis, type TestRedis } from './support/redis.js';
import { runCli, spawnCli, stopProcess, type CliProcess } from './support/spawn-cli.js';

let redis: TestRedis;
let root: string;
let store: Store;
let env: NodeJS.ProcessEnv;
let worker: CliProcess;

beforeAll(async () => {
  redis = await startRedis();
  root = await mkdtemp(join(tmpdir(), 'sohoa-batch-'));
  env = {
    REDIS_URL: redis.url,
    SOHOA_QUEUE_PREFIX: 'batchtest',
    SOHOA_DB: join(root, 'sohoa.db'),
    SOHOA_QUEUE_LOCK_MS: '4000',
    SOHOA_QUEUE_STALLED_MS: '1000',
    SOHOA_QUEUE_BACKOFF_MS: '300',
  };
  store = await openStore(env.SOHOA_DB);
  worker = spawnCli(['worker', '--concurrency', '2'], env);
  await worker.waitFor('sohoa worker: sohoa-worker@');
});

afterAll(async () => {
  if (worker) await stopProcess(worker);
  await store?.close();
  await redis?.close();
  await rm(root, { recursive: true, force: true });
});

describe('sohoa batch', () => {
  it('completes a batch although Redis is restarted (losing its data) in the middle', async () => {
    const dir = join(root, 'restart');
    await mkdir(join(dir, 'nested'), { recursive: true });
    const pages = splitIntoPages(await garbledSeed(), 12).split('\f');
    const files: string[] = [];
    for (let i = 0; i < 12; i++) {
      const file = join(dir, i % 3 === 0 ? 'nested' : '', `doc-${i}.txt`);
      await writeFile(file, `${pages[i]}\f${pages[(i + 1) % 12]}`);
      files.push(file);
    }
    const batch = spawnCli(['batch', dir, '--wait'], env);
    await batch.waitFor(/[2-9]\/12 documents|1[01]\/12 documents/, 120_000);
    await redis.stop(); // no snapshot: every queued job is gone
    await new Promise((r) => setTimeout(r, 1_000));
    await redis.start();
    const code = await batch.exited;
    expect(code, batch.output()).toBe(0);
    expect(batch.output()).toMatch(/12 done, 0 duplicate, 0 failed/);
    for (const file of files) {
      const { id } = await hashFile(file);
      expect(await store.hasDocument(id, PIPELINE_VERSION), file).toBe(true);
      const doc = await store.getDocument(id);
      expect(doc?.revision, file).toBe(1);
    }
    const status = await runCli(['status', '--json'], env);
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.output.slice(status.output.indexOf('{')));
    expect(parsed.workers.length).toBe(1);
    expect(parsed.queues.documents.waiting).toBe(0);
  });

  it('skips stored documents, and with --reprocess redoes those stored by an older pipeline version', async () => {
    const dir = join(root, 'reprocess');
    await mkdir(dir);
    const file = join(dir, 'plan.txt');
    await writeFile(file, await cleanSeed());
    const result = await processFile(file, { store: null });
    if (result.status !== 'done') throw new Error('processing the seed failed');
    await store.saveDocument({ ...result.value, pipelineVersion: '0.0.1-old' });

    const skip = await runCli(['batch', dir, '--wait'], env);
    expect(skip.code).toBe(0);
    expect(skip.output).toContain('queued 0 documents, 1 already stored');

    const redo = await runCli(['batch', dir, '--reprocess', '--wait'], env);
    expect(redo.code, redo.output).toBe(0);
    expect(redo.output).toContain('queued 1 document');
    expect(redo.output).toMatch(/1 done/);
    expect(await store.hasDocument(result.value.id, PIPELINE_VERSION)).toBe(true);
    const doc = await store.getDocument(result.value.id);
    expect(doc?.revision).toBe(2);
  });
});
