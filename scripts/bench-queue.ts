/**
 * Queue benchmark: the same batch of pages through `sohoa process` in-process and through the BullMQ
 * queue with 1 and 2 worker processes (`sohoa batch --wait`), giving the queue's overhead, plus Redis
 * memory per queued page (INFO memory before/after fanning the documents out, no worker running) and per
 * finished page (results kept for status). A private redis-server on a free loopback port.
 *
 * Pages are .txt pages (default: 10 documents x 10 pages of seed 002, OCR'd without Vietnamese support,
 * so each document needs full restoration in its assemble step) or, with --kind pdf, born-digital PDF
 * pages read from the text layer. Scanned pages (~5-10 s of OCR each on 2 shared cores) would make one
 * run take over 10 minutes: the queue's cost per page does not depend on what the page costs.
 *
 *   npx tsx --conditions=source scripts/bench-queue.ts [--documents 10] [--pages 10] [--kind txt|pdf]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectInputs } from '../packages/ingest/src/collect-inputs.js';
import { hashFile } from '../packages/ingest/src/hash-file.js';
import { describeInput } from '../packages/ingest/src/load-page.js';
import { addDocumentFlow } from '../packages/ingest/src/queue/processors.js';
import { queueConfig } from '../packages/ingest/src/queue/queue-config.js';
import { openQueues } from '../packages/ingest/src/queue/queues.js';
import { garbledSeed, splitIntoPages } from '../packages/ingest/test/support/documents.js';
import { makeTextPdf, planPages } from '../packages/ingest/test/support/make-pdf.js';
import { startRedis, type TestRedis } from '../packages/ingest/test/support/redis.js';
import { spawnCli, stopProcess, type CliProcess } from '../packages/ingest/test/support/spawn-cli.js';

export interface BenchOptions {
  documents?: number;
  pagesPerDocument?: number;
  kind?: 'txt' | 'pdf';
}

export interface RunTiming {
  mode: string;
  seconds: number;
  pagesPerSecond: number;
  overheadPct: number | null;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../packages/ingest/src/cli.ts', import.meta.url));

async function makeBatch(dir: string, documents: number, pages: number, kind: 'txt' | 'pdf'): Promise<void> {
  const seed = await garbledSeed();
  for (let d = 0; d < documents; d++) {
    if (kind === 'pdf') {
      await writeFile(join(dir, `doc-${d}.pdf`), makeTextPdf(planPages(pages).map((lines) => [`Tai lieu ${d}`, ...lines])));
    } else {
      // Every document differs (its own header line), so none is a duplicate of another.
      await writeFile(join(dir, `doc-${d}.txt`), `Tài liệu số ${d}\n` + splitIntoPages(seed, pages));
    }
  }
}

function timeCommand(args: string[], env: NodeJS.ProcessEnv): Promise<{ seconds: number; code: number | null; output: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', cli, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ seconds: (performance.now() - started) / 1000, code, output }));
  });
}

async function queueMemory(redis: TestRedis, files: string[]): Promise<{ perQueuedPage: number; pages: number }> {
  const queues = openQueues(queueConfig({ REDIS_URL: redis.url, SOHOA_QUEUE_PREFIX: 'memory' }));
  try {
    const before = await redis.usedMemory();
    let pages = 0;
    for (const file of files) {
      const { id, bytes } = await hashFile(file);
      const input = await describeInput(file);
      await addDocumentFlow(queues, { path: file, id, bytes }, input);
      pages += input.pageCount;
    }
    const after = await redis.usedMemory();
    return { perQueuedPage: (after - before) / pages, pages };
  } finally {
    for (const q of [queues.documents, queues.pages, queues.assemble]) await q.obliterate({ force: true });
    await queues.close();
  }
}

export async function run(options: BenchOptions = {}) {
  const documents = options.documents ?? 10;
  const pagesPerDocument = options.pagesPerDocument ?? 10;
  const kind = options.kind ?? 'txt';
  const redis = await startRedis();
  const root = await mkdtemp(join(tmpdir(), 'sohoa-bench-queue-'));
  const workers: CliProcess[] = [];
  try {
    const input = join(root, 'input');
    await (await import('node:fs/promises')).mkdir(input);
    await makeBatch(input, documents, pagesPerDocument, kind);
    const files = await collectInputs([input]);
    const pages = documents * pagesPerDocument;

    const memory = await queueMemory(redis, files);

    const timings: RunTiming[] = [];
    const inProcess = await timeCommand(['process', input, '--db', join(root, 'in-process.db')], {});
    if (inProcess.code !== 0) throw new Error(`sohoa process failed:\n${inProcess.output}`);
    timings.push({ mode: 'sohoa process (in-process)', seconds: inProcess.seconds, pagesPerSecond: pages / inProcess.seconds, overheadPct: null });

    let memoryPerFinishedPage = NaN;
    for (const count of [1, 2]) {
      const env = { REDIS_URL: redis.url, SOHOA_QUEUE_PREFIX: `bench${count}`, SOHOA_DB: join(root, `queue-${count}.db`) };
      for (let i = 0; i < count; i++) workers.push(spawnCli(['worker'], env));
      await Promise.all(workers.map((w) => w.waitFor('sohoa worker: sohoa-worker@')));
      const before = await redis.usedMemory();
      const batch = await timeCommand(['batch', input, '--wait'], env);
      if (batch.code !== 0) throw new Error(`sohoa batch failed:\n${batch.output}`);
      if (count === 1) memoryPerFinishedPage = ((await redis.usedMemory()) - before) / pages;
      timings.push({
        mode: `sohoa batch --wait, ${count} worker process${count > 1 ? 'es' : ''}`,
        seconds: batch.seconds,
        pagesPerSecond: pages / batch.seconds,
        overheadPct: ((batch.seconds - inProcess.seconds) / inProcess.seconds) * 100,
      });
      await Promise.all(workers.splice(0).map((w) => stopProcess(w)));
    }

    const f = (n: number, d = 1) => n.toFixed(d);
    const markdown = [
      `### Queue vs in-process: ${documents} documents x ${pagesPerDocument} pages = ${pages} ${kind === 'txt' ? '.txt pages (garbled, full restoration)' : 'born-digital PDF pages (text layer)'}`,
      '',
      '| mode | wall time (s) | pages/s | vs in-process |',
      '|---|---:|---:|---:|',
      ...timings.map((t) => `| ${t.mode} | ${f(t.seconds)} | ${f(t.pagesPerSecond, 2)} | ${t.overheadPct === null ? '-' : `${t.overheadPct >= 0 ? '+' : ''}${f(t.overheadPct)}%`} |`),
      '',
      `Redis memory: ${f(memory.perQueuedPage / 1024, 2)} KiB per queued page (INFO used_memory after fanning out ${memory.pages} pages, no worker), ` +
        `${f(memoryPerFinishedPage / 1024, 2)} KiB per finished page (completed jobs and page results kept for status, 1-worker run).`,
      '',
      'Wall times include starting the CLI (node + tsx from source); worker processes were started before the clock.',
      '',
    ].join('\n');
    return { documents, pagesPerDocument, kind, timings, memory: { perQueuedPageBytes: memory.perQueuedPage, perFinishedPageBytes: memoryPerFinishedPage }, markdown };
  } finally {
    await Promise.all(workers.map((w) => stopProcess(w, 'SIGKILL')));
    await redis.close();
    await rm(root, { recursive: true, force: true });
  }
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown } = await run({
    documents: argValue('documents') ? Number(argValue('documents')) : undefined,
    pagesPerDocument: argValue('pages') ? Number(argValue('pages')) : undefined,
    kind: argValue('kind') === 'pdf' ? 'pdf' : 'txt',
  });
  console.log(markdown);
}
