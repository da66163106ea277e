import { copyFile, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrPageSchema, PIPELINE_VERSION } from '@sohoa/core';
import { openStore, type Store } from '@sohoa/store';
import { enqueueDocument } from '../src/queue/enqueue-document.js';
import { assembleJobId, pageJobId } from '../src/queue/job-ids.js';
import { queueConfig } from '../src/queue/queue-config.js';
import { queueStatus } from '../src/queue/queue-status.js';
import { openQueues, type Queues } from '../src/queue/queues.js';
import { trackBatch, type BatchEntry } from '../src/queue/track-batch.js';
import { startWorker, type RunningWorker } from '../src/queue/worker.js';
import { startRedis, type TestRedis } from './support/redis.js';

const repo = new URL('../../../', import.meta.url);
const seed000 = new URL('../shared/seeds/000_069ffc44a699e7d5.txt', repo);
const badDir = new URL('fixtures/bad/', repo).pathname;

let redis: TestRedis;
let dir: string;
let store: Store;
let queues: Queues;
let worker: RunningWorker;

beforeAll(async () => {
  redis = await startRedis();
  dir = await mkdtemp(join(tmpdir(), 'sohoa-queue-'));
  store = await openStore(join(dir, 'sohoa.db'));
  const config = queueConfig({ REDIS_URL: redis.url, SOHOA_QUEUE_PREFIX: 'qtest', SOHOA_QUEUE_BACKOFF_MS: '100' });
  queues = openQueues(config);
  worker = await startWorker({ config, concurrency: 2, store });
});

afterAll(async () => {
  await worker?.close();
  await queues?.close();
  await store?.close();
  await redis?.close();
  await rm(dir, { recursive: true, force: true });
});

async function runToEnd(files: string[]): Promise<BatchEntry[]> {
  const entries: BatchEntry[] = [];
  for (const file of files) {
    const job = await enqueueDocument(queues, file);
    entries.push({ path: job.path, id: job.id, jobId: job.jobId, state: 'pending', pages: null, pagesDone: 0, requeued: 0 });
  }
  await trackBatch(queues, entries, { store, pollMs: 100, requeue: async (e) => (await enqueueDocument(queues, e.path)).jobId });
  return entries;
}

