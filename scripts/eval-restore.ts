/**
 * Quality of the diacritics restorer on text the models never saw (held-out corpus documents,
 * d % 40 === 0) and on OCR fixtures when present. Prints a table, writes reports/eval-restore.json.
 *   npx tsx --conditions=source scripts/eval-restore.ts [--syllables N]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assessGarbling, loadRestorer, type Restorer } from '../packages/parser/src/restore/index.js';
import { restoreTokens } from '../packages/parser/src/restore/restore-tokens.js';
import { normalizeTonePlacement, stripDiacritics } from '../packages/parser/src/vietnamese/index.js';
import { cer, wer } from './lib/text-metrics.js';
import { heldOutDocuments } from './lib/corpus.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(repoRoot, '..', 'shared', 'corpus');

function wordTokens(text: string): string[] {
  return restoreTokens(text)
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
}

/** Deterministic sample: the first lines of every held-out document, spread evenly, exact duplicates once. */
async function heldOutSample(file: string, syllables: number): Promise<string[]> {
  const docs = await heldOutDocuments(path.join(corpusDir, file));
  const perDoc = Math.ceil(syllables / Math.max(docs.length, 1));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const doc of docs) {
    let n = 0;
    for (const line of doc) {
      if (n >= perDoc) break;
      if (seen.has(line)) continue;
      seen.add(line);
      // Some corpus lines were typed without diacritics (or extracted garbled): they are no ground truth.
      const words = wordTokens(line).length;
      const g = assessGarbling(line);
      if (g.garbled || (words >= 3 && g.diacriticDensity < 0.3)) continue;
      out.push(line);
      n += wordTokens(line).length;
    }
  }
  return out;
}

interface AccuracyReport {
  syllables: number;
  correct: number;
  accuracy: number;
  errors: { truth: string; output: string; count: number }[];
}

function syllableAccuracy(restorer: Restorer, lines: string[]): AccuracyReport {
  const truth = lines.join('\n');
  const output = restorer.restore(stripDiacritics(truth), { mode: 'full' }).text;
  const t = wordTokens(truth);
  const o = wordTokens(output);
  if (t.length !== o.length) throw new Error(`token count changed: ${t.length} -> ${o.length}`);
  let correct = 0;
  const errors = new Map<string, number>();
  for (let i = 0; i < t.length; i++) {
    if (t[i] === o[i] || normalizeTonePlacement(t[i]) === o[i]) correct++;
    else errors.set(`${t[i]}\u0000${o[i]}`, (errors.get(`${t[i]}\u0000${o[i]}`) ?? 0) + 1);
  }
  return {
    syllables: t.length,
    correct,
    accuracy: correct / t.length,
    errors: [...errors.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, count]) => ({ truth: k.split('\u0000')[0], output: k.split('\u0000')[1], count })),
  };
}

function cleanChanges(restorer: Restorer, lines: string[], mode: 'full' | 'post-correct') {
  const text = lines.join('\n');
  const result = restorer.restore(text, { mode, explain: true });
  const syllables = wordTokens(text).length;
  const examples = (result.tokens ?? []).filter((t) => t.input !== t.output).slice(0, 15).map((t) => `${t.input} -> ${t.output}`);
  return { mode, syllables, changes: result.changes, per2000: (result.changes / syllables) * 2000, examples };
}

function ocrWer(restorer: Restorer, pairs: { truth: string; ocr: string }[]) {
  const truth = pairs.map((p) => p.truth).join('\n');
  const ocr = pairs.map((p) => p.ocr).join('\n');
  const full = pairs.map((p) => restorer.restore(p.ocr, { mode: 'full' }).text).join('\n');
  const post = pairs.map((p) => restorer.restore(p.ocr, { mode: 'post-correct' }).text).join('\n');
  return { lines: pairs.length, werBefore: wer(truth, ocr), werAfterFull: wer(truth, full), werAfterPostCorrect: wer(truth, post) };
}

function readJsonl(file: string): { truth: string; ocr: string }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { truth: string; ocr: string });
}

