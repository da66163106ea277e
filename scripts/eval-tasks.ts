/**
 * Tables -> tasks and metadata, end to end on the fixtures, as `sohoa process` does it: each PDF in
 * fixtures/manifest.json whose truth has tasks goes through the pipeline's OCR (`ocrDocument`: text layer
 * when present, else tesseract), text fixtures (fixtures/seed*-text/input.txt with truth/tasks.json) are
 * read as the pipeline reads a .txt, and both then go through `assembleDocument`: the restoration the
 * pipeline picks (post-correction for OCR pages, full for garbled text, none for text layers), then
 * `parseDocument`. `--raw` parses without any restoration, to see what the restorer adds. Tasks are
 * matched to the truth by group code + task code.
 *
 * Reported per fixture: tasks found / invented / missed, mean field similarity over matched tasks
 * (1 - normalised edit distance, text-metrics `similarity`), period exact rate (from, to, recurring),
 * unit lists exact, metadata number and date exact.
 *
 *   npx tsx --conditions=source scripts/eval-tasks.ts [--only NAME] [--raw] [--no-rulings]
 *   SOHOA_EVAL_OCR_CACHE=1 keeps OCR output in the OS temp dir (keyed by the file's sha256) between runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metadata, OcrPage, Task } from '@sohoa/core';
import type { InputFormat } from '@sohoa/ocr';
import { similarity } from './lib/text-metrics.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'fixtures');

type TruthTask = Omit<Task, 'provenance' | 'confidence'>;

interface ManifestEntry {
  name: string;
  file: string;
  kind: string;
  format: InputFormat;
  degradation?: string;
  truthDir: string;
}

interface FixtureScore {
  name: string;
  kind: string;
  truthTasks: number;
  found: number;
  invented: number;
  missed: number;
  foundRate: number;
  fieldSimilarity: number | null;
  fieldSimilarityByField: Record<string, number>;
  periodExact: number | null;
  unitsExact: number | null;
  numberExact: boolean | null;
  dateExact: boolean | null;
  metadata: Metadata;
  truthMetadata: Partial<Metadata> | null;
  missedKeys: string[];
  inventedKeys: string[];
  warnings: number;
  seconds: number;
  worstFields: { key: string; field: string; truth: string; got: string; similarity: number }[];
}

const keyOf = (t: { group: { code: string }; code: string }): string => `${t.group.code}|${t.code}`;

const FIELDS: { name: string; get: (t: TruthTask) => string }[] = [
  { name: 'group.title', get: (t) => t.group.title },
  { name: 'title', get: (t) => t.title },
  { name: 'content', get: (t) => t.content },
  { name: 'leads', get: (t) => t.leads.join('; ') },
  { name: 'partners', get: (t) => t.partners.join('; ') },
  { name: 'collaboratorRole', get: (t) => t.collaboratorRole },
  { name: 'period', get: (t) => t.period.text },
];

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

export function scoreTasks(truth: TruthTask[], got: TruthTask[]): Omit<FixtureScore, 'name' | 'kind' | 'metadata' | 'truthMetadata' | 'numberExact' | 'dateExact' | 'warnings' | 'seconds'> {
  const byKey = new Map<string, TruthTask>();
  const inventedKeys: string[] = [];
  for (const t of got) {
    const k = keyOf(t);
    if (byKey.has(k)) inventedKeys.push(`${k} (duplicate)`);
    else byKey.set(k, t);
  }
  const truthKeys = new Set(truth.map(keyOf));
  for (const k of byKey.keys()) if (!truthKeys.has(k)) inventedKeys.push(k);
  const missedKeys: string[] = [];
  const sims: number[] = [];
  const perField = new Map<string, number[]>();
  const periods: number[] = [];
  const units: number[] = [];
  const worst: FixtureScore['worstFields'] = [];
  for (const t of truth) {
    const g = byKey.get(keyOf(t));
    if (!g) {
      missedKeys.push(keyOf(t));
      continue;
    }
    for (const f of FIELDS) {
      const s = similarity(f.get(t), f.get(g));
      sims.push(s);
      perField.set(f.name, [...(perField.get(f.name) ?? []), s]);
      if (s < 1) worst.push({ key: keyOf(t), field: f.name, truth: f.get(t), got: f.get(g), similarity: s });
    }
    periods.push(t.period.from === g.period.from && t.period.to === g.period.to && t.period.recurring === g.period.recurring ? 1 : 0);
    units.push(JSON.stringify(t.leads) === JSON.stringify(g.leads) && JSON.stringify(t.partners) === JSON.stringify(g.partners) ? 1 : 0);
  }
  worst.sort((a, b) => a.similarity - b.similarity);
  const found = truth.length - missedKeys.length;
  return {
    truthTasks: truth.length,
    found,
    invented: inventedKeys.length,
    missed: missedKeys.length,
    foundRate: truth.length ? found / truth.length : 1,
    fieldSimilarity: mean(sims),
    fieldSimilarityByField: Object.fromEntries([...perField].map(([k, v]) => [k, mean(v)!])),
    periodExact: mean(periods),
    unitsExact: mean(units),
    missedKeys,
    inventedKeys,
    worstFields: worst.slice(0, 8),
  };
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function ocrPages(file: string, pool: unknown): Promise<OcrPage[]> {
  const { ocrDocument } = await import('@sohoa/ocr');
  const useCache = process.env.SOHOA_EVAL_OCR_CACHE === '1';
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  const cacheFile = path.join(os.tmpdir(), 'sohoa-eval-tasks-ocr', `${sha}.json`);
  if (useCache && existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as OcrPage[];
  const result = await ocrDocument(file, { pool } as Parameters<typeof ocrDocument>[1]);
  if (useCache) {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify(result.pages));
  }
  return result.pages;
}

interface Parsed {
  tasks: Task[];
  metadata: Metadata;
  warnings: string[];
}

/** The pipeline's own assembly (restoration, tables, tasks, metadata), or a bare parse with --raw. */
async function makeParse(raw: boolean): Promise<(file: string, format: InputFormat, pages: OcrPage[]) => Promise<Parsed>> {
  const { parseDocument } = await import('@sohoa/parser');
  if (raw) return async (_file, format, pages) => (format === 'text' ? parseDocument({ text: pages.map((p) => p.text).join('\f') }) : parseDocument({ pages }));
  const { assembleDocument } = await import('../packages/ingest/src/assemble-document.js');
  const { hashFile } = await import('../packages/ingest/src/hash-file.js');
  const { sourceKind } = await import('../packages/ingest/src/load-page.js');
  return async (file, format, pages) => assembleDocument({ ...(await hashFile(file)), path: file, kind: sourceKind(format, pages), pages });
}

