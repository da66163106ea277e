import { describe, expect, it } from 'vitest';
import { mapPages } from './map-pages.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mapPages', () => {
  it('returns results in page order with no more than `lanes` pages running at once', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    const out = await mapPages(
      7,
      3,
      async (i) => {
        running++;
        most = Math.max(most, running);
        await sleep((7 - i) * 3); // later pages finish first
        running--;
        return i * 10;
      },
      (_r, i) => seen.push(i),
    );
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(most).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('throws the lowest failing page, lets running pages finish and starts no new ones', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = mapPages(10, 3, async (i) => {
      started.push(i);
      // page 2 fails late, page 1 fails early: page 1 must be reported
      if (i === 1) {
        await sleep(5);
        throw new Error('page 2 is bad');
      }
      if (i === 2) {
        await sleep(30);
        throw new Error('page 3 is bad');
      }
      await sleep(20);
      finished.push(i);
      return i;
    });
    await expect(run).rejects.toThrow('page 2 is bad');
    expect(started).toEqual([0, 1, 2]);
    expect(finished).toEqual([0]); // page 0 ran to its end before the error came out
  });

  it('handles no pages and more lanes than pages', async () => {
    expect(await mapPages(0, 4, async () => 1)).toEqual([]);
    expect(await mapPages(2, 8, async (i) => i)).toEqual([0, 1]);
  });
});
