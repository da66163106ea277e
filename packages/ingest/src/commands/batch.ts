import { PIPELINE_VERSION } from '@sohoa/core';
import { intOption } from '../cli-args.js';
import { collectInputs } from '../collect-inputs.js';
import { hashFile } from '../hash-file.js';
import { openStoreFor } from '../open-store.js';
import { progressLine } from '../progress.js';
import { enqueueDocument, type EnqueueOptions } from '../queue/enqueue-document.js';
import { queueConfig } from '../queue/queue-config.js';
import { openQueues } from '../queue/queues.js';
import { trackBatch, type BatchEntry } from '../queue/track-batch.js';
import type { CommandArgs } from './command-args.js';

export async function run({ values, positionals }: CommandArgs): Promise<number> {
  const files = await collectInputs(positionals);
  if (files.length === 0) {
    process.stderr.write(`sohoa batch: no documents found in ${positionals.join(', ')}\n`);
    return 1;
  }
  const reprocess = values.reprocess === true;
  const options: EnqueueOptions = { dpi: intOption(values, 'dpi'), forceOcr: values['force-ocr'] === true };
  const store = await openStoreFor();
  const queues = openQueues(queueConfig());
  const entries: BatchEntry[] = [];
  let skipped = 0;
  let failures = 0;
  try {
    for (const file of files) {
      try {
        const hashed = await hashFile(file);
        // Without --reprocess any stored version counts; with it only the current pipeline version does.
        if (await store.hasDocument(hashed.id, reprocess ? PIPELINE_VERSION : undefined)) {
          skipped++;
          continue;
        }
        const job = await enqueueDocument(queues, file, { ...options, hashed });
        entries.push({ path: job.path, id: job.id, jobId: job.jobId, state: 'pending', pages: null, pagesDone: 0, requeued: 0 });
      } catch (error) {
        failures++;
        process.stderr.write(`${file}: ${(error as Error & { reason?: string }).reason ?? (error as Error).message}\n`);
      }
    }
    process.stderr.write(`sohoa batch: queued ${entries.length} document${entries.length === 1 ? '' : 's'}, ${skipped} already stored${reprocess ? ' at this pipeline version' : ''}\n`);
    if (!values.wait || entries.length === 0) return failures > 0 ? 1 : 0;

    if ((await queues.pages.getWorkersCount().catch(() => 1)) === 0) {
      process.stderr.write('sohoa batch: no worker is running yet (start one with `sohoa worker`)\n');
    }
    const started = Date.now();
    const tty = process.stderr.isTTY === true;
    let lastLine = '';
    const reported = new Set<BatchEntry>();
    await trackBatch(queues, entries, {
      store,
      requeue: async (entry) => (await enqueueDocument(queues, entry.path, options)).jobId,
      onUpdate: (all) => {
        for (const e of all) {
          if (e.state === 'failed' && !reported.has(e)) {
            reported.add(e);
            process.stderr.write(`${tty ? '\r\x1b[K' : ''}${e.path}: ${e.reason ?? 'failed'}\n`);
          }
        }
        const line = progressLine(snapshot(all, started), { bar: tty });
        if (tty) process.stderr.write(`\r\x1b[K${line}`);
        else if (line.split(',').slice(0, 2).join() !== lastLine.split(',').slice(0, 2).join()) process.stderr.write(line + '\n');
        lastLine = line;
      },
    });
    if (tty) process.stderr.write('\n');
    const failed = entries.filter((e) => e.state === 'failed').length;
    const duplicates = entries.filter((e) => e.state === 'duplicate').length;
    process.stderr.write(
      `sohoa batch: ${entries.length - failed - duplicates} done, ${duplicates} duplicate, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return failed + failures > 0 ? 1 : 0;
  } finally {
    await queues.close();
    await store.close();
  }
}

function snapshot(entries: BatchEntry[], started: number) {
  const known = entries.filter((e) => e.pages !== null);
  return {
    documentsDone: entries.filter((e) => e.state !== 'pending').length,
    documentsTotal: entries.length,
    failed: entries.filter((e) => e.state === 'failed').length,
    pagesDone: entries.reduce((n, e) => n + e.pagesDone, 0),
    pagesKnown: known.reduce((n, e) => n + (e.pages ?? 0), 0),
    documentsWithKnownPages: known.length,
    elapsedMs: Date.now() - started,
  };
}