function fmt(x: number | null | boolean, digits = 3): string {
  if (x === null) return '–';
  if (typeof x === 'boolean') return x ? 'yes' : 'NO';
  return x.toFixed(digits);
}

function toMarkdown(scores: FixtureScore[], notes: string[]): string {
  const head =
    '| fixture | kind | truth | found | invented | missed | field sim | period exact | units exact | number | date | warnings | s |\n' +
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|\n';
  const rows = scores
    .map(
      (s) =>
        `| ${s.name} | ${s.kind} | ${s.truthTasks} | ${s.found} | ${s.invented} | ${s.missed} | ${fmt(s.fieldSimilarity)} | ${fmt(s.periodExact)} | ${fmt(s.unitsExact)} | ${fmt(s.numberExact)} | ${fmt(s.dateExact)} | ${s.warnings} | ${s.seconds.toFixed(1)} |`,
    )
    .join('\n');
  const details = scores
    .filter((s) => s.missedKeys.length || s.inventedKeys.length || s.worstFields.length)
    .map((s) => {
      const lines = [`**${s.name}**`];
      if (s.missedKeys.length) lines.push(`- missed: ${s.missedKeys.join(', ')}`);
      if (s.inventedKeys.length) lines.push(`- invented: ${s.inventedKeys.join(', ')}`);
      lines.push(`- by field: ${Object.entries(s.fieldSimilarityByField).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}`);
      for (const w of s.worstFields.slice(0, 4)) lines.push(`- ${w.key} ${w.field} (${w.similarity.toFixed(2)}): "${w.truth.slice(0, 70)}" -> "${w.got.slice(0, 70)}"`);
      return lines.join('\n');
    })
    .join('\n\n');
  return `${head}${rows}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n\n${details}`;
}

