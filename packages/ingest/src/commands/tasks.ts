import { intOption } from '../cli-args.js';
import type { TaskFilterInput } from '../contracts.js';
import { openStoreFor } from '../open-store.js';
import { loadStoreModule } from '../modules.js';
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

  const store = await openStoreFor(str('db'));
  const rows: Awaited<ReturnType<typeof store.listTasks>>['items'] = [];
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
  // The same RFC 4180 CSV and NDJSON as `GET /tasks`, so a script can switch between CLI and API.
  const { formatTasks } = await loadStoreModule();
  process.stdout.write(formatTasks(rows, values.format as 'json' | 'csv' | 'ndjson'));
  return 0;
}
