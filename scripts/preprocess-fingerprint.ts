/**
 * A fingerprint of the preprocessing output (pixels, rulings, content box, skew) over every scanned
 * fixture page, and its CPU cost per page. A speed-up of preprocessing that leaves the fingerprint alone
 * cannot have moved OCR quality; one that changes it needs `npm run eval` (tesseract reacts chaotically
 * to single-pixel differences, so judge it on all body pages).
 *   npx tsx --conditions=source scripts/preprocess-fingerprint.ts
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DPI, preprocessPage, rasterizeImagePage, rasterizePdfPage, type PageImage } from '@sohoa/ocr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'fixtures/manifest.json'), 'utf8')) as { name: string; file: string; kind: string; format: string; pages: unknown[] }[];

const images: PageImage[] = [];
for (const entry of manifest.filter((e) => e.kind !== 'born-digital')) {
  const file = join(root, entry.file);
  if (entry.format === 'pdf') {
    const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
    for (let i = 1; i <= doc.numPages; i++) images.push(await rasterizePdfPage(await doc.getPage(i), DEFAULT_DPI, file));
    await doc.destroy();
  } else {
    for (let i = 0; i < entry.pages.length; i++) images.push(await rasterizeImagePage(file, i, undefined, file));
  }
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const hash = createHash('sha1');
let spent = 0;
// the first pass fingerprints and warms the JIT; the next two are timed
for (let pass = 0; pass < 3; pass++) {
  for (const image of images) {
    const start = cpuMs();
    const pre = await preprocessPage(image, true);
    if (pass > 0) spent += cpuMs() - start;
    if (pass === 0) hash.update(pre.image.data).update(JSON.stringify([pre.rulings, pre.content, pre.skewDeg]));
  }
}
console.log(`${images.length} pages, fingerprint ${hash.digest('hex').slice(0, 12)}, preprocessing ${(spent / images.length / 2).toFixed(0)} ms CPU per page (all threads)`);
