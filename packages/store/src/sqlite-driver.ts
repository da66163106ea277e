import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Row, SqlDriver, SqlExecutor, SqlValue } from './sql-driver.js';

/**
 * better-sqlite3 is synchronous, so every call below finishes before it returns; the queue only matters
 * for transactions, whose body awaits between statements: other callers wait until it commits, so they
 * never see or join a half-written document.
 */
export function openSqliteDriver(path: string): SqlDriver {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');

  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, stmt);
    }
    return stmt;
  };

  const executor: SqlExecutor = {
    dialect: 'sqlite',
    async all<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      return prepare(sql).all(...params) as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      return prepare(sql).run(...params).changes;
    },
  };

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    dialect: 'sqlite',
    all: (sql, params) => exclusive(() => executor.all(sql, params)),
    run: (sql, params) => exclusive(() => executor.run(sql, params)),
    async exec(sql) {
      await exclusive(async () => db.exec(sql));
    },
    transaction(fn) {
      return exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(executor);
          db.exec('COMMIT');
          return result;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      });
    },
    async close() {
      await exclusive(async () => {
        // Keeps the planner's statistics current (SQLite's advice for long-lived connections).
        db.pragma('optimize');
        db.close();
      });
    },
  };
}
