import { describe, expect, it } from 'vitest';
import { formatDuration, progressLine } from './progress.js';

describe('progressLine', () => {
  it('shows documents, pages, rate and an ETA from the pages still to do', () => {
    const line = progressLine({ documentsDone: 2, documentsTotal: 4, failed: 0, pagesDone: 20, pagesKnown: 30, documentsWithKnownPages: 3, elapsedMs: 10_000 });
    // 3 documents known with 30 pages -> about 40 pages in all; 20 left at 2 pages/s -> 10 s.
    expect(line).toBe('2/4 documents, 20/40 pages, 2.00 pages/s, ETA 10s');
  });

  it('draws a bar on a terminal and counts failures', () => {
    const line = progressLine({ documentsDone: 1, documentsTotal: 2, failed: 1, pagesDone: 5, pagesKnown: 10, documentsWithKnownPages: 2, elapsedMs: 1000 }, { bar: true, width: 10 });
    expect(line.startsWith('[#####-----] ')).toBe(true);
    expect(line).toContain('1 failed');
  });

  it('formats durations', () => {
    expect(formatDuration(59_000)).toBe('59s');
    expect(formatDuration(61_000)).toBe('1m01s');
    expect(formatDuration(3_700_000)).toBe('1h01m');
    expect(formatDuration(Infinity)).toBe('?');
  });
});
