/**
 * OCR throughput on this machine: our tesseract.js pool (2 workers, the whole page path: rasterise,
 * preprocess, recognise) against native tesseract (Debian tesseract-ocr + vie, OMP_THREAD_LIMIT=1, one
 * process per core) on the same page images, and how much faster a born-digital page is than its
 * scanned twin, and the whole pipeline's pages per minute on the mild scans (`processFile`, as `sohoa process`).
 *   npx tsx --conditions=source scripts/bench-ocr.ts            (or: npm run bench -- bench-ocr)
 *   npx tsx --conditions=source scripts/bench-ocr.ts --sweep    (CER by dpi and preprocessing step)
 * Env: SOHOA_BENCH_OCR_PAGES (pages of scans to time, default 12: with 6 the figure moved by 0.1x between runs),
 * SOHOA_BENCH_OCR_ROUNDS (alternating rounds of ours and native with the same model, default 5), SOHOA_BENCH_OCR_DIR (default fixtures),
 * SOHOA_BENCH_OCR_SWEEP=dpi (sweep only the dpi settings).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import {
  createOcrPool,
  DEFAULT_DPI,
  inspectInput,
  ocrDocument,
  ocrPage,
  pagesInFlight,
  rasterizePdfPage,
  resolveLangPath,
  type OcrPool,
  type PreprocessOptions,
} from '@sohoa/ocr';
import { mapPages } from '@sohoa/core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { LazyOcrPool } from '../packages/ingest/src/lazy-pool.js';
import { processFile } from '../packages/ingest/src/process-file.js';
import { cer } from './lib/text-metrics.js';

const run$ = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixturesDir = resolve(root, process.env.SOHOA_BENCH_OCR_DIR ?? 'fixtures');
const POOL_SIZE = 2;

interface Fixture {
  path: string;
  kind: 'scanned' | 'born-digital';
  pages: number;
  /** Ground-truth text of each page, when known. */
  truth?: (string | undefined)[];
  /** The other rendering of the same document (born-digital <-> scanned). */
  twin?: string;
}

function walkPdfs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'bad' && name !== 'node_modules') out.push(...walkPdfs(p));
    } else if (name.toLowerCase().endsWith('.pdf')) out.push(p);
  }
  return out.sort();
}

/** Strips rendering words from a file name so a scan and its born-digital original share a key. */
const twinKey = (path: string): string =>
  basename(path, '.pdf')
    .toLowerCase()
    .replace(/(^|[-_.])(scan(ned)?|born[-_]?digital|digital|clean|mild|hard|noisy)(?=$|[-_.])/g, '')
    .replace(/^[-_.]+|[-_.]+$/g, '');

/** page-NNN.txt files of a truth folder (0- or 1-based numbering), or a single truth file for one page. */
function readTruthDir(dir: string, pages: number): (string | undefined)[] | undefined {
  if (!existsSync(dir)) return undefined;
  const base = existsSync(join(dir, 'page-000.txt')) ? 0 : 1;
  const out = Array.from({ length: pages }, (_, i) => {
    const f = join(dir, `page-${String(i + base).padStart(3, '0')}.txt`);
    return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
  });
  return out.some((t) => t !== undefined) ? out : undefined;
}

function findTruth(path: string, pages: number): (string | undefined)[] | undefined {
  const stem = path.replace(/\.pdf$/i, '');
  for (const c of [`${stem}.truth.txt`, join(dirname(path), 'page.truth.txt')]) {
    if (existsSync(c) && pages === 1) return [readFileSync(c, 'utf8')];
  }
  return readTruthDir(`${stem}.truth`, pages);
}

/** fixtures/manifest.json when the fixture generator wrote one (entries: file, kind, truthDir). */
function manifestEntries(): Map<string, { truthDir?: string; kind?: string }> {
  const out = new Map<string, { truthDir?: string; kind?: string }>();
  const file = join(fixturesDir, 'manifest.json');
  if (!existsSync(file)) return out;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const list: unknown[] = Array.isArray(raw)
    ? raw
    : Object.values(raw as Record<string, unknown>).find((v): v is unknown[] => Array.isArray(v)) ?? [];
  const abs = (p: unknown): string | undefined => (typeof p === 'string' ? resolve(root, p) : undefined);
  for (const e of list as Record<string, unknown>[]) {
    const pdf = abs(e.file ?? e.path);
    if (pdf) out.set(pdf, { truthDir: abs(e.truthDir), kind: typeof e.kind === 'string' ? e.kind : undefined });
  }
  return out;
}

