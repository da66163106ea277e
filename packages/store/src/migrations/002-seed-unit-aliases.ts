import { DEFAULT_UNIT_ALIASES } from '../unit-aliases.js';
import type { SqlExecutor } from '../sql-driver.js';

export async function seedUnitAliases(tx: SqlExecutor): Promise<void> {
  for (const a of DEFAULT_UNIT_ALIASES) {
    await tx.run('INSERT INTO unit_aliases (alias, expansion, case_sensitive) VALUES (?, ?, ?)', [
      a.alias,
      a.expansion,
      a.caseSensitive ? 1 : 0,
    ]);
  }
}
