import pg from 'pg';
import type { Row, SqlDriver, SqlExecutor, SqlValue } from './sql-driver.js';

/** `?` -> `$1, $2, ...`. The store's SQL has no `?` inside string literals. */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const INT8_OID = 20;

/** Counts and identity columns are int8; they stay far below 2^53 here, so they are read as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function openPostgresDriver(url: string): SqlDriver {
  const pool = new pg.Pool({ connectionString: url, max: 5, types });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);

  const executorOf = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    dialect: 'postgres',
    async all<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      const res = await client.query(toPgPlaceholders(sql), params as SqlValue[]);
      return res.rows as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      const res = await client.query(toPgPlaceholders(sql), params as SqlValue[]);
      return res.rowCount ?? 0;
    },
  });

  const poolExecutor = executorOf(pool);
  return {
    ...poolExecutor,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executorOf(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
