import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../test/support/postgres.js';
import { isPostgresUrl, openStore } from './open-store.js';

describe('openStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-open-'));
  const saved = process.env.SOHOA_DB;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    if (saved === undefined) delete process.env.SOHOA_DB;
    else process.env.SOHOA_DB = saved;
  });

  it('opens SOHOA_DB when no URL is given, creating its folder', async () => {
    const path = join(dir, 'nested', 'folder', 'sohoa.db');
    process.env.SOHOA_DB = path;
    const store = await openStore();
    expect(store.engine).toBe('sqlite');
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('tells postgres URLs from file paths', () => {
    expect(isPostgresUrl('postgres://u@127.0.0.1:5432/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u@h/db')).toBe(true);
    expect(isPostgresUrl('./data/sohoa.db')).toBe(false);
  });

  it('refuses a database written by a newer schema', async () => {
    const path = join(dir, 'future.db');
    await (await openStore(path)).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01')").run();
    db.close();
    await expect(openStore(path)).rejects.toMatchObject({ code: 'STORE_ERROR', message: expect.stringMatching(/schema version 99/) });
  });

  it('reports an unreachable PostgreSQL as STORE_ERROR without its password', async () => {
    const port = await freePort();
    const err = await openStore(`postgres://sohoa:hunter2@127.0.0.1:${port}/sohoa`).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORE_ERROR', stage: 'store' });
    expect(String((err as Error).message)).toContain(`127.0.0.1:${port}`);
    expect(String((err as Error).message)).not.toContain('hunter2');
  });
});
