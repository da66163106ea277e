import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { pagesInFlight } from '@sohoa/core';
import type { Store } from '../contracts.js';
import { LazyOcrPool } from '../lazy-pool.js';
import { openStoreFor } from '../open-store.js';
import { processAssembleJob, processDocumentJob, processPageJob, type ProcessorDeps } from './processors.js';
import type { QueueConfig } from './queue-config.js';
import { connectionOptions, KEEP_JOBS, openQueues, QUEUE_NAMES } from './queues.js';

export interface WorkerOptions {
  config: QueueConfig;
  /** Pages OCR'd at once: the OCR pool's workers (default: one per core). */
  concurrency?: number;
  store?: Store;
  log?: (line: string) => void;
}

export interface RunningWorker {
  name: string;
  /** Finishes the jobs in hand, then stops the OCR pool and closes connections. */
  close(): Promise<void>;
}

/** One process: workers on the three queues sharing one OCR pool (size = concurrency) and one store. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { config } = options;
  const pool = new LazyOcrPool(options.concurrency);
  const concurrency = pool.size;
  const log = options.log ?? (() => undefined);
  const ownStore = !options.store;
  const store = options.store ?? (await openStoreFor());
  const queues = openQueues(config);
  const deps: ProcessorDeps = { queues, store, pool };
  const name = `sohoa-worker@${hostname()}:${process.pid}`;
  const common = {
    connection: connectionOptions(config),
    prefix: config.prefix,
    name,
    lockDuration: config.lockMs,
    stalledInterval: config.stalledMs,
    maxStalledCount: config.maxStalledCount,
    ...KEEP_JOBS,
  };
  const workers = [
    new Worker(QUEUE_NAMES.documents, (job: Job) => processDocumentJob(job, deps), { ...common, concurrency }),
    // two page jobs more than OCR workers: the next page is rasterised and preprocessed while the workers
    // read, so a worker that finishes finds one ready
    new Worker(QUEUE_NAMES.pages, (job: Job) => processPageJob(job, deps), { ...common, concurrency: pagesInFlight(pool) }),
    // Assembling is CPU work on the main thread: one at a time keeps lock renewals on time.
    new Worker(QUEUE_NAMES.assemble, (job: Job) => processAssembleJob(job, deps), { ...common, concurrency: 1 }),
  ];
  for (const worker of workers) {
    worker.on('failed', (job, error) => log(`${worker.name} ${job?.id ?? '?'} failed: ${error.message}`));
    worker.on('completed', (job) => log(`${worker.name} ${job.id} completed`));
    worker.on('error', (error) => log(`${worker.name}: ${error.message}`));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  let closing: Promise<void> | undefined;
  return {
    name,
    close() {
      closing ??= (async () => {
        await Promise.allSettled(workers.map((w) => w.close()));
        await pool.terminate();
        await queues.close();
        if (ownStore) await store.close();
      })();
      return closing;
    },
  };
}
