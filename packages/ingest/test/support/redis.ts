import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A throwaway redis-server on a free loopback port, in its own temp dir, no persistence unless asked. */
export interface TestRedis {
  url: string;
  port: number;
  dir: string;
  /** Stops the server; with keepData it snapshots first so `start()` comes back with the same jobs. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  start(): Promise<void>;
  /** `INFO memory` used_memory in bytes. */
  usedMemory(): Promise<number>;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'sohoa-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 15_000);
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${out}`));
      });
    });
    proc.stdout!.resume();
    proc.removeAllListeners('exit');
  };

  const stop = async (options: { keepData?: boolean } = {}) => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
    client.on('error', () => undefined); // the server going away is the point
    try {
      await client.connect();
      await client.call('SHUTDOWN', options.keepData ? 'SAVE' : 'NOSAVE').catch(() => undefined);
    } catch {
      proc.kill('SIGKILL');
    } finally {
      client.disconnect();
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    child = null;
  };

  await start();
  return {
    url,
    port,
    dir,
    stop,
    start,
    async usedMemory() {
      const client = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        const info = await client.info('memory');
        return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
      } finally {
        client.disconnect();
      }
    },
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
