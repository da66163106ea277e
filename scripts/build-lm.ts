/**
 * Builds the syllable trigram language model of the diacritics restorer from the shared corpus
 * (`../shared/corpus/*.txt.gz`, relative to the repo root) into `packages/parser/models/lm.bin`.
 * Held-out documents (d % 40 === 0) are never counted. Usage:
 *   npx tsx --conditions=source scripts/build-lm.ts [--corpus DIR] [--out FILE] [--max-lines N]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLm } from '../packages/parser/src/restore/lm-format.js';
import { buildCandidates } from './lm/build-candidates.js';
import { lmForm, lmUnits, MAX_VOCAB, SPECIAL_TOKENS, BOS, EOS, UNK } from '../packages/parser/src/restore/lm-units.js';
import { countNgrams, mergeCounts } from './lm/count-ngrams.js';
import { GrowableUint32 } from './lm/growable.js';
import { buildKneserNey } from './lm/kneser-ney.js';
import { corpusLines, isHeldOut } from './lib/corpus.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildLmOptions {
  corpusDir: string;
  out: string;
  maxLinesPerFile: number;
  wikiWeight: number;
  minTrigramCount: number;
  minBigramCount: number;
}

const DOMAIN_FILES = ['vanban.txt.gz', 'phapdien.txt.gz'];
const SMOOTHING_FILES = ['viwiki.txt.gz'];
const LETTER = /\p{L}/u;

function log(msg: string): void {
  process.stderr.write(`[build-lm ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

export async function buildLm(opts: BuildLmOptions): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  // Provisional ids in first-seen order; the final vocabulary is chosen by frequency afterwards.
  const formId = new Map<string, number>(SPECIAL_TOKENS.map((t, i) => [t, i]));
  const rawId = new Map<string, number>(SPECIAL_TOKENS.map((t, i) => [t, i]));
  const domainCount: number[] = SPECIAL_TOKENS.map(() => 0);
  const wikiCount: number[] = SPECIAL_TOKENS.map(() => 0);
  const streams = { domain: new GrowableUint32(), wiki: new GrowableUint32() };
  const lineCounts: Record<string, number> = {};
  const units: string[] = [];
  for (const file of [...DOMAIN_FILES, ...SMOOTHING_FILES]) {
    const isDomain = DOMAIN_FILES.includes(file);
    const stream = isDomain ? streams.domain : streams.wiki;
    const counts = isDomain ? domainCount : wikiCount;
    let lines = 0;
    for await (const { doc, line } of corpusLines(path.join(opts.corpusDir, file))) {
      if (isHeldOut(doc)) continue;
      if (++lines > opts.maxLinesPerFile) break;
      units.length = 0;
      lmUnits(line.normalize('NFC'), units);
      stream.push(BOS);
      for (const u of units) {
        let id = rawId.get(u);
        if (id === undefined) {
          const form = LETTER.test(u) ? lmForm(u) : u;
          id = formId.get(form);
          if (id === undefined) {
            id = formId.size;
            formId.set(form, id);
            domainCount.push(0);
            wikiCount.push(0);
          }
          if (rawId.size < 4_000_000) rawId.set(u, id);
        }
        counts[id]++;
        stream.push(id);
      }
      stream.push(EOS);
    }
    lineCounts[file] = Math.min(lines, opts.maxLinesPerFile);
    log(`${file}: ${lines} training lines, ${stream.length} tokens so far, ${formId.size} forms`);
  }

  // Vocabulary: specials, then forms by weighted frequency; rare smoothing-only forms are dropped.
  const forms = [...formId.keys()];
  const candidates: number[] = [];
  for (let id = SPECIAL_TOKENS.length; id < forms.length; id++) {
    if (domainCount[id] >= 2 || wikiCount[id] >= 5) candidates.push(id);
  }
  const weight = (id: number): number => domainCount[id] + opts.wikiWeight * wikiCount[id];
  candidates.sort((a, b) => weight(b) - weight(a));
  candidates.length = Math.min(candidates.length, MAX_VOCAB - SPECIAL_TOKENS.length);
  const remap = new Uint32Array(forms.length).fill(UNK);
  SPECIAL_TOKENS.forEach((_, i) => (remap[i] = i));
  const vocab = [...SPECIAL_TOKENS];
  for (const id of candidates) {
    remap[id] = vocab.length;
    vocab.push(forms[id]);
  }
  formId.clear();
  rawId.clear();
  for (const s of [streams.domain, streams.wiki]) {
    const v = s.view();
    for (let i = 0; i < v.length; i++) v[i] = remap[v[i]];
  }
  log(`vocabulary ${vocab.length} (of ${forms.length} forms)`);

  const bigrams = mergeCounts(countNgrams(streams.domain.view(), 2), countNgrams(streams.wiki.view(), 2));
  log(`bigram types ${bigrams.keys.length}`);
  const trigrams = mergeCounts(countNgrams(streams.domain.view(), 3), countNgrams(streams.wiki.view(), 3));
  log(`trigram types ${trigrams.keys.length}`);
  const tokens = { domain: streams.domain.length, wiki: streams.wiki.length };
  streams.domain = new GrowableUint32();
  streams.wiki = new GrowableUint32();

  const { arrays, stats } = buildKneserNey({
    vocab,
    bigrams,
    trigrams,
    wikiWeight: opts.wikiWeight,
    minTrigramCount: opts.minTrigramCount,
    minBigramCount: opts.minBigramCount,
  });
  const meta = {
    builtAt: new Date().toISOString(),
    builtFrom: Object.keys(lineCounts),
    trainingLines: lineCounts,
    tokens,
    heldOut: 'documents with index d % 40 === 0 in each file are excluded',
    wikiWeight: opts.wikiWeight,
    minTrigramCount: opts.minTrigramCount,
    minBigramCount: opts.minBigramCount,
    smoothing: 'interpolated modified Kneser-Ney, stored in backoff form, log10 quantised to 8 bits',
    ...stats,
  };
  const bytes = writeLm(arrays, meta);
  writeFileSync(opts.out, bytes);
  const summary = { ...meta, vocab: vocab.length, fileBytes: bytes.length, seconds: Math.round((performance.now() - t0) / 1000) };
  log(JSON.stringify(summary));
  return summary;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(arg('out') ?? path.join(repoRoot, 'packages', 'parser', 'models', 'lm.bin'));
  await buildLm({
    corpusDir: path.resolve(arg('corpus') ?? path.join(repoRoot, '..', 'shared', 'corpus')),
    out,
    maxLinesPerFile: Number(arg('max-lines') ?? Infinity),
    wikiWeight: Number(arg('wiki-weight') ?? 0.3),
    minTrigramCount: Number(arg('min-trigram') ?? 2),
    minBigramCount: Number(arg('min-bigram') ?? 1),
  });
  // The candidate table is derived from lm.bin (and channel.json): rebuild it beside the new model.
  if (path.basename(out) === 'lm.bin') console.log('candidate table', await buildCandidates(path.dirname(out)));
}
