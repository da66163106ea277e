import type { SqlExecutor } from '../sql-driver.js';

/** Small facts about the stored data, such as which unit aliases its unit keys were folded with. */
export async function createStoreMeta(tx: SqlExecutor): Promise<void> {
  await tx.run('CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
}
