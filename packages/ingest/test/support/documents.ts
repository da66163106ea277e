import { readFile } from 'node:fs/promises';

const seeds = new URL('../../../../../shared/seeds/', import.meta.url);

/** Seed 000: a clean plan with a tab-separated task table. */
export const cleanSeed = () => readFile(new URL('000_069ffc44a699e7d5.txt', seeds), 'utf8');
/** Seed 002: OCR done without Vietnamese support (needs full restoration: real CPU work in assemble). */
export const garbledSeed = () => readFile(new URL('002_3c85f6b55c36591a.txt', seeds), 'utf8');

/** Splits text into n pages at line boundaries, joined with form feeds (a multi-page .txt). */
export function splitIntoPages(text: string, n: number): string {
  const lines = text.split('\n');
  const at = (i: number) => Math.floor((i * lines.length) / n);
  return Array.from({ length: n }, (_, i) => lines.slice(at(i), at(i + 1)).join('\n')).join('\f');
}
