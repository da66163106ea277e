/**
 * `npm run make-fixtures`: renders the fixture plans and their ground truth into fixtures/.
 *
 * Each plan (seed 000, parsed from the seed text; plan-b, composed) is laid out as an official A4
 * document in HTML, printed to PDF by headless Chromium (the born-digital fixture, text layer kept),
 * rasterised at 200 dpi (pdftoppm), degraded like an office scan (degrade-scan.ts) and wrapped as an
 * image-only PDF (JPEG pages). The truth comes from the same render: per-page text in reading order
 * from the born-digital PDF, and tasks/metadata from the document model. Outputs are committed, so
 * tests need neither Chromium nor poppler; this script needs both (Debian: chromium, poppler-utils,
 * fonts-liberation).
 *
 * Usage: npx tsx --conditions=source scripts/make-fixtures.ts
 */
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { writeImagePdf } from './lib/pdf-writer.js';
import { DEGRADATIONS, degradePage, encodeJpeg, encodePng, type Degradation } from './fixtures/degrade-scan.js';
import { seed000Document } from './fixtures/documents/seed000.js';
import { planBDocument } from './fixtures/documents/plan-b.js';
import { htmlToPdf } from './fixtures/html-to-pdf.js';
import { MANIFEST_FILE, type FixtureEntry } from './fixtures/manifest.js';
import { planPageTruths, type PageTruth } from './fixtures/page-truth.js';
import type { PlanDocument } from './fixtures/plan-model.js';
import { planMetadata, planTasks, type TruthMetadata, type TruthTask } from './fixtures/plan-truth.js';
import { pdfPageSizes, rasterizePdf } from './fixtures/poppler.js';
import { renderPlanHtml } from './fixtures/render-html.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'fixtures');
const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
const DPI = 200;
/** Folders other helpers own: never written or cleaned here. */
const NOT_OURS = new Set(['bad', 'unit', 'restore']);

const rel = (p: string): string => path.relative(ROOT, p).split(path.sep).join('/');
const log = (msg: string): void => void process.stderr.write(`make-fixtures: ${msg}\n`);

interface RenderedPlan {
  doc: PlanDocument;
  pdf: Buffer;
  rasters: Buffer[];
  pages: PageTruth[];
}

async function renderPlan(doc: PlanDocument, tmp: string): Promise<RenderedPlan> {
  const pdf = await htmlToPdf(renderPlanHtml(doc));
  const pdfPath = path.join(tmp, `${doc.name}.pdf`);
  await writeFile(pdfPath, pdf);
  const sizes = await pdfPageSizes(pdfPath);
  const rasters = await rasterizePdf(pdf, DPI);
  if (rasters.length !== sizes.length) throw new Error(`${doc.name}: ${rasters.length} rasters for ${sizes.length} pages`);
  const pages = await planPageTruths(pdfPath, sizes, rasters, DPI);
  log(`${doc.name}: ${pages.length} pages (${pages.map((p) => p.type[0]).join('')})`);
  return { doc, pdf, rasters, pages };
}

/** Stable per-fixture seed, so re-running writes the same bytes. */
const seedOf = (name: string): number => [...name].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

async function writeTruth(
  dir: string,
  pages: PageTruth[],
  tasks: TruthTask[],
  metadata: TruthMetadata,
): Promise<void> {
  const truthDir = path.join(dir, 'truth');
  await rm(truthDir, { recursive: true, force: true });
  await mkdir(truthDir, { recursive: true });
  for (const [i, page] of pages.entries()) {
    await writeFile(path.join(truthDir, `page-${String(i + 1).padStart(3, '0')}.txt`), page.text);
  }
  await writeFile(path.join(truthDir, 'tasks.json'), JSON.stringify(tasks, null, 2) + '\n');
  await writeFile(path.join(truthDir, 'metadata.json'), JSON.stringify(metadata, null, 2) + '\n');
}

async function freshDir(name: string): Promise<string> {
  const dir = path.join(FIXTURES, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

function entry(name: string, file: string, fields: Omit<FixtureEntry, 'name' | 'file' | 'truthDir' | 'pages'>, pages: PageTruth[]): FixtureEntry {
  return {
    name,
    file: rel(file),
    ...fields,
    pages: pages.map((p, i) => ({ index: i, type: p.type })),
    truthDir: rel(path.join(FIXTURES, name, 'truth')),
  };
}

async function bornDigital(plan: RenderedPlan): Promise<FixtureEntry> {
  const name = `${plan.doc.name}-born-digital`;
  const dir = await freshDir(name);
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, plan.pdf);
  await writeTruth(dir, plan.pages, planTasks(plan.doc), planMetadata(plan.doc));
  return entry(name, file, { format: 'pdf', kind: 'born-digital', degradation: 'none', dpi: null }, plan.pages);
}

async function scannedPdf(plan: RenderedPlan, level: Degradation): Promise<FixtureEntry> {
  const name = `${plan.doc.name}-${level.name}`;
  const dir = await freshDir(name);
  const seed = seedOf(name);
  const jpegs = [];
  for (const [i, raster] of plan.rasters.entries()) {
    const page = await degradePage(raster, level, seed + i);
    jpegs.push({ jpeg: await encodeJpeg(page, level.jpegQuality, DPI), widthPx: page.width, heightPx: page.height, dpi: DPI });
  }
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, writeImagePdf(jpegs));
  await writeTruth(dir, plan.pages, planTasks(plan.doc), planMetadata(plan.doc));
  return entry(name, file, { format: 'pdf', kind: 'scanned', degradation: level.name as 'mild' | 'hard', dpi: DPI }, plan.pages);
}

