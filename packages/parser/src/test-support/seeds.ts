import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The seed from ../shared/seeds beside the repo, else the copy the fixtures keep (fixtures/seedNNN-text). */
export function seedPath(name: string): string {
  const shared = fileURLToPath(new URL(`../../../../../shared/seeds/${name}`, import.meta.url));
  const copy = fileURLToPath(new URL(`../../../../fixtures/seed${name.slice(0, 3)}-text/input.txt`, import.meta.url));
  return existsSync(shared) || !existsSync(copy) ? shared : copy;
}

export const SEED_000 = seedPath('000_069ffc44a699e7d5.txt');
export const SEED_002 = seedPath('002_3c85f6b55c36591a.txt');

if (!existsSync(SEED_000) || !existsSync(SEED_002)) {
  console.warn(`seed tests skipped: ${SEED_000} or ${SEED_002} is missing (the seeds live in ../shared/seeds beside the repo)`);
}
