import { createHash } from 'node:crypto';

/**
 * The full-mode candidate lists of every syllable skeleton ("tinh" -> tình, tính, tỉnh, ...), computed
 * at build time (`models/candidates.json`, scripts/lm/build-candidates.ts). Text without diacritics
 * is made of such skeletons, and computing their lists (channel alignments of every candidate) was
 * the largest part of restoring text the restorer had not seen before. The lists are what
 * `Restorer` computes itself, so a table that does not match the models it was built from (its
 * fingerprint) is ignored, never trusted.
 */
export interface CandidateTable {
  version: 1;
  /** Hash of lm.bin, channel.json and the tuning the lists depend on. */
  fingerprint: string;
  /** skeleton -> [vocabulary id, channel log10 score (null: -Infinity), 1 if the keep option] per candidate, in order. */
  lists: Record<string, [number, number, number][]>;
}

/** Bump when the candidate search or scoring changes, so older tables stop matching. */
const LOGIC_VERSION = 1;

export function candidateFingerprint(lmFile: Uint8Array, channelFile: Uint8Array | undefined, tuning: Record<string, number>): string {
  const hash = createHash('sha256');
  hash.update(`candidates v${LOGIC_VERSION}\n${JSON.stringify(tuning)}\n`);
  hash.update(lmFile);
  hash.update('\n');
  if (channelFile) hash.update(channelFile);
  return hash.digest('hex');
}

/** The table's lists if it matches `fingerprint`, else undefined. */
export function readCandidateTable(json: string, fingerprint: string): Map<string, [number, number, number][]> | undefined {
  const table = JSON.parse(json) as CandidateTable;
  if (table.version !== 1 || table.fingerprint !== fingerprint) return undefined;
  return new Map(Object.entries(table.lists));
}
