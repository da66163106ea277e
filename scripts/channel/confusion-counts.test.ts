import { describe, expect, it } from 'vitest';
import { alignChars, toSegments } from './align-chars.js';
import { ConfusionCounts } from './confusion-counts.js';

function countLines(lines: [string, string][]): ConfusionCounts {
  const counts = new ConfusionCounts();
  for (const [t, o] of lines) counts.addLine(toSegments(alignChars(t, o)));
  return counts;
}

describe('ConfusionCounts', () => {
  it('makes P(ocr | truth) a distribution per truth unit (before pruning)', () => {
    const counts = countLines([
      ['của bộ', 'ctia b6'],
      ['của bộ', 'cua bo'],
      ['của bộ', 'của bộ'],
    ]);
    const row = counts.pairs.get('ủ')!;
    expect(row.get('ti')).toBe(1);
    expect(row.get('u')).toBe(1);
    expect(row.get('ủ')).toBe(1);
    expect(counts.truthCounts.get('ủ')).toBe(3);
    for (const [truth, r] of counts.pairs) {
      const sum = [...r.values()].reduce((a, b) => a + b, 0);
      expect(sum).toBeLessThanOrEqual(counts.truthCounts.get(truth)!);
    }
  });

  it('ships identity pairs, prunes rare pairs and keeps only recurring joint bigram errors', () => {
    const counts = countLines([
      ['của', 'ctia'],
      ['của', 'ctia'],
      ['của', 'cua'],
      ['người', 'nguoi'],
      ['người', 'nguoi'],
    ]);
    const model = counts.toModel(2);
    const has = (t: string, o: string) => model.pairs.some(([a, b]) => a === t && b === o);
    expect(has('ủ', 'ti')).toBe(true);
    expect(has('ủ', 'u')).toBe(false); // seen once
    expect(has('c', 'c')).toBe(true);
    expect(model.truthCounts['ủ']).toBe(3);
    expect(has('ườ', 'uo')).toBe(true); // both characters misread together twice
    expect(model.truthCounts['ca']).toBeUndefined(); // no joint error: a product of unigram events
    for (const [t, o] of model.pairs) {
      expect(Array.from(t).length).toBeLessThanOrEqual(2);
      expect(Array.from(o).length).toBeLessThanOrEqual(3);
    }
  });

  it('lists the top confusions without identity pairs', () => {
    const counts = countLines([
      ['số', 's6'],
      ['số', 's6'],
      ['về', 'vé'],
    ]);
    const top = counts.topConfusions(5);
    expect(top[0]).toMatchObject({ truth: 'ố', ocr: '6', count: 2, p: 1 });
    expect(top.every((c) => c.truth !== c.ocr)).toBe(true);
  });
});
