import { loadParserModule } from '../modules.js';
import { readTextInput } from '../read-text-input.js';
import type { CommandArgs } from './command-args.js';

export async function run({ values, positionals }: CommandArgs): Promise<number> {
  const raw = await readTextInput(positionals[0]);
  const parser = await loadParserModule();
  const garbled = parser.assessGarbling(raw).garbled;
  const restorer = garbled ? await parser.loadRestorer() : null;
  const restore = restorer ? (s: string) => restorer.restore(s, { mode: 'full' }).text : undefined;
  const parsed = parser.parseDocument({ text: raw }, restore ? { restore } : {});
  if (values.json) {
    process.stdout.write(JSON.stringify({ metadata: parsed.metadata, tasks: parsed.tasks, warnings: parsed.warnings, restored: garbled }) + '\n');
    return 0;
  }
  const m = parsed.metadata;
  const lines = [
    `number: ${m.number ?? '-'}   date: ${m.date ?? '-'}   place: ${m.place ?? '-'}`,
    `issuer: ${m.issuer ?? '-'}`,
    `title:  ${m.title ?? '-'}`,
    `signer: ${m.signer ?? '-'}`,
    `${parsed.tasks.length} tasks${garbled ? ' (text restored first)' : ''}`,
  ];
  let group = '';
  for (const t of parsed.tasks) {
    if (t.group.code !== group) {
      group = t.group.code;
      lines.push(`${t.group.code}. ${t.group.title}`);
    }
    const period = t.period.recurring ? 'thường xuyên' : t.period.text;
    lines.push(`  ${t.code}  ${t.title}  | chủ trì: ${t.leads.join('; ') || '-'} | ${period || '-'}`);
  }
  for (const w of parsed.warnings) lines.push(`warning: ${w}`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