describe('queued pipeline (BullMQ flow: document -> pages -> assemble)', () => {
  it('fans a document out into one page job per page, returns small page JSON and stores the assembled result', async () => {
    const path = join(dir, 'three.txt');
    await writeFile(path, 'KẾ HOẠCH số 12/KH-UBND\nTrang một.\fTrang hai.\fTrang ba.');
    const [entry] = await runToEnd([path]);
    expect(entry.state).toBe('done');
    expect(entry.pages).toBe(3);
    for (let i = 0; i < 3; i++) {
      const page = await Job.fromId(queues.pages, pageJobId(entry.id, i));
      expect(page, `page ${i}`).toBeDefined();
      const value = OcrPageSchema.parse(page!.returnvalue);
      expect(value.index).toBe(i);
      expect(JSON.stringify(value).length).toBeLessThan(10_000);
    }
    const parent = await Job.fromId(queues.assemble, assembleJobId(entry.id));
    expect(await parent!.getState()).toBe('completed');
    const stored = await store.getDocument(entry.id);
    expect(stored?.status).toBe('done');
    if (stored?.status === 'done') {
      expect(stored.source.pages).toBe(3);
      expect(stored.text.split('\f')).toHaveLength(3);
      expect(stored.pipelineVersion).toBe(PIPELINE_VERSION);
    }
  });

  it('treats re-enqueueing as a no-op and a copy under another name as a duplicate that adds no tasks', async () => {
    const original = join(dir, 'plan.txt');
    await copyFile(seed000, original);
    const [first] = await runToEnd([original]);
    expect(first.state).toBe('done');
    const tasks = (await store.listTasks({ document: first.id, limit: 500 })).total;
    expect(tasks).toBeGreaterThan(0);

    const before = await queues.documents.getJobCounts('completed', 'failed', 'waiting', 'active');
    const again = await enqueueDocument(queues, original);
    expect(again.jobId).toBe(first.jobId);
    expect(await queues.documents.getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual(before);

    const copy = join(dir, 'plan (copy).txt');
    await copyFile(seed000, copy);
    const [dup] = await runToEnd([copy]);
    expect(dup.state).toBe('duplicate');
    expect(dup.id).toBe(first.id);
    expect((await store.listTasks({ document: first.id, limit: 500 })).total).toBe(tasks);
  });

  it('fails every bad input for good with its reason and no retries, and the rest of the batch is unaffected', async () => {
    const bad = (await readdir(badDir)).map((n) => join(badDir, n));
    const good = join(dir, 'good.txt');
    await writeFile(good, 'Văn bản tốt.\fTrang hai của văn bản tốt.');
    const entries = await runToEnd([...bad, good]);
    const byName = new Map(entries.map((e) => [e.path.split('/').pop()!, e]));
    expect(byName.get('good.txt')!.state).toBe('done');
    for (const file of bad) {
      const name = file.split('/').pop()!;
      const entry = byName.get(name)!;
      expect(entry.state, name).toBe('failed');
      expect(entry.reason, name).toBeTruthy();
      expect(entry.reason, name).not.toMatch(/^Error|undefined|\bat \//);
      const job = await Job.fromId(queues.documents, entry.jobId);
      expect(job!.attemptsMade, `${name} is not retried`).toBe(1);
    }
    expect(byName.get('encrypted.pdf')!.reason).toMatch(/encrypted|password/);
    expect(byName.get('empty.pdf')!.reason).toMatch(/empty/);

    const status = await queueStatus(queues);
    expect(status.queues.documents.failed).toBe(bad.length);
    expect(status.workers.some((w) => w.name.startsWith('sohoa-worker@'))).toBe(true);
    expect(status.recentFailures.length).toBeGreaterThan(0);
    expect(status.recentFailures.every((f) => f.reason.length > 0 && f.file)).toBe(true);
  });

  it('retries a transient failure with backoff and then succeeds', async () => {
    const slowRetry = openQueues(queueConfig({ REDIS_URL: redis.url, SOHOA_QUEUE_PREFIX: 'qtest', SOHOA_QUEUE_BACKOFF_MS: '1500' }));
    try {
      const path = join(dir, 'flaky.txt');
      await writeFile(path, 'Nội dung tạm thời không đọc được.');
      await worker.close(); // hold the worker back while the file is swapped out
      const job = await enqueueDocument(slowRetry, path);
      await rename(path, `${path}.aside`);
      await mkdir(path); // reading a directory fails with EISDIR: an I/O error, not a verdict on the file
      worker = await startWorker({ config: queueConfig({ REDIS_URL: redis.url, SOHOA_QUEUE_PREFIX: 'qtest' }), concurrency: 2, store });
      const deadline = Date.now() + 30_000;
      while ((await slowRetry.documents.getJobState(job.jobId)) !== 'delayed') {
        if (Date.now() > deadline) throw new Error('the job was never put back for a retry');
        await new Promise((r) => setTimeout(r, 50));
      }
      await rm(path, { recursive: true });
      await rename(`${path}.aside`, path);
      const entry: BatchEntry = { path, id: job.id, jobId: job.jobId, state: 'pending', pages: null, pagesDone: 0, requeued: 0 };
      await trackBatch(slowRetry, [entry], { store, pollMs: 100, requeue: async () => job.jobId });
      expect(entry.state).toBe('done');
      const finished = await Job.fromId(slowRetry.documents, job.jobId);
      expect(finished!.attemptsStarted).toBe(2); // one failed attempt, one that succeeded
      expect((finished!.stacktrace ?? []).join('\n')).toMatch(/IO_ERROR/);
    } finally {
      await slowRetry.close();
    }
  });
});
