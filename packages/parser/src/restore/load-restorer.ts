import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CandidateIndex } from './candidate-index.js';
import { buildChannels, type ChannelJson } from './channel-model.js';
import { LanguageModel } from './language-model.js';
import { Restorer } from './restorer.js';

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

export async function createRestorer(modelsDir: string): Promise<Restorer> {
  const lmPath = `${modelsDir}/lm.bin`;
  if (!existsSync(lmPath)) throw new Error(`language model missing: ${lmPath} (run scripts/build-lm.ts)`);
  const lm = new LanguageModel(await readFile(lmPath));
  const channelPath = `${modelsDir}/channel.json`;
  const channel = existsSync(channelPath) ? (JSON.parse(await readFile(channelPath, 'utf8')) as ChannelJson) : undefined;
  return new Restorer(lm, new CandidateIndex(lm), buildChannels(channel));
}