export async function discoverFixtures(): Promise<Fixture[]> {
  const manifest = manifestEntries();
  const fixtures: Fixture[] = [];
  // renderings of one document share a file name stem (seed000-born-digital, seed000-mild)
  const twinOf = new Map<string, string>();
  for (const path of walkPdfs(fixturesDir)) {
    try {
      const info = await inspectInput(path);
      const text = info.pages.filter((p) => p.hasTextLayer).length;
      const m = manifest.get(path);
      const truth = (m?.truthDir ? readTruthDir(m.truthDir, info.pageCount) : undefined) ?? findTruth(path, info.pageCount);
      fixtures.push({ path, kind: text * 2 >= info.pageCount ? 'born-digital' : 'scanned', pages: info.pageCount, truth, twin: undefined });
      twinOf.set(path, twinKey(path));
    } catch {
      // not a readable PDF: not a benchmark input
    }
  }
  // twins by file name where the manifest does not say
  for (const f of fixtures) {
    if (f.twin) continue;
    const other = fixtures.find((g) => g !== f && g.kind !== f.kind && twinOf.get(g.path) === twinOf.get(f.path));
    if (other) f.twin = other.path;
  }
  return fixtures;
}

interface PageRef {
  path: string;
  index: number;
}

async function timeOurs(pool: OcrPool, pages: PageRef[], options: { dpi?: number; preprocess?: boolean | PreprocessOptions } = {}): Promise<{ ms: number; texts: string[] }> {
  const t0 = performance.now();
  const texts = await mapPages(pages.length, pagesInFlight(pool), async (i) => (await ocrPage(pages[i].path, pages[i].index, { pool, forceOcr: true, ...options })).text);
  return { ms: performance.now() - t0, texts };
}

function hasNativeTesseract(): boolean {
  try {
    execFileSync('tesseract', ['--list-langs'], { stdio: 'pipe' });
    return execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).split('\n').includes('vie');
  } catch {
    return false;
  }
}

/** The same rasters our pipeline starts from, written as uncompressed TIFF outside the timed region. */
async function writeRasters(pages: PageRef[], dir: string, dpi: number): Promise<string[]> {
  const files: string[] = [];
  for (const [n, p] of pages.entries()) {
    const doc = await getDocument({ data: new Uint8Array(readFileSync(p.path)), verbosity: 0 }).promise;
    try {
      const img = await rasterizePdfPage(await doc.getPage(p.index + 1), dpi, p.path);
      const file = join(dir, `page-${n}.tif`);
      await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 1 } })
        .withMetadata({ density: dpi })
        .tiff({ compression: 'none' })
        .toFile(file);
      files.push(file);
    } finally {
      await doc.destroy();
    }
  }
  return files;
}

/** Our model (best_int, from @tesseract.js-data/vie) unpacked for native tesseract: same network, other engine. */
function unpackBestInt(dir: string): string {
  const gz = join(resolveLangPath('vie'), 'vie.traineddata.gz');
  writeFileSync(join(dir, 'vie.traineddata'), gunzipSync(readFileSync(gz)));
  return dir;
}

async function timeNative(files: string[], dpi: number, procs: number, tessdataDir?: string): Promise<{ ms: number; texts: string[] }> {
  const texts: string[] = new Array(files.length);
  let next = 0;
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const extra = tessdataDir ? ['--tessdata-dir', tessdataDir] : [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: procs }, async () => {
      while (next < files.length) {
        const i = next++;
        const { stdout } = await run$('tesseract', [files[i], 'stdout', ...extra, '-l', 'vie', '--psm', '3', '--dpi', String(dpi)], { env, maxBuffer: 64 << 20 });
        texts[i] = stdout;
      }
    }),
  );
  return { ms: performance.now() - t0, texts };
}

const ppm = (pages: number, ms: number): number => Math.round((pages / ms) * 60_000 * 10) / 10;
const fmt = (n: number | null | undefined, digits = 1): string => (n == null ? 'n/a' : n.toFixed(digits));

/** Mean CER of the pages that have a truth text. */
function docCer(fixtures: Fixture[], pages: PageRef[], texts: string[]): number | null {
  const scores: number[] = [];
  pages.forEach((p, i) => {
    const truth = fixtures.find((x) => x.path === p.path)?.truth?.[p.index];
    if (truth !== undefined) scores.push(cer(truth, texts[i]));
  });
  return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
}

/**
 * Up to `limit` scanned pages, round-robin across documents, each document's pages taken from both ends
 * (first page, last page, second, ...) so body text and appendix tables are both timed.
 */
