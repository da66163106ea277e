import { describe, expect, it } from 'vitest';
import { readLm, writeLm } from './lm-format.js';
import { LanguageModel } from './language-model.js';
import { bigramKey, trigramKey } from './lm-units.js';

describe('lm binary format', () => {
  const vocab = ['<unk>', '<s>', '</s>', '<num>', 'của', 'bộ', 'chính', 'trị'];
  const arrays = {
    vocab,
    uniProb: Float32Array.from([-5, -7.5, -1.5, -2, -1.2, -2.1, -2.3, -2.4]),
    uniBackoff: Float32Array.from([0, -0.3, 0, -0.2, -0.5, -0.6, -0.7, -0.8]),
    biKeys: Float64Array.from([bigramKey(4, 5), bigramKey(5, 6), bigramKey(6, 7)]),
    biProb: Float32Array.from([-0.9, -0.4, -0.1]),
    biBackoff: Float32Array.from([-0.5, -0.3, -0.2]),
    triKeys: Float64Array.from([trigramKey(4, 5, 6), trigramKey(5, 6, 7)]),
    triProb: Float32Array.from([-0.2, -0.05]),
  };

  it('round-trips keys exactly and values within the 8-bit quantisation step', () => {
    const { header, arrays: back } = readLm(writeLm(arrays, { note: 'test' }));
    expect(header.meta.note).toBe('test');
    expect(back.vocab).toEqual(vocab);
    expect([...back.triKeys]).toEqual([...arrays.triKeys]);
    expect([...back.biKeys]).toEqual([...arrays.biKeys]);
    back.biProb.forEach((v, i) => expect(Math.abs(v - arrays.biProb[i])).toBeLessThan(0.02));
  });

  it('answers stored trigrams directly and backs off through the history weight otherwise', () => {
    const lm = new LanguageModel(writeLm(arrays, {}));
    expect(lm.trigram(5, 6, 7)).toBeCloseTo(-0.05, 1);
    // (4, 5) -> 7 is not stored: backoff(4 5) + P(7 | 5) = -0.5 + (backoff(5) + P(7)) = -0.5 - 0.6 - 2.4
    expect(lm.trigram(4, 5, 7)).toBeCloseTo(-3.5, 1);
    expect(lm.id('chính')).toBe(6);
    expect(lm.id('không')).toBe(0);
  });
});
