/**
 * Learns the OCR channel model P(ocr substring | truth substring) for the diacritics restorer.
 *
 * Corpus paragraphs (never held-out documents, never seed text) are printed to A4 pages with headless
 * Chromium, rasterised with pdftoppm at 200 dpi, partly spoiled like archive scans, and read back with
 * tesseract.js `eng` (the garbling of archives OCR'd without Vietnamese support) and `vie` (tone slips).
 * OCR lines are aligned with truth lines, then characters with a Levenshtein backtrace, and every truth
 * character (and recurring jointly-misread bigram) is counted with the OCR substring it became.
 *
 * Also writes the restorer's evaluation set from HELD-OUT documents: fixtures/restore/<engine>-heldout.jsonl.
 *
 *   npx tsx --conditions=source scripts/train-channel.ts [--pages 55] [--heldout-pages 12] [--vie-extra-pages 30] [--seed 7]
 *
 * Page images and OCR text are cached under tmp/channel/ (git-ignored), so a re-run only recounts.
 */
import { createHash } from 'node:crypto';
import { buildCandidates } from './lm/build-candidates.js';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { alignChars, toSegments } from './channel/align-chars.js';
import { alignLines } from './channel/align-lines.js';
import { buildPages, type PagePlan } from './channel/build-pages.js';
import { ConfusionCounts } from './channel/confusion-counts.js';
import { channelSection, writeChannelSection, type EngineStats } from './channel/model-card.js';
import { sampleParagraphs, seededRandom } from './channel/corpus-sample.js';
import { degradePage, parsePgm, toPgm } from './channel/degrade-page.js';
import { createEngineWorker, recognizeText, type Engine } from './channel/ocr-engine.js';
import { renderPages } from './channel/render-pages.js';
import { cer, normalizeForEval, wer, words } from './lib/text-metrics.js';

const DPI = 200;
const ENGINES: Engine[] = ['eng', 'vie'];
const MIN_PAIR_COUNT = 2;

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '55' },
    'heldout-pages': { type: 'string', default: '12' },
    'vie-extra-pages': { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
    corpus: { type: 'string' },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const corpusDir = args.corpus ?? path.join(root, '..', 'shared', 'corpus');
const cacheDir = path.join(root, 'tmp', 'channel');
const seed = Number(args.seed);

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [items[i], items[k]] = [items[k], items[i]];
  }
  return items;
}

