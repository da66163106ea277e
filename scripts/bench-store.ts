/**
 * Store benchmark: saves N documents (default 1,000 x 10 tasks = 10,000 tasks) into each engine, then
 * times `GET /tasks` with filters through fastify's inject (no sockets). Bounded: a fixed number of
 * requests per filter, and a time cap. Prints a markdown table.
 *
 *   npx tsx --conditions=source scripts/bench-store.ts [--documents 1000] [--tasks 10] [--requests 200]
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createApiServer, openStore, type Store } from '@sohoa/store';
import { makeDocument, manyTasks } from '../packages/store/test/fixtures.js';
import { startPostgres } from '../packages/store/test/support/postgres.js';

export interface BenchOptions {
  documents?: number;
  tasksPerDocument?: number;
  requests?: number;
  /** Time cap per filter, in ms. */
  capMs?: number;
  engines?: ('sqlite' | 'postgres')[];
}

export interface QueryTiming {
  engine: string;
  query: string;
  matches: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of this process per request: all of the work on SQLite, the client side on PostgreSQL. */
  cpuMsPerRequest: number;
}

export interface LoadResult {
  engine: string;
  documents: number;
  tasks: number;
  seconds: number;
  docsPerSecond: number;
  sizeMiB: number;
}

export const QUERIES = [
  '/tasks?lead=S%E1%BB%9F%20KH%26CN',
  '/tasks?q=an%20ninh%20mang',
  '/tasks?year=2027&group=II',
  '/tasks?unit=cong%20an%20tinh&year=2026&limit=500',
  '/tasks?format=csv&limit=200',
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function load(store: Store, documents: number, tasksPerDocument: number): Promise<{ seconds: number; tasks: number }> {
  const start = performance.now();
  for (let d = 0; d < documents; d++) {
    const result = await store.saveDocument(makeDocument(`bench-${d}`, manyTasks(tasksPerDocument, d)));
    if (result.status !== 'done') throw new Error(`document ${d} was ${result.status}`);
  }
  return { seconds: (performance.now() - start) / 1000, tasks: documents * tasksPerDocument };
}

async function timeQueries(store: Store, engine: string, requests: number, capMs: number): Promise<QueryTiming[]> {
  const app = createApiServer(store, { token: '' });
  const timings: QueryTiming[] = [];
  try {
    for (const url of QUERIES) {
      const first = await app.inject({ url });
      if (first.statusCode !== 200) throw new Error(`${url}: HTTP ${first.statusCode} ${first.body}`);
      const matches = Number(first.headers['x-total-count'] ?? first.json().total);
      const samples: number[] = [];
      const until = performance.now() + capMs;
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < requests && performance.now() < until; i++) {
        const t0 = performance.now();
        const res = await app.inject({ url });
        samples.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode}`);
      }
      const cpu = process.cpuUsage(cpu0);
      samples.sort((a, b) => a - b);
      timings.push({
        engine,
        query: decodeURIComponent(url),
        matches,
        requests: samples.length,
        p50Ms: percentile(samples, 50),
        p99Ms: percentile(samples, 99),
        cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / samples.length,
      });
    }
  } finally {
    await app.close();
  }
  return timings;
}

async function sqliteSize(path: string, store: Store): Promise<number> {
  await store.close();
  // Closing checkpoints the WAL into the main file.
  return [path, `${path}-wal`].filter(existsSync).reduce((sum, p) => sum + statSync(p).size, 0);
}

async function postgresSize(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
    return Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
  } finally {
    await client.end();
  }
}

export async function run(options: BenchOptions = {}): Promise<{ loads: LoadResult[]; queries: QueryTiming[]; markdown: string }> {
  const documents = options.documents ?? 1000;
  const tasksPerDocument = options.tasksPerDocument ?? 10;
  const requests = options.requests ?? 200;
  const capMs = options.capMs ?? 20_000;
  const engines = options.engines ?? ['sqlite', 'postgres'];
  const loads: LoadResult[] = [];
  const queries: QueryTiming[] = [];

  const record = (engine: string, seconds: number, tasks: number, bytes: number) =>
    loads.push({ engine, documents, tasks, seconds, docsPerSecond: documents / seconds, sizeMiB: bytes / 2 ** 20 });

  if (engines.includes('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'sohoa-bench-'));
    const path = join(dir, 'bench.db');
    try {
      const store = await openStore(path);
      const { seconds, tasks } = await load(store, documents, tasksPerDocument);
      queries.push(...(await timeQueries(store, 'sqlite', requests, capMs)));
      record('sqlite', seconds, tasks, await sqliteSize(path, store));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  if (engines.includes('postgres')) {
    const cluster = await startPostgres();
    try {
      const url = cluster.createDatabase('sohoa_bench');
      const store = await openStore(url);
      try {
        const { seconds, tasks } = await load(store, documents, tasksPerDocument);
        queries.push(...(await timeQueries(store, 'postgres', requests, capMs)));
        record('postgres', seconds, tasks, await postgresSize(url));
      } finally {
        await store.close();
      }
    } finally {
      cluster.stop();
    }
  }

  const f = (n: number, d = 1) => n.toFixed(d);
  const markdown = [
    `### Store: saving ${documents} documents (${tasksPerDocument} tasks, 3 pages each)`,
    '',
    '| engine | documents | tasks | time (s) | documents/s | database size (MiB) |',
    '|---|---:|---:|---:|---:|---:|',
    ...loads.map((l) => `| ${l.engine} | ${l.documents} | ${l.tasks} | ${f(l.seconds)} | ${f(l.docsPerSecond, 0)} | ${f(l.sizeMiB)} |`),
    '',
    `### GET /tasks latency with ${loads[0]?.tasks ?? documents * tasksPerDocument} tasks stored (fastify inject, sequential)`,
    '',
    '| engine | query | matches | requests | p50 (ms) | p99 (ms) | node CPU (ms/request) |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...queries.map(
      (q) => `| ${q.engine} | \`${q.query}\` | ${q.matches} | ${q.requests} | ${f(q.p50Ms, 2)} | ${f(q.p99Ms, 2)} | ${f(q.cpuMsPerRequest, 2)} |`,
    ),
    '',
    `Machine load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores (latency includes waiting for a core).`,
    '',
  ].join('\n');
  return { loads, queries, markdown };
}

function argValue(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown } = await run({ documents: argValue('documents'), tasksPerDocument: argValue('tasks'), requests: argValue('requests') });
  console.log(markdown);
}
