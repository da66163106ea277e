/** Queue settings from the environment; the short lock/stall times exist for tests that kill workers. */
export interface QueueConfig {
  url: string;
  prefix: string;
  /** How long a worker's lock on a job lasts without renewal; a killed worker's jobs are recovered after it. */
  lockMs: number;
  /** How often workers look for jobs whose lock expired (stalled). */
  stalledMs: number;
  maxStalledCount: number;
  /** Attempts for transient failures (permanent ones are never retried). */
  attempts: number;
  backoffMs: number;
}

export function queueConfig(env: NodeJS.ProcessEnv = process.env): QueueConfig {
  const num = (name: string, fallback: number) => {
    const n = Number(env[name]);
    return env[name] !== undefined && env[name] !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return {
    url: env.REDIS_URL || 'redis://127.0.0.1:6379',
    prefix: env.SOHOA_QUEUE_PREFIX || 'sohoa',
    lockMs: num('SOHOA_QUEUE_LOCK_MS', 30_000),
    stalledMs: num('SOHOA_QUEUE_STALLED_MS', 30_000),
    maxStalledCount: num('SOHOA_QUEUE_MAX_STALLED', 2),
    attempts: Math.max(1, num('SOHOA_QUEUE_ATTEMPTS', 3)),
    backoffMs: num('SOHOA_QUEUE_BACKOFF_MS', 2_000),
  };
}
