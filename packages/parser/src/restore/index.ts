import { loadRestorer } from './load-restorer.js';
import type { RestoreOptions } from './restorer.js';

export { loadRestorer, createRestorer } from './load-restorer.js';
export { Restorer, type RestoreMode, type RestoreOptions, type RestoreResult, type ExplainedToken } from './restorer.js';
export { assessGarbling, type GarblingAssessment } from './assess-garbling.js';

/** Convenience: restores one text with the cached restorer and returns the text only. */
export async function restoreDiacritics(text: string, opts: RestoreOptions = {}): Promise<string> {
  const restorer = await loadRestorer();
  return restorer.restore(text, opts).text;
}
