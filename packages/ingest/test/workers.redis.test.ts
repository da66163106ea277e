import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@sohoa/store';
import { enqueueDocument } from '../src/queue/enqueue-document.js';
import { assembleJobId, pageJobId } from '../src/queue/job-ids.js';
import { queueConfig } from '../src/queue/queue-config.js';
import { openQueues, type Queues } from '../src/queue/queues.js';
import { trackBatch, type BatchEntry } from '../src/queue/track-batch.js';
import { garbledSeed, splitIntoPages } from './support/documents.js';
import { startRedis, type TestRedis } from './support/redis.js';
import { spawnCli, stopProcess, type CliProcess } from './support/spawn-cli.js';

let redis: TestRedis;
let dir: string;
let store: Store;
let queues: Queues;
let env: NodeJS.ProcessEnv;
const workers: CliProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  dir = await mkdtemp(join(tmpdir(), 'sohoa-workers-'));
  env = {
    REDIS_URL: redis.url,
    SOHOA_QUEUE_PREFIX: 'wtest',
    SOHOA_DB: join(dir, 'sohoa.db'),
    SOHOA_QUEUE_LOCK_MS: '4000',
    SOHOA_QUEUE_STALLED_MS: '1000',
    SOHOA_QUEUE_BACKOFF_MS: '200',
  };
  store = await openStore(env.SOHOA_DB);
  queues = openQueues(queueConfig(env));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => stopProcess(w, 'SIGKILL')));
  await queues?.close();
  await store?.close();
  await redis?.close();
  await rm(dir, { recursive: true, force: true });
});

async function startWorkerProcess(extraEnv: NodeJS.ProcessEnv = {}): Promise<CliProcess> {
  const proc = spawnCli(['worker'], { ...env, ...extraEnv });
  workers.push(proc);
  await proc.waitFor('sohoa worker: sohoa-worker@');
  return proc;
}

const workerName = (proc: CliProcess) => /sohoa worker: (\S+)/.exec(proc.output())?.[1];

async function enqueue(path: string): Promise<BatchEntry> {
  const job = await enqueueDocument(queues, path);
  return { path: job.path, id: job.id, jobId: job.jobId, state: 'pending', pages: null, pagesDone: 0, requeued: 0 };
}

async function untilDone(entries: BatchEntry[]): Promise<void> {
  await trackBatch(queues, entries, { store, pollMs: 100, requeue: async (e) => (await enqueueDocument(queues, e.path)).jobId });
}

async function waitForActiveAssemble(id: string, timeoutMs = 60_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await queues.assemble.getJobState(assembleJobId(id))) === 'active') {
      const job = await Job.fromId(queues.assemble, assembleJobId(id));
      if (job?.processedBy) return job;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the assemble job never became active');
}

describe('worker processes', () => {
  it('two workers share the pages of a 20-page document', async () => {
    const [a, b] = await Promise.all([startWorkerProcess(), startWorkerProcess()]);
    const path = join(dir, 'twenty-pages.txt');
    await writeFile(path, Array.from({ length: 20 }, (_, i) => `${i + 1}.1 Trang ${i + 1}\n${(i + 1) * 7}/KH-UBND`).join('\f'));
    const entry = await enqueue(path);
    await untilDone([entry]);
    expect(entry.state, entry.reason).toBe('done');
    expect(entry.pages).toBe(20);
    const by = new Map<string, number>();
    for (let i = 0; i < 20; i++) {
      const job = await Job.fromId(queues.pages, pageJobId(entry.id, i));
      by.set(job!.processedBy!, (by.get(job!.processedBy!) ?? 0) + 1);
    }
    expect([...by.keys()].sort()).toEqual([workerName(a), workerName(b)].sort());
    const stored = await store.getDocument(entry.id);
    expect(stored?.status === 'done' && stored.source).toMatchObject({ pages: 20, kind: 'text' });
    if (stored?.status === 'done') expect(stored.pages.map((p) => p.text.split(' ')[0])).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 1}.1`));
  });

  it('a worker killed with SIGKILL mid-document: another finishes it, with no duplicate tasks', async () => {
    while (workers.filter((w) => w.child.exitCode === null).length < 2) await startWorkerProcess();
    const path = join(dir, 'garbled-20.txt');
    await writeFile(path, splitIntoPages(await garbledSeed(), 20));
    const entry = await enqueue(path);
    const active = await waitForActiveAssemble(entry.id);
    const victim = workers.find((w) => workerName(w) === active.processedBy)!;
    expect(victim, `the worker ${active.processedBy}`).toBeDefined();
    victim.child.kill('SIGKILL');
    await victim.exited;
    await untilDone([entry]);
    expect(entry.state).toBe('done');

    const parent = await Job.fromId(queues.assemble, assembleJobId(entry.id));
    expect(parent!.attemptsStarted, 'the assemble job ran again after the kill').toBeGreaterThanOrEqual(2);
    expect(parent!.processedBy).not.toBe(active.processedBy);
    const stored = await store.getDocument(entry.id);
    expect(stored?.status).toBe('done');
    if (stored?.status !== 'done') return;
    expect(stored.revision).toBe(1);
    expect(stored.tasks.length).toBeGreaterThan(5);
    const listed = await store.listTasks({ document: entry.id, limit: 500 });
    expect(listed.total).toBe(stored.tasks.length);
    const keys = listed.items.map((t) => `${t.group.code}|${t.code}|${t.title}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('SIGTERM lets a worker finish the job in hand before it exits', async () => {
    while (workers.filter((w) => w.child.exitCode === null).length < 1) await startWorkerProcess();
    const path = join(dir, 'garbled-3.txt');
    await writeFile(path, splitIntoPages(await garbledSeed(), 3));
    const entry = await enqueue(path);
    const active = await waitForActiveAssemble(entry.id);
    const worker = workers.find((w) => workerName(w) === active.processedBy)!;
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('finishing the jobs in hand');
    expect(await queues.assemble.getJobState(assembleJobId(entry.id))).toBe('completed');
    const parent = await Job.fromId(queues.assemble, assembleJobId(entry.id));
    expect(parent!.attemptsStarted).toBe(1);
    expect(await store.hasDocument(entry.id)).toBe(true);
  });
});
