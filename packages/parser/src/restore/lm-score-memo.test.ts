import { describe, expect, it } from 'vitest';
import { LmScoreMemo } from './lm-score-memo.js';

describe('LmScoreMemo', () => {
  it('keeps every (list, history) run across growth of its table and arena', () => {
    const memo = new LmScoreMemo(1_000_003, { slots: 1 << 10, doubles: 1 << 12 });
    const offsets = new Map<string, number>();
    for (let list = 0; list < 60; list++) {
      for (let key = 0; key < 1_000_000; key += 9_973) {
        const at = memo.insert(list, key, 4);
        memo.arena[at] = list * 1e6 + key;
        offsets.set(`${list} ${key}`, at);
      }
    }
    for (const [name, at] of offsets) {
      const [list, key] = name.split(' ').map(Number);
      expect(memo.find(list, key)).toBe(at);
      expect(memo.arena[at]).toBe(list * 1e6 + key);
    }
    expect(memo.find(60, 0)).toBe(-1);
    expect(memo.find(0, 1)).toBe(-1);
  });

  it('starts over once its arena passes the limit, and only between sequences (trim)', () => {
    const memo = new LmScoreMemo(100);
    const at = memo.insert(1, 2, 3 << 20);
    memo.insert(1, 3, 1);
    expect(memo.find(1, 2)).toBe(at);
    memo.trim();
    expect(memo.find(1, 2)).toBe(-1);
    expect(memo.find(1, 3)).toBe(-1);
  });
});
