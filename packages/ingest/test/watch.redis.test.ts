import { access, copyFile, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@sohoa/store';
import { hashFile } from '../src/hash-file.js';
import { queueConfig } from '../src/queue/queue-config.js';
import { openQueues, type Queues } from '../src/queue/queues.js';
import { cleanSeed } from './support/documents.js';
import { codePages, makeTextPdf } from './support/make-pdf.js';
import { startRedis, type TestRedis } from './support/redis.js';
import { spawnCli, stopProcess, type CliProcess } from './support/spawn-cli.js';

const badDir = new URL('../../../fixtures/bad/', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exists = (p: string) => access(p).then(() => true, () => false);

let redis: TestRedis;
let root: string;
let inbox: string;
let store: Store;
let queues: Queues;
let watcher: CliProcess;

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; watch output:\n${watcher.output()}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  redis = await startRedis();
  root = await mkdtemp(join(tmpdir(), 'sohoa-watch-'));
  inbox = join(root, 'inbox');
  await mkdir(inbox);
  const env = { REDIS_URL: redis.url, SOHOA_QUEUE_PREFIX: 'watchtest', SOHOA_DB: join(root, 'sohoa.db'), SOHOA_QUEUE_BACKOFF_MS: '200' };
  store = await openStore(env.SOHOA_DB);
  queues = openQueues(queueConfig(env));
  // A file that is there before the watcher starts is picked up too.
  await writeFile(join(inbox, 'existing.txt'), 'Văn bản có sẵn.\fTrang hai.');
  watcher = spawnCli(['watch', inbox, '--stable-ms', '300'], env);
  await watcher.waitFor('sohoa watch: watching');
});

afterAll(async () => {
  if (watcher) await stopProcess(watcher);
  await queues?.close();
  await store?.close();
  await redis?.close();
  await rm(root, { recursive: true, force: true });
});

describe('sohoa watch', () => {
  it('picks up a file that was there before it started', async () => {
    await until('existing.txt in processed/', () => exists(join(inbox, 'processed', 'existing.txt')));
  });

  it('takes a PDF copied in slowly only once it is complete, and processes it once', async () => {
    const pdf = makeTextPdf(codePages(3));
    const path = join(inbox, 'slow.pdf');
    const handle = await open(path, 'w');
    const chunk = Math.ceil(pdf.length / 4);
    for (let i = 0; i < 4; i++) {
      await handle.write(pdf.subarray(i * chunk, (i + 1) * chunk));
      await handle.sync();
      await sleep(700); // longer than --stable-ms: only the "does it open" check keeps it waiting
    }
    await handle.close();
    const { id } = await hashFile(path);
    await until('slow.pdf in processed/', () => exists(join(inbox, 'processed', 'slow.pdf')), 90_000);
    const stored = await store.getDocument(id);
    expect(stored?.status).toBe('done');
    if (stored?.status === 'done') expect(stored.source.pages).toBe(3);
    const jobs = (await queues.documents.getJobs(['completed', 'failed', 'active', 'waiting'])).filter((j) => j.data.path.endsWith('/slow.pdf'));
    expect(jobs).toHaveLength(1);
    expect(await readdir(join(inbox, 'failed'))).not.toContain('slow.pdf');
    expect(watcher.output().match(/queued \S*slow\.pdf/g)).toHaveLength(1);
  });

  it('moves every bad input to failed/ with NAME.error.json, and good files still go through', async () => {
    const bad = await readdir(badDir);
    for (const name of bad) await copyFile(join(badDir, name), join(inbox, name));
    await writeFile(join(inbox, 'good.txt'), 'Một văn bản tốt giữa các tệp hỏng.');
    for (const name of bad) {
      await until(`${name}.error.json`, () => exists(join(inbox, 'failed', `${name}.error.json`)), 90_000);
      const report = JSON.parse(await readFile(join(inbox, 'failed', `${name}.error.json`), 'utf8'));
      expect(Object.keys(report).sort(), name).toEqual(['at', 'attempts', 'code', 'file', 'reason', 'stage']);
      expect(report.file, name).toBe(join(inbox, name));
      expect(report.reason.length, name).toBeGreaterThan(10);
      expect(report.attempts, name).toBe(1);
      expect(await exists(join(inbox, 'failed', name)), name).toBe(true);
      expect(await exists(join(inbox, name)), name).toBe(false);
    }
    await until('good.txt in processed/', () => exists(join(inbox, 'processed', 'good.txt')));
  });

  it('moves a duplicate to processed/ under a new name and adds no tasks; ignores .part, ~$ and dotfiles', async () => {
    const text = await cleanSeed();
    await writeFile(join(inbox, 'plan.txt'), text);
    await until('plan.txt in processed/', () => exists(join(inbox, 'processed', 'plan.txt')));
    const { id } = await hashFile(join(inbox, 'processed', 'plan.txt'));
    const tasks = (await store.listTasks({ document: id, limit: 500 })).total;
    expect(tasks).toBeGreaterThan(0);

    for (const ignored of ['upload.pdf.part', '~$plan.txt', '.hidden.txt']) await writeFile(join(inbox, ignored), text);
    await writeFile(join(inbox, 'plan.txt'), text); // same bytes, same name: a duplicate and a name clash
    await until('plan-1.txt in processed/', () => exists(join(inbox, 'processed', 'plan-1.txt')));
    expect(await readFile(join(inbox, 'processed', 'plan.txt'), 'utf8')).toBe(text);
    expect((await store.listTasks({ document: id, limit: 500 })).total).toBe(tasks);
    await sleep(1_000);
    for (const ignored of ['upload.pdf.part', '~$plan.txt', '.hidden.txt']) expect(await exists(join(inbox, ignored)), ignored).toBe(true);
  });
});
