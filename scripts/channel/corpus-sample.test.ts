import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isHeldOut, sampleParagraphs, seededRandom, wrapParagraph } from './corpus-sample.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'channel-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 41 documents: doc 0 and doc 40 are held out.
const docs = Array.from({ length: 41 }, (_, d) => `Văn bản số ${d} có nội dung đầy đủ để lấy mẫu.\nĐoạn thứ hai của văn bản ${d}.`);
writeFileSync(path.join(dir, 'tiny.txt.gz'), gzipSync(docs.join('\n\n') + '\n'));

describe('corpus sampling', () => {
  it('applies the shared hold-out split d % 40 === 0', () => {
    expect([0, 1, 39, 40, 80].map(isHeldOut)).toEqual([true, false, false, true, true]);
  });

  it('draws held-out paragraphs only from held-out documents, and training ones never from them', async () => {
    const held = await sampleParagraphs(dir, { split: 'heldout', seed: 1, quotas: { 'tiny.txt.gz': 100 } });
    expect(held.length).toBe(4);
    expect(held.every((p) => /\b(0|40)\b/.test(p))).toBe(true);
    const train = await sampleParagraphs(dir, { split: 'train', seed: 1, quotas: { 'tiny.txt.gz': 1000 } });
    expect(train.length).toBe(78);
    expect(train.some((p) => /số 0 |số 40 |bản 0\.|bản 40\./.test(p))).toBe(false);
  });

  it('is reproducible for a seed', async () => {
    const a = await sampleParagraphs(dir, { split: 'train', seed: 5, quotas: { 'tiny.txt.gz': 10 } });
    const b = await sampleParagraphs(dir, { split: 'train', seed: 5, quotas: { 'tiny.txt.gz': 10 } });
    expect(a).toEqual(b);
    expect(seededRandom(3)()).toBe(seededRandom(3)());
  });

  it('wraps at word boundaries within the width', () => {
    const lines = wrapParagraph('Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị', 20);
    expect(lines.join(' ')).toBe('Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị');
    expect(lines.every((l) => l.length <= 20)).toBe(true);
  });
});
