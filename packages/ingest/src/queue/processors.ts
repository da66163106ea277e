import { Job, UnrecoverableError } from 'bullmq';
import { OcrPageSchema, PIPELINE_VERSION, SohoaError, toSohoaError, type OcrPage, type Stage } from '@sohoa/core';
import { assembleDocument } from '../assemble-document.js';
import type { Store } from '../contracts.js';
import type { LazyOcrPool } from '../lazy-pool.js';
import { describeInput, loadPage, sourceKind, type InputDescription } from '../load-page.js';
import { finishDone, finishFailed } from './finish-file.js';
import { assembleJobId, pageJobId } from './job-ids.js';
import {
  AssembleJobDataSchema,
  DocumentJobDataSchema,
  PageJobDataSchema,
  type AssembleJobResult,
  type DocumentJobResult,
  type FinishDirs,
} from './job-data.js';
import { KEEP_JOBS, QUEUE_NAMES, type Queues } from './queues.js';

export interface ProcessorDeps {
  queues: Queues;
  store: Store;
  pool: LazyOcrPool;
}

/** document job: duplicate check, inspect, then fan out one page job per page under an assemble parent. */
export async function processDocumentJob(job: Job, deps: ProcessorDeps): Promise<DocumentJobResult> {
  const data = DocumentJobDataSchema.parse(job.data);
  return withFailureHandling(job, 'ingest', data, deps, async () => {
    if (await deps.store.hasDocument(data.id, PIPELINE_VERSION)) {
      await finishDone(data.path, data.finish);
      return { status: 'duplicate', id: data.id };
    }
    if (data.bytes === 0) throw new SohoaError('EMPTY_FILE', 'the file is empty (0 bytes)', { stage: 'ingest', file: data.path });
    const input = await describeInput(data.path);

    const parentId = assembleJobId(data.id);
    const existing = await Job.fromId(deps.queues.assemble, parentId);
    if (existing) {
      const state = await existing.getState();
      const sameFile = (existing.data as { path?: string }).path === data.path;
      if (state !== 'failed' && sameFile) return { status: 'queued', id: data.id, pages: input.pageCount }; // our own flow, added before a crash
      if (state !== 'failed') {
        // The same bytes under another name are already being processed: this copy is a duplicate.
        await finishDone(data.path, data.finish);
        return { status: 'duplicate', id: data.id, of: (existing.data as { path?: string }).path };
      }
      await existing.remove({ removeChildren: true }).catch(() => undefined);
    }
    await addDocumentFlow(deps.queues, data, input);
    return { status: 'queued', id: data.id, pages: input.pageCount };
  });
}

export async function addDocumentFlow(queues: Queues, data: ReturnType<typeof DocumentJobDataSchema.parse>, input: InputDescription): Promise<void> {
  const retry = { attempts: queues.config.attempts, backoff: { type: 'exponential', delay: queues.config.backoffMs } };
  const shared = { path: data.path, id: data.id, dpi: data.dpi, forceOcr: data.forceOcr, finish: data.finish };
  await queues.flow.add({
    name: 'assemble',
    queueName: QUEUE_NAMES.assemble,
    data: { ...shared, bytes: data.bytes, pageCount: input.pageCount, format: input.format },
    opts: { jobId: assembleJobId(data.id), ...retry, ...KEEP_JOBS },
    children: input.pages.map((page) => ({
      name: 'page',
      queueName: QUEUE_NAMES.pages,
      data: { ...shared, index: page.index, pageCount: input.pageCount, hasTextLayer: page.hasTextLayer, format: input.format },
      opts: { jobId: pageJobId(data.id, page.index), failParentOnFailure: true, ...retry, ...KEEP_JOBS },
    })),
  });
}

/** page job: one OcrPage (small JSON; images never travel through Redis). */
export async function processPageJob(job: Job, deps: ProcessorDeps): Promise<OcrPage> {
  const data = PageJobDataSchema.parse(job.data);
  return withFailureHandling(job, 'ocr', data, deps, async () => {
    const pages = Array.from({ length: data.pageCount }, (_, index) => ({ index, hasTextLayer: index === data.index ? data.hasTextLayer : false }));
    return loadPage(data.path, { format: data.format, pageCount: data.pageCount, pages }, data.index, {
      pool: deps.pool,
      dpi: data.dpi,
      forceOcr: data.forceOcr,
    });
  });
}

/** assemble job: all pages are back; restoration, tables, metadata, the store write, then the file move. */
export async function processAssembleJob(job: Job, deps: ProcessorDeps): Promise<AssembleJobResult> {
  const data = AssembleJobDataSchema.parse(job.data);
  return withFailureHandling(job, 'parser', data, deps, async () => {
    const values = await job.getChildrenValues<unknown>();
    const pages = Object.values(values).map((v) => OcrPageSchema.parse(v));
    if (pages.length !== data.pageCount) {
      throw new SohoaError('INTERNAL', `only ${pages.length} of ${data.pageCount} pages came back`, { stage: 'queue', file: data.path });
    }
    pages.sort((a, b) => a.index - b.index);
    const doc = await assembleDocument({ id: data.id, path: data.path, bytes: data.bytes, kind: sourceKind(data.format, pages), pages });
    // Saving twice (a worker killed after the write) is harmless: the store answers "duplicate".
    const saved = await deps.store.saveDocument(doc);
    await finishDone(data.path, data.finish);
    return { status: 'done', stored: saved.status, id: data.id, pages: pages.length, tasks: doc.tasks.length, revision: saved.revision ?? null };
  });
}

/**
 * Normalises errors; on the last attempt (or a permanent error) records the failure and moves a watched
 * file to failed/. Permanent errors become UnrecoverableError so BullMQ does not retry them.
 */
async function withFailureHandling<T>(
  job: Job,
  stage: Stage,
  data: { path: string; id: string; finish?: FinishDirs },
  deps: ProcessorDeps,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (thrown) {
    const error = toSohoaError(thrown, stage, data.path);
    const attempt = job.attemptsMade + 1;
    const final = error.permanent || attempt >= (job.opts.attempts ?? 1);
    if (final) {
      await deps.store.recordFailure({ id: data.id, path: data.path, error: error.toJSON(), pipelineVersion: PIPELINE_VERSION }).catch(() => undefined);
      await finishFailed(data.path, data.finish, error, attempt).catch(() => undefined);
    }
    const message = `${error.code}: ${error.reason}`;
    throw error.permanent ? new UnrecoverableError(message) : new Error(message);
  }
}

export { pageJobId };
