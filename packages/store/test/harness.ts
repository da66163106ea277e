import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres, type PrivateCluster } from './support/postgres.js';

/** Where a contract suite gets fresh, empty databases, and how it reads them with plain SQL. */
export interface StoreHarness {
  name: 'sqlite' | 'postgres';
  freshUrl(): Promise<string>;
  query(url: string, sql: string): Promise<Record<string, unknown>[]>;
  dispose(): void | Promise<void>;
}

export function sqliteHarness(): StoreHarness {
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-store-'));
  let n = 0;
  return {
    name: 'sqlite',
    // A folder that does not exist yet: openStore must create it.
    freshUrl: async () => join(dir, `db${++n}`, 'sohoa.db'),
    async query(url, sql) {
      const db = new Database(url);
      try {
        const stmt = db.prepare(sql);
        return stmt.reader ? (stmt.all() as Record<string, unknown>[]) : (stmt.run(), []);
      } finally {
        db.close();
      }
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function postgresHarness(): Promise<StoreHarness> {
  const cluster: PrivateCluster = await startPostgres();
  // One admin connection creates every test database: much cheaper than a psql process each time.
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  let n = 0;
  return {
    name: 'postgres',
    async freshUrl() {
      const name = `sohoa_test_${++n}`;
      await admin.query(`CREATE DATABASE ${name}`);
      return cluster.url.replace(/\/postgres$/, `/${name}`);
    },
    async query(url, sql) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    },
    async dispose() {
      await admin.end().catch(() => undefined);
      cluster.stop();
    },
  };
}
