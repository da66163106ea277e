import { createHash } from 'node:crypto';
import type { Row, SqlDriver } from './sql-driver.js';
import type { UnitAlias } from './unit-aliases.js';
import { createUnitKey, type UnitKeyFn } from './unit-key.js';

const META_KEY = 'unit_aliases_fingerprint';

/**
 * Loads the unit aliases and returns the key function built from them. When the aliases differ from the
 * ones the stored keys were folded with (a row added to `unit_aliases`), every stored key is folded
 * again first, so old and new tasks keep matching the same filters.
 */
export async function loadUnitKey(db: SqlDriver): Promise<UnitKeyFn> {
  const rows = await db.all<Row>('SELECT alias, expansion, case_sensitive FROM unit_aliases ORDER BY alias');
  const aliases: UnitAlias[] = rows.map((a) => ({
    alias: String(a.alias),
    expansion: String(a.expansion),
    caseSensitive: Number(a.case_sensitive) === 1,
  }));
  const unitKey = createUnitKey(aliases);
  const fingerprint = createHash('sha256').update(JSON.stringify(aliases)).digest('hex');
  const [stored] = await db.all<Row>('SELECT value FROM store_meta WHERE key = ?', [META_KEY]);
  if (stored?.value === fingerprint) return unitKey;

  await db.transaction(async (tx) => {
    const names = await tx.all<Row>('SELECT DISTINCT name, unit_key FROM task_units');
    for (const r of names) {
      const key = unitKey(String(r.name));
      if (key !== r.unit_key) await tx.run('UPDATE task_units SET unit_key = ? WHERE name = ?', [key, String(r.name)]);
    }
    await tx.run('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
      META_KEY,
      fingerprint,
    ]);
  });
  return unitKey;
}
