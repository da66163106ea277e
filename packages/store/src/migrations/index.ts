import { SohoaError } from '@sohoa/core';
import type { Dialect, SqlDriver, SqlExecutor } from '../sql-driver.js';
import { initialSchema } from './001-initial-schema.js';
import { seedUnitAliases } from './002-seed-unit-aliases.js';
import { createStoreMeta } from './003-store-meta.js';

export interface Migration {
  version: number;
  name: string;
  up(tx: SqlExecutor, dialect: Dialect): Promise<void>;
}

/** Append only: a released migration is never edited, a change is a new version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial-schema',
    async up(tx, dialect) {
      // Statement by statement: the pg driver's extended protocol takes one statement per query.
      for (const statement of splitStatements(initialSchema(dialect))) await tx.run(statement);
    },
  },
  { version: 2, name: 'seed-unit-aliases', up: (tx) => seedUnitAliases(tx) },
  { version: 3, name: 'store-meta', up: (tx) => createStoreMeta(tx) },
];

export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s.length > 0);
}

// Any constant will do; it only has to be the same for every process migrating one database.
const MIGRATION_LOCK = 7_406_231_117;

/**
 * Applies the migrations a database lacks, in one transaction, so two processes opening the same new
 * database (two workers on one PostgreSQL) do not both create the schema.
 */
export async function applyMigrations(db: SqlDriver): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const done = new Set(
      (await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
    );
    const newest = Math.max(...MIGRATIONS.map((m) => m.version));
    const unknown = [...done].filter((v) => v > newest);
    if (unknown.length > 0) {
      throw new SohoaError(
        'STORE_ERROR',
        `the database has schema version ${Math.max(...unknown)}, newer than this sohoa knows (${newest}): upgrade sohoa`,
        { stage: 'store' },
      );
    }
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await m.up(tx, db.dialect);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      applied.push(m.version);
    }
    return applied;
  });
}