function selectPages(fixtures: Fixture[], limit: number): PageRef[] {
  const scans = fixtures.filter((x) => x.kind === 'scanned');
  const order = (n: number): number[] => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i / 2 : n - 1 - (i - 1) / 2));
  const pages: PageRef[] = [];
  for (let i = 0; pages.length < limit && scans.some((f) => i < f.pages); i++) {
    for (const f of scans) if (i < f.pages && pages.length < limit) pages.push({ path: f.path, index: order(f.pages)[i] });
  }
  return pages;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function runThroughput(): Promise<{ markdown: string } & Record<string, unknown>> {
  const limit = Number(process.env.SOHOA_BENCH_OCR_PAGES ?? 12);
  // this machine's speed drifts by 10-25 % within minutes (other tenants): ours and native are timed in
  // alternation and compared round by round, so a slow minute slows both sides of one ratio
  const rounds = Math.max(1, Number(process.env.SOHOA_BENCH_OCR_ROUNDS ?? 5));
  const fixtures = await discoverFixtures();
  const pages = selectPages(fixtures, limit);
  if (!pages.length) return { markdown: 'No scanned PDF under fixtures/: run the fixture generator first.' };
  const rel = (p: string): string => relative(root, p);

  const loadAtStart = loadavg()[0];
  const tPool = performance.now();
  const pool = await createOcrPool({ size: POOL_SIZE });
  const poolStartMs = performance.now() - tPool;
  const result: Record<string, unknown> = { dpi: DEFAULT_DPI, pages: pages.length, rounds, poolSize: POOL_SIZE, poolStartMs: Math.round(poolStartMs) };
  const rows: string[][] = [];
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-bench-ocr-'));
  try {
    // one real page per worker first: each worker's first page also pays V8 tiering its WebAssembly up
    // (about 1.5 CPU-s on background threads), once per worker for the life of the pool
    await Promise.all(pages.slice(0, POOL_SIZE).map((p) => ocrPage(p.path, p.index, { pool, forceOcr: true })));
    const native = hasNativeTesseract();
    const files = native ? await writeRasters(pages, dir, DEFAULT_DPI) : [];
    const modelDir = native ? unpackBestInt(mkdtempSync(join(dir, 'tessdata-'))) : '';
    const procs = availableParallelism();
    const oursRuns: { ms: number; texts: string[] }[] = [];
    const sameRuns: { ms: number; texts: string[] }[] = [];
    for (let r = 0; r < rounds; r++) {
      // which side goes first alternates, so neither always gets the fresher minute
      if (native && r % 2 === 1) sameRuns.push(await timeNative(files, DEFAULT_DPI, procs, modelDir));
      oursRuns.push(await timeOurs(pool, pages));
      if (native && r % 2 === 0) sameRuns.push(await timeNative(files, DEFAULT_DPI, procs, modelDir));
    }
    const oursMs = median(oursRuns.map((x) => x.ms));
    const oursCer = docCer(fixtures, pages, oursRuns[0].texts);
    result.ours = { ms: Math.round(oursMs), pagesPerMinute: ppm(pages.length, oursMs), roundsMs: oursRuns.map((x) => Math.round(x.ms)), cer: oursCer };
    rows.push([`sohoa (tesseract.js, pool of ${POOL_SIZE})`, String(pages.length), fmt(oursMs / 1000), fmt(ppm(pages.length, oursMs)), oursRuns.map((x) => fmt(ppm(pages.length, x.ms))).join(', '), fmt(oursCer == null ? null : oursCer * 100, 2)]);

    if (native) {
      const sameMs = median(sameRuns.map((x) => x.ms));
      const sameCer = docCer(fixtures, pages, sameRuns[0].texts);
      const ratios = sameRuns.map((x, i) => Math.round((x.ms / oursRuns[i].ms) * 100) / 100);
      result.nativeBestInt = { ms: Math.round(sameMs), pagesPerMinute: ppm(pages.length, sameMs), roundsMs: sameRuns.map((x) => Math.round(x.ms)), processes: procs, cer: sameCer };
      result.oursOverNativeBestIntByRound = ratios;
      result.oursOverNativeBestInt = Math.round(median(ratios) * 100) / 100;
      rows.push([`native tesseract 5, our vie best_int model (${procs} processes, OMP_THREAD_LIMIT=1)`, String(pages.length), fmt(sameMs / 1000), fmt(ppm(pages.length, sameMs)), sameRuns.map((x) => fmt(ppm(pages.length, x.ms))).join(', '), fmt(sameCer == null ? null : sameCer * 100, 2)]);
      // Debian's own (fast) model once, for reference
      const fast = await timeNative(files, DEFAULT_DPI, procs);
      const fastCer = docCer(fixtures, pages, fast.texts);
      result.native = { ms: Math.round(fast.ms), pagesPerMinute: ppm(pages.length, fast.ms), processes: procs, cer: fastCer };
      result.oursOverNative = Math.round((fast.ms / oursMs) * 100) / 100;
      rows.push([`native tesseract 5, Debian vie (fast) model (${procs} processes)`, String(pages.length), fmt(fast.ms / 1000), fmt(ppm(pages.length, fast.ms)), 'one run', fmt(fastCer == null ? null : fastCer * 100, 2)]);
    } else {
      result.native = 'not installed';
    }

    // born-digital vs scanned twin: the whole document path, per page
    const twins = fixtures.filter((f) => f.kind === 'born-digital' && f.twin && fixtures.some((g) => g.path === f.twin));
    const twinRows: string[][] = [];
    const ratios: number[] = [];
    for (const born of twins.slice(0, 2)) {
      const scan = fixtures.find((g) => g.path === born.twin)!;
      if (scan.pages > 10) continue;
      // the first document in a process also pays for pdf.js warming up; a worker that runs for hours
      // sees the steady state, so both are reported and the ratio uses the steady state
      const bornRuns: number[] = [];
      for (let run = 0; run < 4; run++) {
        const t1 = performance.now();
        await ocrDocument(born.path, { pool });
        bornRuns.push((performance.now() - t1) / born.pages);
      }
      const bornColdMs = bornRuns[0];
      const bornMs = [...bornRuns.slice(1)].sort((a, b) => a - b)[1];
      const t2 = performance.now();
      await ocrDocument(scan.path, { pool });
      const scanMs = (performance.now() - t2) / scan.pages;
      ratios.push(scanMs / bornMs);
      twinRows.push([rel(born.path), rel(scan.path), fmt(bornColdMs, 0), fmt(bornMs, 0), fmt(scanMs, 0), fmt(scanMs / bornMs, 1)]);
    }
    result.twins = twinRows.map(([born, scan, bornColdMs, bornMs, scanMs, ratio]) => ({ born, scan, bornColdMsPerPage: Number(bornColdMs), bornMsPerPage: Number(bornMs), scanMsPerPage: Number(scanMs), ratio: Number(ratio) }));

    const md = [
      `OCR throughput at ${DEFAULT_DPI} dpi over ${pages.length} scanned page(s) from ${[...new Set(pages.map((p) => rel(p.path)))].join(', ')} (pool start-up ${fmt(poolStartMs / 1000)} s, not counted).`,
      '',
      `Load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${loadavg()[0].toFixed(1)}: other processes on the machine slow both engines.`,
      '',
      `| engine | pages | seconds (median of ${rounds}) | pages/minute (median) | pages/minute by round | CER % |`,
      '|---|---:|---:|---:|---|---:|',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      '',
      typeof result.oursOverNative === 'number'
        ? `sohoa / native throughput against the same best_int model: **${result.oursOverNativeBestInt}x** (median of the rounds ${(result.oursOverNativeBestIntByRound as number[]).join(', ')}; each round times both back to back, the first alternating; target >= 0.7x); against Debian's fast model ${result.oursOverNative}x`
        : 'native tesseract not installed: no comparison',
      '',
      '| born-digital | scanned twin | ms/page born-digital, first run in the process | ms/page born-digital, steady (median of 3 more) | ms/page scanned | scanned / born-digital (steady) |',
      '|---|---|---:|---:|---:|---:|',
      ...twinRows.map((r) => `| ${r.join(' | ')} |`),
      '',
      ratios.length ? `born-digital is **${fmt(Math.min(...ratios), 0)}x** faster than its scanned twin at worst (target >= 20x)` : 'no born-digital/scanned twins found',
    ].join('\n');
    return { markdown: md, ...result };
  } finally {
    await pool.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What `sohoa process --no-store` does with the mild scans: the whole pipeline in-process (OCR, then
 * restoration, tables and tasks), documents one after another, each document's pages concurrently
 * (loadPages). Pool start-up and each worker's first page are paid before the clock starts, as above.
 */
async function timeEndToEnd(fixtures: Fixture[]): Promise<{ md: string; result: object } | null> {
  const docs = fixtures.filter((f) => f.kind === 'scanned' && /mild/.test(basename(f.path)));
  if (!docs.length) return null;
  const lazy = new LazyOcrPool(POOL_SIZE);
  try {
    const pool = await lazy.get();
    await Promise.all(Array.from({ length: POOL_SIZE }, (_, i) => ocrPage(docs[0].path, i % docs[0].pages, { pool, forceOcr: true })));
    const pages = docs.reduce((n, d) => n + d.pages, 0);
    const t0 = performance.now();
    for (const d of docs) {
      const r = await processFile(d.path, { pool: lazy, store: null });
      if (r.status !== 'done') throw new Error(`${d.path}: ${r.status === 'failed' ? r.error.reason : r.status}`);
    }
    const ms = performance.now() - t0;
    const names = docs.map((d) => relative(root, d.path)).join(', ');
    return {
      md: `End to end, \`sohoa process --no-store\` in-process on ${names} (${pages} pages: OCR, restoration, tables, tasks; pool of ${POOL_SIZE}): **${fmt(ppm(pages, ms))} pages/minute** (${fmt(ms / 1000)} s, one run).`,
      result: { documents: names, pages, ms: Math.round(ms), pagesPerMinute: ppm(pages, ms) },
    };
  } finally {
    await lazy.terminate();
  }
}

export async function run(): Promise<object> {
  const main = await runThroughput();
  const e2e = await timeEndToEnd(await discoverFixtures());
  return e2e ? { ...main, markdown: `${main.markdown}\n\n${e2e.md}`, endToEnd: e2e.result } : main;
}

/** CER by raster dpi and by preprocessing step on scans that have a truth text. */
export async function sweep(): Promise<object> {
  const limit = Number(process.env.SOHOA_BENCH_OCR_PAGES ?? 6);
  const fixtures = (await discoverFixtures()).filter((f) => f.kind === 'scanned' && f.truth);
  const pages = selectPages(fixtures, limit);
  if (!pages.length) return { markdown: 'No scanned fixture with a truth text.' };
  const pool = await createOcrPool({ size: POOL_SIZE });
  const rows: string[] = [];
  const out: Record<string, unknown>[] = [];
  const configs: { name: string; dpi: number; pre: boolean | PreprocessOptions }[] = [
    { name: 'no preprocessing', dpi: 300, pre: false },
    { name: 'normalise only', dpi: 300, pre: { deskew: false, crop: false, rulings: false } },
    { name: 'normalise + deskew', dpi: 300, pre: { crop: false, rulings: false } },
    { name: 'normalise + deskew + crop (default)', dpi: 300, pre: true },
    { name: '+ Otsu binarisation', dpi: 300, pre: { binarize: 'otsu' } },
    { name: '+ Sauvola binarisation', dpi: 300, pre: { binarize: 'sauvola' } },
    { name: 'default at 250 dpi', dpi: 250, pre: true },
    { name: 'default at 200 dpi', dpi: 200, pre: true },
  ];
  // SOHOA_BENCH_OCR_SWEEP=dpi: only the resolution comparison (and the no-preprocessing baseline)
  const chosen = process.env.SOHOA_BENCH_OCR_SWEEP === 'dpi' ? configs.filter((c) => c.pre === true || c.pre === false) : configs;
  try {
    await ocrPage(pages[0].path, pages[0].index, { pool, forceOcr: true });
    for (const c of chosen) {
      const { ms, texts } = await timeOurs(pool, pages, { dpi: c.dpi, preprocess: c.pre });
      const e = docCer(fixtures, pages, texts);
      out.push({ config: c.name, dpi: c.dpi, cer: e, pagesPerMinute: ppm(pages.length, ms) });
      rows.push(`| ${c.name} | ${c.dpi} | ${fmt(e == null ? null : e * 100, 2)} | ${fmt(ppm(pages.length, ms))} |`);
      process.stderr.write(`sweep: ${c.name} @${c.dpi}: CER ${fmt(e == null ? null : e * 100, 2)}%\n`);
    }
  } finally {
    await pool.terminate();
  }
  const md = [
    `CER of our OCR on ${pages.length} scanned page(s) with truth (${[...new Set(pages.map((p) => relative(root, p.path)))].join(', ')}).`,
    '',
    '| configuration | dpi | CER % | pages/minute |',
    '|---|---:|---:|---:|',
    ...rows,
  ].join('\n');
  return { markdown: md, results: out };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = process.argv.includes('--sweep') ? await sweep() : await run();
  console.log((result as { markdown: string }).markdown);
  console.log('\n```json\n' + JSON.stringify({ ...result, markdown: undefined }, null, 2) + '\n```');
}
