import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/**
 * The hold-out split every model builder and evaluation shares (build-lm, train-channel, eval-restore): inside each corpus file
 * documents are separated by blank lines and numbered from 0; document d is held out iff d % 40 === 0.
 * Changing it would leak evaluation text into the models.
 */
export const HOLDOUT_MODULUS = 40;
export function isHeldOut(docIndex: number): boolean {
  return docIndex % HOLDOUT_MODULUS === 0;
}

/** Streams the trimmed, non-empty lines of one gzip corpus file with their document index. */
export async function* corpusLines(file: string): AsyncGenerator<{ doc: number; line: string }> {
  let doc = 0;
  let inDoc = false;
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      if (inDoc) doc++;
      inDoc = false;
      continue;
    }
    inDoc = true;
    yield { doc, line };
  }
}

/** Held-out documents of one file, each as its list of lines (for evaluation). */
export async function heldOutDocuments(file: string, maxDocs = Infinity): Promise<string[][]> {
  const docs = new Map<number, string[]>();
  for await (const { doc, line } of corpusLines(file)) {
    if (!isHeldOut(doc)) continue;
    if (!docs.has(doc)) {
      if (docs.size >= maxDocs) break;
      docs.set(doc, []);
    }
    docs.get(doc)!.push(line.normalize('NFC'));
  }
  return [...docs.values()];
}
