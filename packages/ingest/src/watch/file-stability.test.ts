import { appendFile, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensAsClaimed, waitUntilComplete } from './file-stability.js';

const fixture = (name: string) => new URL(`../../../../fixtures/${name}`, import.meta.url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sohoa-stable-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('waitUntilComplete', () => {
  it('waits while a file keeps growing and answers once it has been still for stableMs', async () => {
    const path = join(dir, 'growing.txt');
    await writeFile(path, 'a');
    const started = Date.now();
    const writer = (async () => {
      for (let i = 0; i < 6; i++) {
        await sleep(60);
        await appendFile(path, 'more text\n');
      }
    })();
    const result = await waitUntilComplete(path, { stableMs: 200, pollMs: 20 });
    await writer;
    expect(result).toBe('complete');
    // six appends 60 ms apart, then 200 ms of stillness
    expect(Date.now() - started).toBeGreaterThanOrEqual(6 * 60 + 200 - 30);
    expect((await readFile(path, 'utf8')).split('\n').length).toBe(7);
  });

  it('does not take a PDF that does not parse yet, and takes it once the rest arrives', async () => {
    const whole = await readFile(fixture('unit/born-digital.pdf'));
    const path = join(dir, 'arriving.pdf');
    await writeFile(path, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(await opensAsClaimed(path)).toBe(false);
    const waiting = waitUntilComplete(path, { stableMs: 100, pollMs: 20, giveUpMs: 60_000 });
    let settled = false;
    void waiting.then(() => (settled = true));
    await sleep(600); // stable for far longer than stableMs, yet incomplete
    expect(settled).toBe(false);
    await appendFile(path, whole.subarray(Math.floor(whole.length / 2)));
    expect(await waiting).toBe('complete');
    expect(await opensAsClaimed(path)).toBe(true);
  });

  it('hands over a stable file that never opens after giveUpMs, and says it is gone when deleted', async () => {
    const truncated = join(dir, 'truncated.pdf');
    await copyFile(fixture('bad/truncated.pdf'), truncated);
    expect(await waitUntilComplete(truncated, { stableMs: 50, pollMs: 20, giveUpMs: 300 })).toBe('unverified');

    const vanishing = join(dir, 'vanishing.txt');
    await writeFile(vanishing, 'x');
    const waiting = waitUntilComplete(vanishing, { stableMs: 5_000, pollMs: 20 });
    await sleep(50);
    await rm(vanishing);
    expect(await waiting).toBe('gone');
  });

  it('treats files whose header is not their type as complete (they fail later with a reason)', async () => {
    const random = join(dir, 'random.pdf');
    await copyFile(fixture('bad/random-bytes.pdf'), random);
    expect(await opensAsClaimed(random)).toBe(true);
    const png = join(dir, 'half.png');
    const bytes = await readFile(fixture('bad/zero-size.png')).catch(() => Buffer.alloc(0));
    await writeFile(png, bytes);
    expect(await opensAsClaimed(png)).toBe(true);
  });
});
