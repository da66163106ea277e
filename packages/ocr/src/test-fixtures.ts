import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths of the committed fixtures the unit tests read (repo root `fixtures/`). */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixture = (...parts: string[]): string => join(root, 'fixtures', ...parts);

/** Character error rate over code points after collapsing whitespace (tests only need a rough figure). */
export function roughCer(ref: string, hyp: string): number {
  const a = [...ref.normalize('NFC').replace(/\s+/g, ' ').trim()];
  const b = [...hyp.normalize('NFC').replace(/\s+/g, ' ').trim()];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return a.length ? prev[b.length] / a.length : b.length ? 1 : 0;
}
