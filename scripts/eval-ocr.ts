/**
 * OCR quality on the fixtures: every fixture in fixtures/manifest.json goes through `ocrDocument`
 * (@sohoa/ocr), each page is compared with its truth (NFC, whitespace collapsed): CER and WER, and for
 * table pages also the order-free word-overlap F1 (cell order legitimately differs between readers).
 * Prints a markdown summary and writes reports/eval-ocr.json.
 *
 * Usage: npx tsx --conditions=source scripts/eval-ocr.ts [NAME...]   (NAME filters fixtures by substring)
 * Targets: body pages of the mild fixtures CER <= 0.5 %, of the hard ones <= 1.5 %.
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOcrPool, ocrDocument } from '@sohoa/ocr';
import { loadRestorer } from '@sohoa/parser';
import { describeMachine } from './lib/machine.js';
import { errorCounts, wordDiff, wordOverlap, type DiffSpan } from './lib/text-metrics.js';
import type { FixtureEntry } from './fixtures/manifest.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const CER_TARGETS: Record<string, number> = { mild: 0.005, hard: 0.015 };

export interface PageScore {
  index: number;
  type: 'body' | 'table';
  source: 'ocr' | 'text-layer';
  cer: number;
  wer: number;
  /** Order-free word overlap (table pages only). */
  f1: number | null;
  charEdits: number;
  chars: number;
  wordEdits: number;
  words: number;
  /** The same page after the pipeline's OCR post-correction (`restore` in post-correct mode), as `sohoa process` prints it. */
  correctedCharEdits: number;
  correctedWordEdits: number;
  meanConfidence: number | null;
  skewDeg: number | null;
  /** Body pages: the first differing word runs (truth -> OCR), to see what goes wrong. */
  examples: DiffSpan[];
}

export interface FixtureScore {
  name: string;
  kind: FixtureEntry['kind'];
  degradation: FixtureEntry['degradation'];
  ocrKind: 'scanned' | 'born-digital';
  seconds: number;
  pages: PageScore[];
  /** Pooled over body pages: sum of edits / sum of reference lengths. */
  bodyCer: number | null;
  bodyWer: number | null;
  /** Body pages after post-correction: what the pipeline outputs. */
  correctedBodyCer: number | null;
  correctedBodyWer: number | null;
  tableCer: number | null;
  tableF1: number | null;
}

export interface TargetCheck {
  degradation: string;
  fixtures: string[];
  bodyCer: number;
  correctedBodyCer: number;
  target: number;
  met: boolean;
}

export interface Report {
  date: string;
  machine: string;
  command: string;
  fixtures: FixtureScore[];
  targets: TargetCheck[];
  markdown: string;
}

export interface RunOptions {
  /** Only fixtures whose name contains one of these. */
  only?: string[];
  /** Tesseract workers (default: the OCR package's default, the machine's cores). */
  poolSize?: number;
  /** Where to write the JSON report; null to skip. Default reports/eval-ocr.json. */
  reportFile?: string | null;
}

const pooled = (pages: PageScore[], edits: 'charEdits' | 'wordEdits' | 'correctedCharEdits' | 'correctedWordEdits', len: 'chars' | 'words'): number | null => {
  const total = pages.reduce((s, p) => s + p[len], 0);
  return pages.length && total ? pages.reduce((s, p) => s + p[edits], 0) / total : null;
};
const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const pct = (x: number | null): string => (x === null ? '' : `${(x * 100).toFixed(2)} %`);

async function loadManifest(): Promise<FixtureEntry[]> {
  return JSON.parse(await readFile(path.join(ROOT, 'fixtures', 'manifest.json'), 'utf8')) as FixtureEntry[];
}

async function truthPage(entry: FixtureEntry, index: number): Promise<string> {
  return readFile(path.join(ROOT, entry.truthDir, `page-${String(index + 1).padStart(3, '0')}.txt`), 'utf8');
}

function toMarkdown(fixtures: FixtureScore[], targets: TargetCheck[]): string {
  const lines = [
    '| fixture | kind | pages | body CER | body WER | body CER, post-corrected | body WER, post-corrected | table CER | table F1 | s |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...fixtures.map(
      (f) =>
        `| ${f.name} | ${f.kind}/${f.degradation} | ${f.pages.length} | ${pct(f.bodyCer)} | ${pct(f.bodyWer)} | ${pct(f.correctedBodyCer)} | ${pct(f.correctedBodyWer)} | ${pct(f.tableCer)} | ${pct(f.tableF1)} | ${f.seconds.toFixed(0)} |`,
    ),
    '',
    '| target | fixtures | raw OCR body CER | post-corrected body CER | target | met (raw OCR) |',
    '|---|---|---|---|---|---|',
    ...targets.map((t) => `| ${t.degradation} | ${t.fixtures.join(', ')} | ${pct(t.bodyCer)} | ${pct(t.correctedBodyCer)} | <= ${pct(t.target)} | ${t.met ? 'yes' : 'NO'} |`),
    '',
    '<details><summary>per page</summary>',
    '',
    '| fixture | page | type | source | CER | WER | F1 | conf | skew |',
    '|---|---|---|---|---|---|---|---|---|',
    ...fixtures.flatMap((f) =>
      f.pages.map(
        (p) =>
          `| ${f.name} | ${p.index + 1} | ${p.type} | ${p.source} | ${pct(p.cer)} | ${pct(p.wer)} | ${pct(p.f1)} | ${p.meanConfidence?.toFixed(0) ?? ''} | ${p.skewDeg?.toFixed(2) ?? ''} |`,
      ),
    ),
    '',
    '</details>',
  ];
  return lines.join('\n');
}

