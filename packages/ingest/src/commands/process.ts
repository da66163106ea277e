import { basename } from 'node:path';
import type { DocumentResult } from '@sohoa/core';
import { intOption } from '../cli-args.js';
import { collectInputs } from '../collect-inputs.js';
import type { Store } from '../contracts.js';
import { LazyOcrPool } from '../lazy-pool.js';
import { openStoreFor } from '../open-store.js';
import { processFile } from '../process-file.js';
import type { CommandArgs } from './command-args.js';

export async function run({ values, positionals }: CommandArgs): Promise<number> {
  const inputs = await collectInputs(positionals);
  if (inputs.length === 0) {
    process.stderr.write(`sohoa process: no documents found in ${positionals.join(', ')}\n`);
    return 1;
  }
  const json = values.json === true;
  const store: Store | null = values['no-store'] ? null : await openStoreFor(values.db as string | undefined);
  const pool = new LazyOcrPool();
  let failures = 0;
  try {
    for (const file of inputs) {
      const started = performance.now();
      const result = await processFile(file, {
        pool,
        store,
        dpi: intOption(values, 'dpi'),
        forceOcr: values['force-ocr'] === true,
        force: values.force === true,
      });
      const seconds = (performance.now() - started) / 1000;
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
