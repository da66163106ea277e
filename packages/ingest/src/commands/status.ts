import { queueConfig } from '../queue/queue-config.js';
import { queueStatus } from '../queue/queue-status.js';
import { openQueues } from '../queue/queues.js';
import type { CommandArgs } from './command-args.js';

export async function run({ values }: CommandArgs): Promise<number> {
  const config = queueConfig();
  // Fail fast when Redis is down instead of waiting for a reconnect forever.
  const queues = openQueues(config);
  try {
    const status = await Promise.race([
      queueStatus(queues),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Redis at ${config.url} did not answer within 5 s`)), 5_000).unref()),
    ]);
    if (values.json) {
      process.stdout.write(JSON.stringify(status, null, 2) + '\n');
      return 0;
    }
    const lines = [`redis ${status.redis}, prefix ${status.prefix}`];
    for (const [name, counts] of Object.entries(status.queues)) {
      const shown = Object.entries(counts).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`);
      lines.push(`  ${name.padEnd(9)} ${shown.join(', ') || 'empty'}`);
    }
    lines.push(`workers: ${status.workers.length === 0 ? 'none' : status.workers.length}`);
    for (const w of status.workers) lines.push(`  ${w.name} (${w.addr ?? '?'}, up ${w.age ?? '?'} s)`);
    lines.push(`recent failures: ${status.recentFailures.length === 0 ? 'none' : status.recentFailures.length}`);
    for (const f of status.recentFailures) lines.push(`  ${f.at ?? '?'} ${f.file ?? f.jobId}: ${f.reason}`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    await queues.close();
  }
}
