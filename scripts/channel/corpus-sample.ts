import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/**
 * The hold-out split shared with the language-model builder: inside each corpus file documents are
 * separated by blank lines and numbered from 0; document d is held out iff d % 40 === 0.
 * Changing it would leak evaluation text into the models.
 */
export const HOLDOUT_MODULUS = 40;
export function isHeldOut(docIndex: number): boolean {
  return docIndex % HOLDOUT_MODULUS === 0;
}

/** Mulberry32: a tiny seeded PRNG so a training run picks the same paragraphs every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
    let doc = 0;
    let inDoc = false;
    const lines = createInterface({ input: createReadStream(`${corpusDir}/${file}`).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === '') {
        if (inDoc) doc++;
        inDoc = false;
        continue;
      }
      inDoc = true;
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
