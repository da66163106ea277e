export type Dialect = 'sqlite' | 'postgres';

export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

/**
 * The little the store needs from a database: parameterised statements written with `?` placeholders
 * (the PostgreSQL driver renumbers them to `$n`), and transactions. Both engines sit behind it, so the
 * store's SQL is written once.
 */
export interface SqlExecutor {
  readonly dialect: Dialect;
  /** Rows of a SELECT (or of a statement with RETURNING). */
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** A statement run for its effect; returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDriver extends SqlExecutor {
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one transaction that writers take one at a time: on SQLite `BEGIN IMMEDIATE` behind an
   * in-process queue, on PostgreSQL a pooled client with `BEGIN`. Commits when `fn` resolves, rolls back
   * when it throws.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
