import { FlowProducer, Queue, type ConnectionOptions } from 'bullmq';
import type { QueueConfig } from './queue-config.js';

export const QUEUE_NAMES = { documents: 'documents', pages: 'pages', assemble: 'assemble' } as const;

export interface Queues {
  documents: Queue;
  pages: Queue;
  assemble: Queue;
  flow: FlowProducer;
  config: QueueConfig;
  close(): Promise<void>;
}

export function connectionOptions(config: QueueConfig): ConnectionOptions {
  // null: commands wait for a reconnect instead of failing, so a Redis restart is survived.
  return { url: config.url, maxRetriesPerRequest: null, enableOfflineQueue: true };
}

export function openQueues(config: QueueConfig): Queues {
  const options = { connection: connectionOptions(config), prefix: config.prefix };
  const documents = new Queue(QUEUE_NAMES.documents, options);
  const pages = new Queue(QUEUE_NAMES.pages, options);
  const assemble = new Queue(QUEUE_NAMES.assemble, options);
  const flow = new FlowProducer(options);
  // Reconnects are retried by ioredis; callers see the failed commands themselves.
  for (const q of [documents, pages, assemble]) q.on('error', () => undefined);
  flow.on('error', () => undefined);
  return {
    documents,
    pages,
    assemble,
    flow,
    config,
    async close() {
      await Promise.allSettled([documents.close(), pages.close(), assemble.close(), flow.close()]);
    },
  };
}

export const KEEP_JOBS = { removeOnComplete: { count: 20_000 }, removeOnFail: { count: 20_000 } };