/** Renders (and degrades) a page set once; images are keyed by the layout so a changed plan re-renders. */
async function pageImages(pages: PagePlan[], name: string): Promise<{ dir: string; images: string[] }> {
  const key = createHash('sha1').update(JSON.stringify({ pages, DPI })).digest('hex').slice(0, 12);
  const dir = path.join(cacheDir, `${name}-${key}`);
  const images = pages.map((p) => path.join(dir, `${p.id}.pgm`));
  if (images.every((f) => existsSync(f))) return { dir, images };
  const renderDir = path.join(dir, 'render');
  rmSync(renderDir, { recursive: true, force: true });
  mkdirSync(renderDir, { recursive: true });
  const started = Date.now();
  const rendered = renderPages(pages, renderDir, DPI);
  const random = seededRandom(seed * 31 + pages.length);
  for (let i = 0; i < pages.length; i++) {
    let img = parsePgm(readFileSync(rendered[i]));
    const d = pages[i].degradation;
    if (d !== null) img = await degradePage(img, d, random);
    writeFileSync(images[i], toPgm(img));
  }
  rmSync(renderDir, { recursive: true, force: true });
  console.error(`[render] ${name}: ${pages.length} pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { dir, images };
}

/** OCR every page with one engine, reusing cached text; returns the text per page. */
async function ocrPages(engine: Engine, dir: string, pages: PagePlan[], images: string[]): Promise<string[]> {
  const out: string[] = [];
  let worker: Awaited<ReturnType<typeof createEngineWorker>> | null = null;
  let seconds = 0;
  let done = 0;
  try {
    for (let i = 0; i < pages.length; i++) {
      const cached = path.join(dir, `${pages[i].id}.${engine}.txt`);
      if (existsSync(cached)) {
        out.push(readFileSync(cached, 'utf8'));
        continue;
      }
      worker ??= await createEngineWorker(engine, DPI);
      const started = Date.now();
      const text = await recognizeText(worker, readFileSync(images[i]));
      seconds += (Date.now() - started) / 1000;
      done++;
      writeFileSync(cached, text);
      out.push(text);
      if (done % 10 === 0) console.error(`[ocr] ${engine}: ${done} pages, ${(seconds / done).toFixed(1)} s/page`);
    }
  } finally {
    await worker?.terminate();
  }
  if (done > 0) console.error(`[ocr] ${engine}: ${done} new pages, ${(seconds / done).toFixed(1)} s/page`);
  return out;
}

function ocrLinesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+/gu, ' ').trim())
    .filter((l) => l !== '');
}

interface LinePairText {
  truth: string;
  ocr: string;
}

function pairLines(pages: PagePlan[], texts: string[]): { pairs: LinePairText[]; truthLines: number } {
  const pairs: LinePairText[] = [];
  let truthLines = 0;
  pages.forEach((page, i) => {
    const ocr = ocrLinesOf(texts[i]);
    truthLines += page.lines.length;
    for (const p of alignLines(page.lines, ocr)) pairs.push({ truth: page.lines[p.truthIndex], ocr: ocr[p.ocrIndex] });
  });
  return { pairs, truthLines };
}

/** Micro-averaged CER/WER (total edits / total reference length) with the shared eval metrics. */
function errorRates(pairs: LinePairText[]): { cer: number; wer: number } {
  let chars = 0;
  let charEdits = 0;
  let wordCount = 0;
  let wordEdits = 0;
  for (const { truth, ocr } of pairs) {
    const n = Array.from(normalizeForEval(truth)).length;
    const w = words(truth).length;
    chars += n;
    charEdits += cer(truth, ocr) * n;
    wordCount += w;
    wordEdits += wer(truth, ocr) * w;
  }
  return { cer: charEdits / chars, wer: wordEdits / wordCount };
}

function forAlignment(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

async function main(): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const started = Date.now();
  const trainPageCount = Number(args.pages);
  const heldoutPageCount = Number(args['heldout-pages']);
  const vieExtraPageCount = Number(args['vie-extra-pages']);

  const trainParagraphs = shuffle(
    await sampleParagraphs(corpusDir, {
      split: 'train',
      seed,
      quotas: { 'vanban.txt.gz': 380, 'phapdien.txt.gz': 260, 'viwiki.txt.gz': 90 },
    }),
    seededRandom(seed + 1),
  );
  const heldoutParagraphs = shuffle(
    await sampleParagraphs(corpusDir, {
      split: 'heldout',
      seed: seed + 100,
      quotas: { 'vanban.txt.gz': 110, 'phapdien.txt.gz': 60 },
    }),
    seededRandom(seed + 2),
  );
  console.error(`[corpus] ${trainParagraphs.length} training and ${heldoutParagraphs.length} held-out paragraphs`);

  // The vie model reads ordinary scans almost perfectly, so it gets extra, harsher pages of its own
  // (other paragraphs, same training split) to see enough tone slips to count.
  const extraParagraphs = shuffle(
    await sampleParagraphs(corpusDir, {
      split: 'train',
      seed: seed + 50,
      quotas: { 'vanban.txt.gz': 220, 'phapdien.txt.gz': 160, 'viwiki.txt.gz': 40 },
    }),
    seededRandom(seed + 51),
  );
  const trainPages = buildPages(trainParagraphs, trainPageCount, 'train', seededRandom(seed + 3), 0.4);
  const heldoutPages = buildPages(heldoutParagraphs, heldoutPageCount, 'heldout', seededRandom(seed + 4), 0.4);
  const vieExtraPages = buildPages(extraParagraphs, vieExtraPageCount, 'vie-extra', seededRandom(seed + 5), 0, 'harsh');
  const train = await pageImages(trainPages, 'train');
  const vieExtra = await pageImages(vieExtraPages, 'vie-extra');
  const heldout = await pageImages(heldoutPages, 'heldout');

  // One tesseract.js worker per engine, side by side: two cores, one each.
  const results = await Promise.all(
    ENGINES.map(async (engine) => ({
      engine,
      train: await ocrPages(engine, train.dir, trainPages, train.images),
      heldout: await ocrPages(engine, heldout.dir, heldoutPages, heldout.images),
      extra: engine === 'vie' ? await ocrPages(engine, vieExtra.dir, vieExtraPages, vieExtra.images) : [],
    })),
  );

  const models: Record<string, ReturnType<ConfusionCounts['toModel']>> = {};
  const stats: Record<string, unknown> = {};
  for (const r of results) {
    const regular = pairLines(trainPages, r.train);
    const extra = r.engine === 'vie' ? pairLines(vieExtraPages, r.extra) : { pairs: [], truthLines: 0 };
    const trainPairs = { pairs: [...regular.pairs, ...extra.pairs], truthLines: regular.truthLines + extra.truthLines };
    const counts = new ConfusionCounts();
    for (const { truth, ocr } of trainPairs.pairs) counts.addLine(toSegments(alignChars(forAlignment(truth), forAlignment(ocr))));
    models[r.engine] = counts.toModel(MIN_PAIR_COUNT);

    const heldPairs = pairLines(heldoutPages, r.heldout);
    const fixture = heldPairs.pairs.map((p) => JSON.stringify({ truth: p.truth.normalize('NFC'), ocr: p.ocr.normalize('NFC') })).join('\n');
    mkdirSync(path.join(root, 'fixtures', 'restore'), { recursive: true });
    writeFileSync(path.join(root, 'fixtures', 'restore', `${r.engine}-heldout.jsonl`), `${fixture}\n`);

    stats[r.engine] = {
      train: {
        pages: trainPages.length + (r.engine === 'vie' ? vieExtraPages.length : 0),
        truthLines: trainPairs.truthLines,
        alignedLines: trainPairs.pairs.length,
        alignedChars: counts.chars,
        charErrorShare: counts.errors / counts.chars,
        ...errorRates(trainPairs.pairs),
        shippedPairs: models[r.engine].pairs.length,
        shippedTruths: Object.keys(models[r.engine].truthCounts).length,
      },
      heldout: {
        pages: heldoutPages.length,
        truthLines: heldPairs.truthLines,
        alignedLines: heldPairs.pairs.length,
        ...errorRates(heldPairs.pairs),
      },
      top: counts.topConfusions(40),
    };
  }

  const degraded = trainPages.filter((p) => p.degradation !== null).length;
  const vieExtraNote = vieExtraPageCount > 0 ? `; vie also read ${vieExtraPages.length} harsher pages (76-100 dpi equivalent)` : '';
  const model = {
    version: 1,
    builtAt: new Date().toISOString(),
    source:
      `scripts/train-channel.ts (seed ${seed}): ${trainPages.length} A4 pages of non-held-out corpus paragraphs ` +
      `(vanban, phapdien, viwiki; Liberation Serif 12-13 pt, Chromium -> PDF -> pdftoppm ${DPI} dpi gray, ` +
      `${degraded} of them scan-degraded), read by tesseract.js 7 LSTM 4.0.0_best_int eng and vie (PSM 6)${vieExtraNote}; ` +
      `line then character Levenshtein alignment; pairs with count < ${MIN_PAIR_COUNT} pruned. ` +
      `Statistics include text from Vietnamese Wikipedia (CC BY-SA, Vietnamese Wikipedia contributors).`,
    models,
  };
  const modelPath = path.join(root, 'packages', 'parser', 'models', 'channel.json');
  mkdirSync(path.dirname(modelPath), { recursive: true });
  writeFileSync(modelPath, `${JSON.stringify(model)}\n`);
  writeFileSync(path.join(cacheDir, 'stats.json'), JSON.stringify(stats, null, 2));
  // the precomputed candidate lists depend on the channel: a stale table is ignored (slow, not wrong)
  const table = await buildCandidates();
  console.log(`train-channel: candidates.json rebuilt (${table.skeletons} skeletons, ${table.candidates} candidates)`);
  const command = `npx tsx --conditions=source scripts/train-channel.ts --pages ${trainPageCount} --heldout-pages ${heldoutPageCount} --vie-extra-pages ${vieExtraPageCount} --seed ${seed}`;
  const section = channelSection(stats as Record<string, EngineStats>, {
    builtAt: model.builtAt,
    seed,
    bytes: JSON.stringify(model).length,
    command,
    degradedPages: degraded,
    vieExtraPages: vieExtraPages.length,
  });
  writeChannelSection(path.join(path.dirname(modelPath), 'CHANNEL.md'), section);
  const summary = Object.fromEntries(
    Object.entries(stats).map(([engine, v]) => {
      const { top, ...rest } = v as { top: unknown[] };
      return [engine, { ...rest, top: top.slice(0, 15) }];
    }),
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(JSON.stringify({ seconds, modelBytes: JSON.stringify(model).length, stats: summary }, null, 1));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
