import { intOption } from '../cli-args.js';
import type { TaskFilterInput } from '../contracts.js';
import { openStoreFor } from '../open-store.js';
import { toCsv } from '../to-csv.js';
import type { CommandArgs } from './command-args.js';

export async function run({ values }: CommandArgs): Promise<number> {
  const filter: TaskFilterInput = {};
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  if (str('document')) filter.document = str('document');
  if (str('lead')) filter.lead = str('lead');
  if (str('partner')) filter.partner = str('partner');
  if (str('unit')) filter.unit = str('unit');
  if (str('group')) filter.group = str('group');
  if (str('q')) filter.q = str('q');
  const year = intOption(values, 'year');
  if (year !== undefined) filter.year = year;
  const limit = intOption(values, 'limit') ?? Infinity;

  const store = await openStoreFor();
  const rows: Record<string, unknown>[] = [];
  try {
    let cursor: string | undefined;
    do {
      const page = await store.listTasks({ ...filter, limit: Math.min(500, limit - rows.length), ...(cursor ? { cursor } : {}) });
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && rows.length < limit);
  } finally {
    await store.close();
  }
  const format = values.format as 'json' | 'csv' | 'ndjson';
  if (format === 'ndjson') process.stdout.write(rows.map((r) => JSON.stringify(r) + '\n').join(''));
  else if (format === 'csv') process.stdout.write(toCsv(rows));
  else process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  return 0;
}
