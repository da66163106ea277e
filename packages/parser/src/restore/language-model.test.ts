import { describe, expect, it } from 'vitest';
import { findPacked } from './language-model.js';

describe('findPacked', () => {
  it('finds every word of a sorted run of (word << 8 | code) entries, and nothing else', () => {
    for (const length of [0, 1, 5, 9, 40, 1000]) {
      const words = Array.from({ length }, (_, i) => 3 + i * 7);
      const packed = Int32Array.from(words, (w, i) => (w << 8) | i % 256);
      for (let w = 0; w < 3 + length * 7 + 3; w++) {
        const i = findPacked(packed, 0, packed.length, w);
        expect(i, `length ${length}, word ${w}`).toBe(words.indexOf(w));
      }
    }
  });

  it('searches only inside the given run', () => {
    const packed = Int32Array.from([5, 9, 12, 5, 9], (w) => w << 8);
    expect(findPacked(packed, 3, 5, 9)).toBe(4);
    expect(findPacked(packed, 3, 5, 12)).toBe(-1);
  });
});
