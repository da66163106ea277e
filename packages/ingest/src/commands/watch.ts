import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { intOption } from '../cli-args.js';
import { enqueueDocument } from '../queue/enqueue-document.js';
import { queueConfig } from '../queue/queue-config.js';
import { openQueues } from '../queue/queues.js';
import { startWorker, type RunningWorker } from '../queue/worker.js';
import { waitForSignal } from '../wait-for-signal.js';
import { watchFolder } from '../watch/watch-folder.js';
import type { CommandArgs } from './command-args.js';
import { redact } from './worker.js';

export async function run({ values, positionals }: CommandArgs): Promise<number> {
  const dir = resolve(positionals[0]);
  const processedDir = resolve(typeof values.processed === 'string' ? values.processed : join(dir, 'processed'));
  const failedDir = resolve(typeof values.failed === 'string' ? values.failed : join(dir, 'failed'));
  await mkdir(processedDir, { recursive: true });
  await mkdir(failedDir, { recursive: true });
  const config = queueConfig();
  const queues = openQueues(config);
  const say = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  let worker: RunningWorker | null = null;
  if (!values['no-worker']) {
    worker = await startWorker({ config, concurrency: intOption(values, 'concurrency'), log: (l) => l.includes('failed') && say(l) });
  }
  const watched = watchFolder(dir, {
    stableMs: intOption(values, 'stable-ms') ?? 2_000,
    ignoreDirs: [processedDir, failedDir],
    onFile: async (path, stability) => {
      const job = await enqueueDocument(queues, path, { finish: { processedDir, failedDir }, dpi: intOption(values, 'dpi') });
      say(`queued ${path} (${job.id.slice(0, 12)})${stability === 'unverified' ? ' although it does not open cleanly' : ''}`);
    },
    onError: (path, error) => say(`${path}: ${(error as Error).message}`),
  });
  await watched.ready;
  say(`sohoa watch: watching ${dir} on ${redact(config.url)}${worker ? ' with a worker' : ''}; done -> ${processedDir}, failed -> ${failedDir}`);
  await waitForSignal();
  await watched.close();
  await worker?.close();
  await queues.close();
  return 0;
}
