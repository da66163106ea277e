import { basename } from 'node:path';
import type { DocumentResult, StageResult } from '@sohoa/core';
import { intOption } from '../cli-args.js';
import { collectInputs } from '../collect-inputs.js';
import type { Store } from '../contracts.js';
import { LazyOcrPool } from '../lazy-pool.js';
import { openStoreFor } from '../open-store.js';
import { processFile } from '../process-file.js';
import type { CommandArgs } from './command-args.js';

/** Files processed at once: two, so one file's first pages overlap the last pages of the one before. */
const FILES_IN_FLIGHT = 2;

export async function run({ values, positionals }: CommandArgs): Promise<number> {
  const inputs = await collectInputs(positionals);
  if (inputs.length === 0) {
    process.stderr.write(`sohoa process: no documents found in ${positionals.join(', ')}\n`);
    return 1;
  }
  const json = values.json === true;
  const store: Store | null = values['no-store'] ? null : await openStoreFor(values.db as string | undefined);
  const pool = new LazyOcrPool();
  const processOne = async (file: string): Promise<{ result: StageResult<DocumentResult>; seconds: number }> => {
    const started = performance.now();
    const result = await processFile(file, {
      pool,
      store,
      dpi: intOption(values, 'dpi'),
      forceOcr: values['force-ocr'] === true,
      force: values.force === true,
    });
    return { result, seconds: (performance.now() - started) / 1000 };
  };
  // the next file starts while this one's last pages are read, so no worker idles at a file's end;
  // results are printed in the order the files were given
  const pending: Promise<{ result: StageResult<DocumentResult>; seconds: number }>[] = [];
  const start = (i: number): void => {
    if (i >= inputs.length) return;
    pending[i] = processOne(inputs[i]);
    pending[i].catch(() => undefined); // seen when its turn comes; not an unhandled rejection before
  };
  let failures = 0;
  try {
    for (let i = 0; i < FILES_IN_FLIGHT; i++) start(i);
    for (const [i, file] of inputs.entries()) {
      const { result, seconds } = await pending[i];
      start(i + FILES_IN_FLIGHT);
      if (result.status === 'failed') {
        failures++;
        process.stderr.write(`${file}: ${result.error.reason}\n`);
      } else if (result.status === 'done') {
        process.stdout.write(json ? JSON.stringify(result.value) + '\n' : summarize(file, result.value, seconds) + '\n');
      } else if (result.status === 'duplicate') {
        if (json && result.existing) process.stdout.write(JSON.stringify(result.existing) + '\n');
        else process.stdout.write(`${file}: already stored as ${result.id.slice(0, 12)} (duplicate), ${seconds.toFixed(1)} s\n`);
      } else {
        process.stdout.write(`${file}: skipped (${result.reason})\n`);
      }
    }
  } finally {
    // a file still in flight after an unexpected error ends before the pool and store it uses close
    await Promise.allSettled(pending);
    await pool.terminate();
    await store?.close();
  }
  return failures > 0 ? 1 : 0;
}

export function summarize(file: string, doc: DocumentResult, seconds: number): string {
  const parts = [
    `${doc.source.pages} page${doc.source.pages === 1 ? '' : 's'}`,
    doc.source.kind,
    `${doc.tasks.length} task${doc.tasks.length === 1 ? '' : 's'}`,
  ];
  const { number, date } = doc.metadata;
  if (number || date) parts.push([number ? `số ${number}` : null, date ? `ngày ${date}` : null].filter(Boolean).join(' '));
  parts.push(`${seconds.toFixed(1)} s`);
  const warn = doc.warnings.length ? ` (${doc.warnings.length} warning${doc.warnings.length === 1 ? '' : 's'})` : '';
  return `${basename(file)}: ${parts.join(', ')}${warn}  [${doc.id.slice(0, 12)}]`;
}
