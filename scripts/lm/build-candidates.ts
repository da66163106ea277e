/**
 * Builds `packages/parser/models/candidates.json`: the full-mode candidate list of every syllable
 * skeleton, computed by the restorer itself from lm.bin and channel.json (see
 * packages/parser/src/restore/candidate-table.ts). Run after rebuilding either model or retuning the
 * candidate search; `scripts/build-lm.ts` runs it after writing lm.bin.
 *   npx tsx --conditions=source scripts/lm/build-candidates.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRestorer } from '../../packages/parser/src/restore/index.js';
import { candidateFingerprint, type CandidateTable } from '../../packages/parser/src/restore/candidate-table.js';
import { candidateTuning } from '../../packages/parser/src/restore/restorer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function buildCandidates(modelsDir = path.join(repoRoot, 'packages', 'parser', 'models')): Promise<{ skeletons: number; candidates: number; bytes: number }> {
  const restorer = await createRestorer(modelsDir, { candidateTable: false });
  const channelPath = path.join(modelsDir, 'channel.json');
  const table: CandidateTable = {
    version: 1,
    fingerprint: candidateFingerprint(
      readFileSync(path.join(modelsDir, 'lm.bin')),
      existsSync(channelPath) ? readFileSync(channelPath) : undefined,
      candidateTuning(),
    ),
    lists: {},
  };
  let candidates = 0;
  for (const skeleton of [...restorer.index.skeletons()].sort()) {
    const entry = restorer.candidateTableEntry(skeleton);
    table.lists[skeleton] = entry;
    candidates += entry.length;
  }
  const json = JSON.stringify(table) + '\n';
  writeFileSync(path.join(modelsDir, 'candidates.json'), json);
  return { skeletons: Object.keys(table.lists).length, candidates, bytes: Buffer.byteLength(json) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await buildCandidates());
}
