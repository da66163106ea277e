import { corpusLines, isHeldOut } from '../lib/corpus.js';
import { seededRandom } from '../lib/seeded-random.js';

export { HOLDOUT_MODULUS, isHeldOut } from '../lib/corpus.js';
export { seededRandom } from '../lib/seeded-random.js';

// Letters Liberation Serif renders and a Vietnamese page prints; lines with other scripts are skipped
// so the channel does not learn how tesseract mangles CJK or Cyrillic.
const PRINTABLE = /^[\p{Script=Latin}\p{N}\s.,;:!?()[\]"'“”‘’\-–/%&+*=<>§°…]+$/u;

export interface SampleOptions {
  /** corpus file name -> how many paragraphs to draw from it */
  quotas: Record<string, number>;
  split: 'train' | 'heldout';
  seed: number;
  minChars?: number;
  maxChars?: number;
}

/**
 * Reservoir-samples paragraphs (corpus lines) from the requested split, streaming each gzip file once.
 * Exact duplicates are drawn at most once, since ~20% of the legal corpus is repeated boilerplate.
 */
export async function sampleParagraphs(corpusDir: string, opts: SampleOptions): Promise<string[]> {
  const minChars = opts.minChars ?? 25;
  const maxChars = opts.maxChars ?? 700;
  const out: string[] = [];
  let fileSeed = opts.seed;
  for (const [file, quota] of Object.entries(opts.quotas)) {
    const random = seededRandom(fileSeed++);
    const reservoir: string[] = [];
    const seen = new Set<string>();
    let eligible = 0;
    for await (const { doc, line } of corpusLines(`${corpusDir}/${file}`)) {
      if ((opts.split === 'heldout') !== isHeldOut(doc)) continue;
      if (line.length < minChars || line.length > maxChars || !PRINTABLE.test(line)) continue;
      if (seen.has(line)) continue;
      seen.add(line);
      eligible++;
      if (reservoir.length < quota) reservoir.push(line);
      else {
        const k = Math.floor(random() * eligible);
        if (k < quota) reservoir[k] = line;
      }
    }
    out.push(...reservoir.map((p) => p.normalize('NFC')));
  }
  return out;
}

/** Greedy word wrap to at most `width` characters, as a typewriter-era page would break lines. */
export function wrapParagraph(paragraph: string, width: number): string[] {
  const words = paragraph.split(/\s+/u).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}
