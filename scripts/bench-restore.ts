/**
 * Speed and footprint of the diacritics restorer: model size, load time, syllables per second on one
 * core after load (full restoration of stripped held-out text, and post-correction of clean text), RSS.
 *   npx tsx --conditions=source scripts/bench-restore.ts
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRestorer } from '../packages/parser/src/restore/index.js';
import { restoreTokens } from '../packages/parser/src/restore/restore-tokens.js';
import { stripDiacritics } from '../packages/parser/src/vietnamese/index.js';
import { heldOutDocuments } from './lib/corpus.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = path.join(repoRoot, 'packages', 'parser', 'models');

function syllableCount(text: string): number {
  return restoreTokens(text).filter((t) => t.kind === 'word').length;
}

export async function run(): Promise<Record<string, unknown>> {
  const docs = await heldOutDocuments(path.join(repoRoot, '..', 'shared', 'corpus', 'vanban.txt.gz'));
  const clean = docs.map((d) => d.join('\n')).join('\n\n');
  const stripped = stripDiacritics(clean);
  const syllables = syllableCount(clean);

  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const restorer = await createRestorer(modelsDir);
  const loadMs = performance.now() - t0;
  const loadCpu = process.cpuUsage(c0);
  const loadCpuMs = (loadCpu.user + loadCpu.system) / 1000;
  const rssLoaded = process.memoryUsage().rss;

  // Wall seconds, best of `runs`: on a shared machine the fastest run is the one least disturbed by
  // other jobs (process CPU time would also count the GC and loader threads).
  const time = (fn: () => void, runs = 1): number => {
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
      const s = performance.now();
      fn();
      best = Math.min(best, (performance.now() - s) / 1000);
    }
    return best;
  };
  const coldFull = time(() => restorer.restore(stripped, { mode: 'full' }));
  const warmFull = time(() => restorer.restore(stripped, { mode: 'full' }), 5);
  const post = time(() => restorer.restore(clean, { mode: 'post-correct' }), 3);
  const rssPeak = process.memoryUsage().rss;
  const result = {
    lmBytes: statSync(path.join(modelsDir, 'lm.bin')).size,
    channelBytes: statSync(path.join(modelsDir, 'channel.json')).size,
    loadMs: Math.round(loadMs),
    loadCpuMs: Math.round(loadCpuMs),
    syllables,
    fullColdSyllablesPerSecond: Math.round(syllables / coldFull),
    fullWarmSyllablesPerSecond: Math.round(syllables / warmFull),
    postCorrectSyllablesPerSecond: Math.round(syllables / post),
    rssBeforeLoadMB: Math.round(rssBefore / 2 ** 20),
    rssAfterLoadMB: Math.round(rssLoaded / 2 ** 20),
    rssPeakMB: Math.round(rssPeak / 2 ** 20),
  };
  const markdown = [
    '| measure | value | target |',
    '|---|---|---|',
    `| model size (lm.bin + channel.json) | ${((result.lmBytes + result.channelBytes) / 2 ** 20).toFixed(1)} MB | <= 30 MB |`,
    `| model load (wall / CPU) | ${result.loadMs} / ${result.loadCpuMs} ms | < 1000 ms |`,
    `| full restoration, first pass (${syllables} syl) | ${result.fullColdSyllablesPerSecond} syl/s | >= 100,000 |`,
    `| full restoration, warm caches (best of 5) | ${result.fullWarmSyllablesPerSecond} syl/s | >= 100,000 |`,
    `| post-correction of clean text | ${result.postCorrectSyllablesPerSecond} syl/s | |`,
    `| RSS before load / after load / peak | ${result.rssBeforeLoadMB} / ${result.rssAfterLoadMB} / ${result.rssPeakMB} MB | < 300 MB |`,
  ].join('\n');
  return { ...result, markdown };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await run();
  console.log(result.markdown);
}
