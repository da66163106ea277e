import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { candidateFingerprint, readCandidateTable, type CandidateTable } from './candidate-table.js';
import { createRestorer } from './load-restorer.js';
import { candidateTuning } from './restorer.js';

const modelsDir = fileURLToPath(new URL('../../models/', import.meta.url));
const read = (name: string): Buffer => readFileSync(`${modelsDir}/${name}`);

describe('candidate table (models/candidates.json)', () => {
  it('matches the shipped lm.bin, channel.json and tuning, so the restorer uses it', () => {
    const channel = existsSync(`${modelsDir}/channel.json`) ? read('channel.json') : undefined;
    const fingerprint = candidateFingerprint(read('lm.bin'), channel, candidateTuning());
    const lists = readCandidateTable(read('candidates.json').toString('utf8'), fingerprint);
    expect(lists?.get('tinh')?.length).toBeGreaterThan(3);
    expect(readCandidateTable(read('candidates.json').toString('utf8'), 'another model')).toBeUndefined();
  });

  it('holds exactly the lists the restorer computes (rebuild: scripts/lm/build-candidates.ts)', async () => {
    const table = JSON.parse(read('candidates.json').toString('utf8')) as CandidateTable;
    const restorer = await createRestorer(modelsDir, { candidateTable: false });
    const skeletons = [...restorer.index.skeletons()];
    expect(Object.keys(table.lists).sort()).toEqual(skeletons.sort());
    for (const skeleton of skeletons) {
      expect(JSON.stringify(table.lists[skeleton]), skeleton).toBe(JSON.stringify(restorer.candidateTableEntry(skeleton)));
    }
  });
});
