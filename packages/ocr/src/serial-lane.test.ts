import { describe, expect, it } from 'vitest';
import { SerialLane } from './serial-lane.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('SerialLane', () => {
  it('runs tasks one at a time in the order given, and a failure does not stop the line', async () => {
    const lane = new SerialLane();
    const events: string[] = [];
    const task = (name: string, ms: number, fail = false) => async (): Promise<string> => {
      events.push(`start ${name}`);
      await sleep(ms);
      events.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([lane.run(task('a', 30)), lane.run(task('b', 5, true)), lane.run(task('c', 1))]);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('lets the next task go after maxWaitMs when one never settles', async () => {
    const lane = new SerialLane(50);
    void lane.run(() => new Promise<never>(() => undefined));
    const t0 = Date.now();
    await expect(lane.run(async () => 'next')).resolves.toBe('next');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
  });
});