export async function run(opts: RunOptions = {}): Promise<Report> {
  const manifest = (await loadManifest()).filter((e) => !opts.only?.length || opts.only.some((o) => e.name.includes(o)));
  const pool = await createOcrPool(opts.poolSize ? { size: opts.poolSize } : {});
  const restorer = await loadRestorer();
  const fixtures: FixtureScore[] = [];
  try {
    for (const entry of manifest) {
      const t0 = performance.now();
      const result = await ocrDocument(path.join(ROOT, entry.file), { pool });
      const seconds = (performance.now() - t0) / 1000;
      if (result.pages.length !== entry.pages.length) {
        throw new Error(`${entry.name}: OCR returned ${result.pages.length} pages, the truth has ${entry.pages.length}`);
      }
      const pages: PageScore[] = [];
      for (const page of entry.pages) {
        const ref = await truthPage(entry, page.index);
        const ocr = result.pages[page.index];
        const c = errorCounts(ref, ocr.text, 'char');
        const w = errorCounts(ref, ocr.text, 'word');
        // Only OCR'd pages are post-corrected in the pipeline; a text layer is taken as printed.
        const corrected = ocr.source === 'ocr' ? restorer.restore(ocr.text, { mode: 'post-correct' }).text : ocr.text;
        const cc = errorCounts(ref, corrected, 'char');
        const cw = errorCounts(ref, corrected, 'word');
        pages.push({
          index: page.index,
          type: page.type,
          source: ocr.source,
          cer: c.length ? c.edits / c.length : 0,
          wer: w.length ? w.edits / w.length : 0,
          f1: page.type === 'table' ? wordOverlap(ref, ocr.text).f1 : null,
          charEdits: c.edits,
          chars: c.length,
          wordEdits: w.edits,
          words: w.length,
          correctedCharEdits: cc.edits,
          correctedWordEdits: cw.edits,
          meanConfidence: ocr.meanConfidence,
          skewDeg: ocr.skewDeg,
          examples: page.type === 'body' ? wordDiff(ref, ocr.text).slice(0, 25) : [],
        });
      }
      const body = pages.filter((p) => p.type === 'body');
      const table = pages.filter((p) => p.type === 'table');
      const score: FixtureScore = {
        name: entry.name,
        kind: entry.kind,
        degradation: entry.degradation,
        ocrKind: result.kind,
        seconds,
        pages,
        bodyCer: pooled(body, 'charEdits', 'chars'),
        bodyWer: pooled(body, 'wordEdits', 'words'),
        correctedBodyCer: pooled(body, 'correctedCharEdits', 'chars'),
        correctedBodyWer: pooled(body, 'correctedWordEdits', 'words'),
        tableCer: pooled(table, 'charEdits', 'chars'),
        tableF1: mean(table.map((p) => p.f1!)),
      };
      fixtures.push(score);
      process.stderr.write(`eval-ocr: ${entry.name}: body CER ${pct(score.bodyCer)} (post-corrected ${pct(score.correctedBodyCer)}), table F1 ${pct(score.tableF1)} (${seconds.toFixed(0)} s)\n`);
    }
  } finally {
    await pool.terminate();
  }

  const targets: TargetCheck[] = [];
  for (const [degradation, target] of Object.entries(CER_TARGETS)) {
    const group = fixtures.filter((f) => f.degradation === degradation && f.kind !== 'born-digital');
    const body = group.flatMap((f) => f.pages.filter((p) => p.type === 'body'));
    const bodyCer = pooled(body, 'charEdits', 'chars');
    const correctedBodyCer = pooled(body, 'correctedCharEdits', 'chars');
    if (bodyCer === null || correctedBodyCer === null) continue;
    targets.push({ degradation, fixtures: group.map((f) => f.name), bodyCer, correctedBodyCer, target, met: bodyCer <= target });
  }
  const report: Report = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    command: 'npx tsx --conditions=source scripts/eval-ocr.ts',
    fixtures,
    targets,
    markdown: toMarkdown(fixtures, targets),
  };
  const reportFile = opts.reportFile === undefined ? path.join(ROOT, 'reports', 'eval-ocr.json') : opts.reportFile;
  if (reportFile) {
    await mkdir(path.dirname(reportFile), { recursive: true });
    const { markdown: _markdown, ...json } = report;
    await writeFile(reportFile, JSON.stringify(json, null, 2) + '\n');
  }
  return report;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = await run({ only: process.argv.slice(2) });
  process.stdout.write(`# OCR eval\n\n- date: ${report.date}\n- machine: ${report.machine}\n\n${report.markdown}\n`);
}