/**
 * Image inputs hold only some pages of a plan: the truth keeps the metadata printed on them (the
 * signer is on the last body page, so it is null here) and no tasks (the appendix is not included).
 */
function partialMetadata(doc: PlanDocument): TruthMetadata {
  return { ...planMetadata(doc), signer: null };
}

async function pngPage(plan: RenderedPlan): Promise<FixtureEntry> {
  const name = `${plan.doc.name}-png`;
  const dir = await freshDir(name);
  const page = await degradePage(plan.rasters[0], DEGRADATIONS.light, seedOf(name));
  const file = path.join(dir, `${name}.png`);
  await writeFile(file, await encodePng(page, DPI));
  const pages = plan.pages.slice(0, 1);
  await writeTruth(dir, pages, [], partialMetadata(plan.doc));
  return entry(name, file, { format: 'png', kind: 'image', degradation: 'mild', dpi: DPI }, pages);
}

async function tiffPages(plan: RenderedPlan): Promise<FixtureEntry> {
  const name = `${plan.doc.name}-tiff`;
  const dir = await freshDir(name);
  const seed = seedOf(name);
  const frames: Buffer[] = [];
  for (const i of [0, 1]) {
    const page = await degradePage(plan.rasters[i], DEGRADATIONS.mild, seed + i);
    frames.push(await sharp(page.pixels, { raw: { width: page.width, height: page.height, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer());
  }
  // Two pages in one TIFF, JPEG-compressed as scanners store grayscale (join makes a multi-page image).
  const tiff = await sharp(frames, { join: { animated: true } })
    .toColourspace('b-w')
    .withDensity(DPI)
    .tiff({ compression: 'jpeg', quality: DEGRADATIONS.mild.jpegQuality, xres: DPI / 25.4, yres: DPI / 25.4, resolutionUnit: 'inch' })
    .toBuffer();
  const file = path.join(dir, `${name}.tiff`);
  await writeFile(file, tiff);
  const pages = plan.pages.slice(0, 2);
  await writeTruth(dir, pages, [], partialMetadata(plan.doc));
  return entry(name, file, { format: 'tiff', kind: 'image', degradation: 'mild', dpi: DPI }, pages);
}

/** The seeds are project material: copied as text-input fixtures (input.txt), refreshed when ../shared is there. */
async function copySeed(id: string): Promise<string> {
  const dir = path.join(FIXTURES, `seed${id}-text`);
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, 'input.txt');
  if (existsSync(SEEDS)) {
    const source = (await readdir(SEEDS)).find((f) => f.startsWith(`${id}_`));
    if (source) {
      await copyFile(path.join(SEEDS, source), target);
      await chmod(target, 0o644); // the shared seeds are read-only; the copy must not be
    }
  }
  if (!existsSync(target)) throw new Error(`seed ${id}: neither ${rel(target)} nor ../shared/seeds/${id}_*.txt exists`);
  return target;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await folderBytes(p) : (await stat(p)).size;
  }
  return total;
}

export async function makeFixtures(): Promise<FixtureEntry[]> {
  await mkdir(FIXTURES, { recursive: true });
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'sohoa-make-fixtures-'));
  try {
    const seed000Text = await readFile(await copySeed('000'), 'utf8');
    await copySeed('002');
    const seed000 = await renderPlan(seed000Document(seed000Text), tmp);
    const planB = await renderPlan(planBDocument(), tmp);

    // Seed 000 as text input: its truth is the tasks; the seed has no letterhead, so only the title and signer.
    const seedTextMeta = { ...planMetadata(seed000.doc), number: null, issuer: null, date: null, place: null };
    const seedTextTruth = path.join(FIXTURES, 'seed000-text', 'truth');
    await mkdir(seedTextTruth, { recursive: true });
    await writeFile(path.join(seedTextTruth, 'tasks.json'), JSON.stringify(planTasks(seed000.doc), null, 2) + '\n');
    await writeFile(path.join(seedTextTruth, 'metadata.json'), JSON.stringify(seedTextMeta, null, 2) + '\n');

    const manifest: FixtureEntry[] = [];
    manifest.push(await bornDigital(seed000));
    for (const level of [DEGRADATIONS.mild, DEGRADATIONS.hard]) {
      manifest.push(await scannedPdf(seed000, level));
      log(`${seed000.doc.name}-${level.name} written`);
    }
    manifest.push(await bornDigital(planB));
    for (const level of [DEGRADATIONS.mild, DEGRADATIONS.hard]) {
      manifest.push(await scannedPdf(planB, level));
      log(`${planB.doc.name}-${level.name} written`);
    }
    manifest.push(await pngPage(planB));
    manifest.push(await tiffPages(planB));
    await writeFile(path.join(ROOT, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');

    for (const e of manifest) log(`${e.name}: ${((await stat(path.join(ROOT, e.file))).size / 1024).toFixed(0)} KiB, ${e.pages.length} pages`);
    let ours = 0;
    for (const d of await readdir(FIXTURES, { withFileTypes: true })) {
      if (d.isDirectory() && !NOT_OURS.has(d.name)) ours += await folderBytes(path.join(FIXTURES, d.name));
    }
    log(`fixtures (ours): ${(ours / 1024 / 1024).toFixed(1)} MiB`);
    return manifest;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await makeFixtures();
}
