import type { Queues } from './queues.js';

export interface QueueStatus {
  redis: string;
  prefix: string;
  queues: Record<string, Record<string, number>>;
  workers: { name: string; addr?: string; age?: number; idle?: number }[];
  recentFailures: { queue: string; jobId: string; file: string | null; reason: string; attempts: number; at: string | null }[];
}

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/** What `sohoa status` shows: counts per state, the workers Redis sees, the latest failures with reasons. */
export async function queueStatus(queues: Queues, recent = 10): Promise<QueueStatus> {
  const named = { documents: queues.documents, pages: queues.pages, assemble: queues.assemble };
  const counts: QueueStatus['queues'] = {};
  const failures: QueueStatus['recentFailures'] = [];
  const workers = new Map<string, QueueStatus['workers'][number]>();
  for (const [name, queue] of Object.entries(named)) {
    counts[name] = await queue.getJobCounts(...STATES);
    for (const job of await queue.getFailed(0, recent - 1)) {
      failures.push({
        queue: name,
        jobId: job.id ?? '?',
        file: (job.data as { path?: string })?.path ?? null,
        reason: job.failedReason ?? '',
        attempts: job.attemptsMade,
        at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      });
    }
    for (const w of (await queue.getWorkers().catch(() => [])) as Record<string, string>[]) {
      // BullMQ names worker connections "<prefix>:<queue>:w:<worker name>".
      const workerName = w.rawname?.split(':w:')[1] ?? w.rawname ?? w.name;
      const key = `${workerName}|${w.addr}`;
      if (!workers.has(key)) workers.set(key, { name: workerName, addr: w.addr, age: Number(w.age), idle: Number(w.idle) });
    }
  }
  failures.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
  const byName = new Map<string, QueueStatus['workers'][number]>();
  for (const w of workers.values()) if (!byName.has(w.name)) byName.set(w.name, w);
  return {
    redis: queues.config.url.replace(/\/\/[^@/]*@/, '//***@'),
    prefix: queues.config.prefix,
    queues: counts,
    workers: [...byName.values()],
    recentFailures: failures.slice(0, recent),
  };
}
