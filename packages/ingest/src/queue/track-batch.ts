import { Job } from 'bullmq';
import { PIPELINE_VERSION } from '@sohoa/core';
import type { Store } from '../contracts.js';
import { assembleJobId, pageJobId } from './job-ids.js';
import type { DocumentJobResult } from './job-data.js';
import type { Queues } from './queues.js';

export interface BatchEntry {
  path: string;
  id: string;
  jobId: string;
  state: 'pending' | 'done' | 'duplicate' | 'failed';
  reason?: string;
  pages: number | null;
  pagesDone: number;
  requeued: number;
}

export interface TrackOptions {
  store: Store;
  pollMs?: number;
  onUpdate?: (entries: BatchEntry[]) => void;
  /** Adds the document again when Redis lost its jobs (a restart without persistence); returns the new job id. */
  requeue: (entry: BatchEntry) => Promise<string>;
  signal?: AbortSignal;
}

/**
 * Follows a batch to the end by polling job states (robust to Redis restarts and to this process
 * starting after the jobs did). A document whose jobs vanished is checked against the store and, when
 * not there, queued again.
 */
export async function trackBatch(queues: Queues, entries: BatchEntry[], options: TrackOptions): Promise<void> {
  const pollMs = options.pollMs ?? 500;
  while (entries.some((e) => e.state === 'pending') && !options.signal?.aborted) {
    for (const entry of entries) {
      if (entry.state !== 'pending') continue;
      try {
        await updateEntry(queues, entry, options);
      } catch {
        // Redis unreachable for a moment: ioredis reconnects; look again next round.
      }
    }
    options.onUpdate?.(entries);
    if (entries.some((e) => e.state === 'pending')) await new Promise((r) => setTimeout(r, pollMs));
  }
}

async function updateEntry(queues: Queues, entry: BatchEntry, options: TrackOptions): Promise<void> {
  // State first, then the job: read the other way round a job finishing in between looks failed without a reason.
  const state = await queues.documents.getJobState(entry.jobId);
  if (state === 'unknown') return lost(entry, options, null);
  if (state !== 'failed' && state !== 'completed') return;
  const docJob = await Job.fromId(queues.documents, entry.jobId);
  if (!docJob) return lost(entry, options, null);
  if (state === 'failed') return finish(entry, 'failed', docJob.failedReason);
  const result = docJob.returnvalue as DocumentJobResult | null;
  if (!result) return;
  if (result.status === 'duplicate') return finish(entry, 'duplicate');
  entry.pages = result.pages;
  const parentId = assembleJobId(entry.id);
  const parentState = await queues.assemble.getJobState(parentId);
  if (parentState === 'unknown') return lost(entry, options, docJob);
  const parent = await Job.fromId(queues.assemble, parentId);
  if (!parent) return lost(entry, options, docJob);
  // Same-bytes duplicates are caught by the document job; a completed assemble is this document, done.
  if (parentState === 'completed') return finish(entry, 'done');
  if (parentState === 'failed') return finish(entry, 'failed', (await failedPageReason(queues, entry.id, result.pages)) ?? parent.failedReason);
  const counts = await parent.getDependenciesCount({ processed: true });
  entry.pagesDone = counts.processed ?? 0;
}

function finish(entry: BatchEntry, state: BatchEntry['state'], reason?: string): void {
  entry.state = state;
  if (state === 'done' || state === 'duplicate') entry.pagesDone = entry.pages ?? entry.pagesDone;
  if (reason) entry.reason = reason.replace(/^[A-Z_]+: /, '');
}

async function lost(entry: BatchEntry, options: TrackOptions, docJob: Job | null): Promise<void> {
  if (await options.store.hasDocument(entry.id, PIPELINE_VERSION)) return finish(entry, 'done');
  if (entry.requeued >= 3) return finish(entry, 'failed', 'the queue lost this document three times');
  await docJob?.remove().catch(() => undefined);
  entry.requeued++;
  entry.jobId = await options.requeue(entry);
}

async function failedPageReason(queues: Queues, id: string, pages: number): Promise<string | undefined> {
  for (let i = 0; i < pages; i++) {
    const page = await Job.fromId(queues.pages, pageJobId(id, i));
    if (page && (await page.getState()) === 'failed') return `page ${i + 1}: ${page.failedReason}`;
  }
  return undefined;
}
