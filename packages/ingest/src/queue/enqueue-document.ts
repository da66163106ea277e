import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hashFile } from '../hash-file.js';
import { documentJobId } from './job-ids.js';
import type { DocumentJobData, FinishDirs } from './job-data.js';
import { KEEP_JOBS, type Queues } from './queues.js';

export interface EnqueueOptions {
  dpi?: number;
  forceOcr?: boolean;
  finish?: FinishDirs;
  /** The file's hash when the caller already has it. */
  hashed?: { id: string; bytes: number };
}

export interface Enqueued {
  path: string;
  id: string;
  jobId: string;
  bytes: number;
}

/** Hashes the file (its id) and adds a document job; adding the same unchanged file again is a no-op. */
export async function enqueueDocument(queues: Queues, file: string, options: EnqueueOptions = {}): Promise<Enqueued> {
  const path = resolve(file);
  const info = await stat(path);
  const { id, bytes } = options.hashed ?? (await hashFile(path));
  const jobId = documentJobId(id, path, info.mtimeMs);
  const data: DocumentJobData = { path, id, bytes };
  if (options.dpi) data.dpi = options.dpi;
  if (options.forceOcr) data.forceOcr = true;
  if (options.finish) data.finish = options.finish;
  await queues.documents.add('document', data, {
    jobId,
    attempts: queues.config.attempts,
    backoff: { type: 'exponential', delay: queues.config.backoffMs },
    ...KEEP_JOBS,
  });
  return { path, id, jobId, bytes };
}
