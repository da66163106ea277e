import { intOption } from '../cli-args.js';
import { queueConfig } from '../queue/queue-config.js';
import { startWorker } from '../queue/worker.js';
import { waitForSignal } from '../wait-for-signal.js';
import type { CommandArgs } from './command-args.js';

export async function run({ values }: CommandArgs): Promise<number> {
  const config = queueConfig();
  const verbose = process.env.SOHOA_LOG === 'debug';
  const worker = await startWorker({
    config,
    concurrency: intOption(values, 'concurrency'),
    log: (line) => {
      if (verbose || line.includes('failed')) process.stderr.write(`${new Date().toISOString()} ${line}\n`);
    },
  });
  process.stderr.write(`sohoa worker: ${worker.name} on ${redact(config.url)} (prefix ${config.prefix})\n`);
  const signal = await waitForSignal();
  process.stderr.write(`sohoa worker: ${signal}, finishing the jobs in hand\n`);
  await worker.close();
  return 0;
}

export function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
