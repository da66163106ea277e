import { SohoaError } from '@sohoa/core';
import { openPostgresDriver } from './postgres-driver.js';
import { SqlStore } from './sql-store.js';
import { openSqliteDriver } from './sqlite-driver.js';
import type { Store } from './store.js';

export const DEFAULT_DB_PATH = './data/sohoa.db';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * A PostgreSQL store for `postgres://` (or `postgresql://`) URLs, otherwise an embedded SQLite file
 * (its folder is created). Migrations are applied before the store is returned.
 */
export async function openStore(url: string = process.env.SOHOA_DB || DEFAULT_DB_PATH): Promise<Store> {
  const postgres = isPostgresUrl(url);
  const driver = postgres ? openPostgresDriver(url) : openSqliteDriver(url.replace(/^sqlite:(\/\/)?/i, ''));
  try {
    return await SqlStore.open(driver);
  } catch (err) {
    await driver.close().catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    const where = postgres ? url.replace(/\/\/[^@/]*@/, '//***@') : url;
    throw new SohoaError('STORE_ERROR', `could not open the store at ${where}: ${reason}`, { stage: 'store', cause: err });
  }
}