export async function run(opts: { syllables?: number } = {}): Promise<Record<string, unknown>> {
  const budget = opts.syllables ?? 70_000;
  const t0 = performance.now();
  const restorer = await loadRestorer();
  const result: Record<string, unknown> = {};
  const vanban = await heldOutSample('vanban.txt.gz', budget / 2);
  const phapdien = await heldOutSample('phapdien.txt.gz', budget / 2);
  const accuracy = { vanban: syllableAccuracy(restorer, vanban), phapdien: syllableAccuracy(restorer, phapdien) };
  const all = accuracy.vanban.correct + accuracy.phapdien.correct;
  const total = accuracy.vanban.syllables + accuracy.phapdien.syllables;
  result.strippedAccuracy = { syllables: total, accuracy: all / total, ...accuracy };
  result.cleanText = [cleanChanges(restorer, [...vanban, ...phapdien], 'post-correct'), cleanChanges(restorer, [...vanban, ...phapdien], 'full')];
  for (const [name, rel] of [
    ['engHeldout', 'fixtures/restore/eng-heldout.jsonl'],
    ['vieHeldout', 'fixtures/restore/vie-heldout.jsonl'],
  ] as const) {
    const file = path.join(repoRoot, rel);
    const pairs = existsSync(file) ? readJsonl(file) : [];
    result[name] = pairs.length ? ocrWer(restorer, pairs) : { skipped: `${rel} missing or empty` };
  }
  mkdirSync(path.join(repoRoot, 'reports'), { recursive: true });
  const seedTruth = path.join(repoRoot, 'fixtures/seed002-text/truth-body.txt');
  const seedInput = path.join(repoRoot, '..', 'shared', 'seeds', '002_3c85f6b55c36591a.txt');
  if (existsSync(seedTruth) && existsSync(seedInput)) {
    const truth = readFileSync(seedTruth, 'utf8');
    // The truth covers the body: every input line before the appendix heading "Phu luc", line for line.
    const lines = readFileSync(seedInput, 'utf8').split('\n');
    const ocr = lines.slice(0, lines.findIndex((l) => l.trim() === 'Phu luc')).join('\n');
    const restored = restorer.restore(ocr, { mode: 'full' }).text;
    const post = restorer.restore(ocr, { mode: 'post-correct' }).text;
    result.seed002 = { werBefore: wer(truth, ocr), werAfter: wer(truth, restored), werAfterPostCorrect: wer(truth, post), cerBefore: cer(truth, ocr), cerAfter: cer(truth, restored) };
    writeFileSync(path.join(repoRoot, 'reports', 'eval-restore-seed002.txt'), restored);
  } else result.seed002 = { skipped: 'fixtures/seed002-text/truth-body.txt or the seed missing' };
  result.seconds = Math.round((performance.now() - t0) / 100) / 10;

  const pct = (x: number): string => (x * 100).toFixed(2) + '%';
  const rows: string[] = ['| metric | value | target |', '|---|---|---|'];
  const sa = result.strippedAccuracy as { accuracy: number; syllables: number };
  rows.push(`| stripped -> restored syllable accuracy (${sa.syllables} syl, vanban+phapdien held-out) | ${pct(sa.accuracy)} | >= 99.5% |`);
  rows.push(`| &nbsp; vanban | ${pct(accuracy.vanban.accuracy)} | |`, `| &nbsp; phapdien | ${pct(accuracy.phapdien.accuracy)} | |`);
  for (const c of result.cleanText as { mode: string; per2000: number }[]) rows.push(`| clean text, changes per 2,000 syllables (${c.mode}) | ${c.per2000.toFixed(2)} | < 1 |`);
  for (const name of ['engHeldout', 'vieHeldout']) {
    const r = result[name] as { werBefore?: number; werAfterFull?: number; werAfterPostCorrect?: number; lines?: number };
    if (r.werBefore !== undefined) rows.push(`| ${name} WER before -> full / post-correct (${r.lines} lines) | ${pct(r.werBefore)} -> ${pct(r.werAfterFull!)} / ${pct(r.werAfterPostCorrect!)} | <= 10% |`);
    else rows.push(`| ${name} | skipped | |`);
  }
  const s = result.seed002 as { werBefore?: number; werAfter?: number; cerBefore?: number; cerAfter?: number };
  rows.push(s.werBefore !== undefined ? `| seed 002 body WER before -> after (CER) | ${pct(s.werBefore)} -> ${pct(s.werAfter!)} (${pct(s.cerBefore!)} -> ${pct(s.cerAfter!)}) | |` : '| seed 002 | skipped | |');
  const markdown = rows.join('\n');
  result.markdown = markdown;
  mkdirSync(path.join(repoRoot, 'reports'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'reports', 'eval-restore.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--syllables');
  const result = await run({ syllables: i >= 0 ? Number(process.argv[i + 1]) : undefined });
  console.log(result.markdown);
  const acc = result.strippedAccuracy as { vanban: { errors: unknown[] }; phapdien: { errors: unknown[] } };
  console.log('top errors vanban', JSON.stringify(acc.vanban.errors.slice(0, 25)));
  console.log('top errors phapdien', JSON.stringify(acc.phapdien.errors.slice(0, 25)));
  for (const c of result.cleanText as { mode: string; examples: string[] }[]) console.log(c.mode, JSON.stringify(c.examples));
}