export async function run(): Promise<{ markdown: string; fixtures: FixtureScore[] }> {
  const only = argValue('--only');
  const raw = process.argv.includes('--raw');
  const parse = await makeParse(raw);
  const noRulings = process.argv.includes('--no-rulings');
  const scores: FixtureScore[] = [];
  const notes: string[] = [];
  notes.push(raw ? '--raw: parsed without restoration' : "as `sohoa process` does it: the pipeline's restoration (post-correction on OCR pages), then parsing");
  if (noRulings) notes.push('--no-rulings: ruling lines removed from every OCR page, so every table is read by the borderless path');

  const score = (name: string, kind: string, truth: TruthTask[], truthMeta: Partial<Metadata> | null, result: Parsed, seconds: number): FixtureScore => {
    const s = scoreTasks(truth, result.tasks);
    return {
      name,
      kind,
      ...s,
      metadata: result.metadata,
      truthMetadata: truthMeta,
      numberExact: truthMeta && 'number' in truthMeta ? result.metadata.number === truthMeta.number : null,
      dateExact: truthMeta && 'date' in truthMeta ? result.metadata.date === truthMeta.date : null,
      warnings: result.warnings.length,
      seconds,
    };
  };

  // Text inputs.
  for (const dir of existsSync(FIXTURES) ? readdirSync(FIXTURES) : []) {
    const input = path.join(FIXTURES, dir, 'input.txt');
    const truth = readJson<TruthTask[]>(path.join(FIXTURES, dir, 'truth', 'tasks.json'));
    if (!existsSync(input) || !truth || (only && !dir.includes(only))) continue;
    const t0 = performance.now();
    const { readTextPages } = await import('../packages/ingest/src/text-input.js');
    const result = await parse(input, 'text', await readTextPages(input));
    scores.push(score(dir, 'text', truth, readJson<Metadata>(path.join(FIXTURES, dir, 'truth', 'metadata.json')), result, (performance.now() - t0) / 1000));
  }

  // PDFs through the pipeline's OCR.
  const manifest = readJson<ManifestEntry[]>(path.join(FIXTURES, 'manifest.json')) ?? [];
  if (!manifest.length) notes.push('fixtures/manifest.json missing or empty: no PDF fixtures measured');
  const pdfs = manifest.filter((e) => {
    const truth = readJson<TruthTask[]>(path.join(ROOT, e.truthDir, 'tasks.json'));
    return truth && truth.length > 0 && (!only || e.name.includes(only));
  });
  if (pdfs.length) {
    const { createOcrPool } = await import('@sohoa/ocr');
    // the pipeline's own pool (one worker per core) unless SOHOA_EVAL_OCR_WORKERS says otherwise
    const workers = Number(process.env.SOHOA_EVAL_OCR_WORKERS);
    const pool = await createOcrPool(workers > 0 ? { size: workers } : {});
    try {
      for (const e of pdfs) {
        const truth = readJson<TruthTask[]>(path.join(ROOT, e.truthDir, 'tasks.json'))!;
        const t0 = performance.now();
        process.stderr.write(`eval-tasks: ${e.name} ...\n`);
        let pages: OcrPage[];
        try {
          pages = await ocrPages(path.join(ROOT, e.file), pool);
        } catch (err) {
          notes.push(`${e.name}: not measured, OCR failed: ${err instanceof Error ? err.message : String(err)}`);
          continue;
        }
        // --no-rulings: the borderless path on every page (as for a text layer without detected lines).
        if (noRulings) pages = pages.map(({ rulings: _drop, ...page }) => page);
        const result = await parse(path.join(ROOT, e.file), e.format, pages);
        const kind = `${e.kind}${e.degradation && e.degradation !== 'none' ? `-${e.degradation}` : ''}`;
        scores.push(score(e.name, kind, truth, readJson<Metadata>(path.join(ROOT, e.truthDir, 'metadata.json')), result, (performance.now() - t0) / 1000));
      }
    } finally {
      await pool.terminate();
    }
  }
  return { markdown: toMarkdown(scores, notes), fixtures: scores };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { markdown } = await run();
  process.stdout.write(markdown + '\n');
}
