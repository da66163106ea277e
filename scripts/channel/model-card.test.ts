import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { channelSection, writeChannelSection, type EngineStats } from './model-card.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'channel-card-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stats: Record<string, EngineStats> = {
  eng: {
    train: { pages: 2, truthLines: 60, alignedLines: 58, alignedChars: 4000, cer: 0.2, wer: 0.8, shippedPairs: 300, shippedTruths: 90 },
    heldout: { pages: 1, truthLines: 30, alignedLines: 29, cer: 0.21, wer: 0.82 },
    top: [{ truth: 'ố', ocr: '6', count: 12, p: 0.4 }, { truth: 'ư', ocr: '', count: 3, p: 0.01 }],
  },
};
const meta = { builtAt: '2026-01-01T00:00:00Z', seed: 7, bytes: 2048, command: 'x', degradedPages: 1, vieExtraPages: 3 };

describe('CHANNEL.md section', () => {
  it('shows counts and confusions', () => {
    const s = channelSection(stats, meta);
    expect(s).toContain('`ố` -> `6` 12 (0.40)');
    expect(s).toContain('`ư` -> ∅');
    expect(s).toContain('| held-out CER / WER (OCR vs truth) | 21.0% / 82.0% |');
  });

  it('replaces only its own section and keeps the rest of the file', () => {
    const file = path.join(dir, 'CHANNEL.md');
    writeFileSync(file, '# Models\n\n## Language model\nlm notes\n');
    writeChannelSection(file, channelSection(stats, meta));
    writeChannelSection(file, channelSection(stats, { ...meta, seed: 9 }));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('lm notes');
    expect(text.match(/channel-model:start/g)).toHaveLength(1);
    expect(text).toContain('seed 9');
  });
});
