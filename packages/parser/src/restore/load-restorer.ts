import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CandidateIndex } from './candidate-index.js';
import { buildChannels, type ChannelJson } from './channel-model.js';
import { LanguageModel } from './language-model.js';
import { candidateFingerprint, readCandidateTable } from './candidate-table.js';
import { candidateTuning, Restorer } from './restorer.js';

// src/restore/ and dist/restore/ both sit two levels below the package, next to models/.
const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

let cached: Promise<Restorer> | undefined;

/** Loads `models/lm.bin` (required) and `models/channel.json` (optional: hand prior otherwise), once. */
export function loadRestorer(): Promise<Restorer> {
  cached ??= createRestorer(MODELS_DIR).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/**
 * `candidateTable: false` ignores `models/candidates.json` (to rebuild it); a table that does not match
 * lm.bin, channel.json and the tuning is ignored anyway, and the lists are computed as text needs them.
 */
export async function createRestorer(modelsDir: string, opts: { candidateTable?: boolean } = {}): Promise<Restorer> {
  const lmPath = `${modelsDir}/lm.bin`;
  if (!existsSync(lmPath)) throw new Error(`language model missing: ${lmPath} (run scripts/build-lm.ts)`);
  const lmFile = await readFile(lmPath);
  const lm = new LanguageModel(lmFile);
  const channelPath = `${modelsDir}/channel.json`;
  const channelFile = existsSync(channelPath) ? await readFile(channelPath) : undefined;
  const channel = channelFile ? (JSON.parse(channelFile.toString('utf8')) as ChannelJson) : undefined;
  const tablePath = `${modelsDir}/candidates.json`;
  const table =
    opts.candidateTable !== false && existsSync(tablePath)
      ? readCandidateTable(await readFile(tablePath, 'utf8'), candidateFingerprint(lmFile, channelFile, candidateTuning()))
      : undefined;
  return new Restorer(lm, new CandidateIndex(lm), buildChannels(channel), table);
}
