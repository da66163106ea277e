import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface EngineStats {
  train: {
    pages: number;
    truthLines: number;
    alignedLines: number;
    alignedChars: number;
    cer: number;
    wer: number;
    shippedPairs: number;
    shippedTruths: number;
  };
  heldout: { pages: number; truthLines: number; alignedLines: number; cer: number; wer: number };
  top: { truth: string; ocr: string; count: number; p: number }[];
}

const START = '<!-- channel-model:start (written by scripts/train-channel.ts) -->';
const END = '<!-- channel-model:end -->';

const show = (s: string): string => (s === '' ? '∅' : `\`${s.replace(/ /g, '␠').replace(/`/g, 'ˋ')}\``);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The channel section of CHANNEL.md, regenerated with every training run so the numbers match the model. */
export function channelSection(stats: Record<string, EngineStats>, meta: { builtAt: string; seed: number; bytes: number; command: string; degradedPages: number; vieExtraPages: number }): string {
  const engines = Object.keys(stats);
  const lines: string[] = [
    START,
    '## OCR channel model (`channel.json`)',
    '',
    'P(OCR substring | truth substring) for the noisy-channel decoder, learned, not hand-listed, one table per',
    'tesseract.js model: `eng` (what archives OCR\'d without Vietnamese support look like, as seed 002) and',
    '`vie` (tone and vowel-mark slips of the Vietnamese model).',
    '',
    '**How it was built** (`' + meta.command + '`, seed ' + meta.seed + ', ' + meta.builtAt + '):',
    '1. Paragraphs drawn (seeded reservoir sampling, deduplicated) from the corpus documents that are **not**',
    '   held out (`d % 40 !== 0` per file, the split shared with the LM); vanban, phapdien and some viwiki.',
    '   Seed text is never used.',
    '2. Printed with headless Chromium to A4 PDF (Liberation Serif 12 or 13 pt, one truth line per printed line),',
    `   rasterised with \`pdftoppm -r 200 -gray\`; ${meta.degradedPages} of the pages were then spoiled like archive scans`,
    '   (down/up-sampling to 100-160 dpi, blur, noise, grey paper, some binarised). The `vie` model reads those',
    `   almost perfectly, so it also read ${meta.vieExtraPages} harsher pages of other training paragraphs (76-100 dpi`,
    '   equivalent, heavy noise, half binarised) to see enough tone slips.',
    '3. Read with tesseract.js 7, LSTM, `4.0.0_best_int` traineddata from `@tesseract.js-data/{eng,vie}`, PSM 6,',
    '   offline. Page images and OCR text are cached under `tmp/channel/`.',
    '4. OCR lines aligned with truth lines (monotone alignment on diacritics-free skeletons, similarity >= 0.5),',
    '   then characters (Levenshtein with backtrace, cheaper substitution between letters sharing a base letter).',
    '   Every truth character owns the OCR substring it became (insertions attach to a misread neighbour), so',
    '   one-to-many confusions ("ư" -> "ir") are single events.',
    '5. Counted on lowercased NFC text: every truth character (1-char units) and every adjacent pair (2-char units);',
    '   2-char units are shipped only where both characters were misread together at least twice ("rn" -> "m"',
    '   kind of events). Pairs seen fewer than 2 times are pruned; identity pairs are kept.',
    '',
    '**Format**: `models[engine].pairs` = `[truthSub, ocrSub, count]`, `models[engine].truthCounts[truthSub]` =',
    'how often the truth unit occurred in aligned text; P(ocr | truth) = count / truthCounts[truth]. The pruned',
    'mass (rare readings, OCR substrings longer than 3 characters) is missing from the rows, so rows sum to',
    'slightly less than 1: smooth with a small floor for unseen readings.',
    '',
    `Model size: ${(meta.bytes / 1024).toFixed(0)} KiB.`,
    '',
    '| | ' + engines.join(' | ') + ' |',
    '|---|' + engines.map(() => '---').join('|') + '|',
    '| training pages | ' + engines.map((e) => stats[e].train.pages).join(' | ') + ' |',
    '| aligned lines / printed lines | ' + engines.map((e) => `${stats[e].train.alignedLines} / ${stats[e].train.truthLines}`).join(' | ') + ' |',
    '| aligned truth characters | ' + engines.map((e) => stats[e].train.alignedChars).join(' | ') + ' |',
    '| training CER / WER | ' + engines.map((e) => `${pct(stats[e].train.cer)} / ${pct(stats[e].train.wer)}`).join(' | ') + ' |',
    '| shipped pairs / truth units | ' + engines.map((e) => `${stats[e].train.shippedPairs} / ${stats[e].train.shippedTruths}`).join(' | ') + ' |',
    '| held-out eval lines (fixtures/restore) | ' + engines.map((e) => `${stats[e].heldout.alignedLines} / ${stats[e].heldout.truthLines}`).join(' | ') + ' |',
    '| held-out CER / WER (OCR vs truth) | ' + engines.map((e) => `${pct(stats[e].heldout.cer)} / ${pct(stats[e].heldout.wer)}`).join(' | ') + ' |',
    '',
  ];
  for (const engine of engines) {
    lines.push(`**Top confusions, \`${engine}\`** (truth -> OCR, count, P):`, '');
    const top = stats[engine].top.slice(0, 30);
    const cells = top.map((c) => `${show(c.truth)} -> ${show(c.ocr)} ${c.count} (${c.p.toFixed(2)})`);
    for (let i = 0; i < cells.length; i += 5) lines.push('- ' + cells.slice(i, i + 5).join(' · '));
    lines.push('');
  }
  lines.push(
    '**Limits**: the pages are rendered, not scanned, so some look-alikes of real archive scans are rare or',
    'absent here (seed 002 shows "ệ" -> "¢", "ư" -> "ir" in "cir"/"tir", "ễ" -> "€" more often than these',
    'pages do); keep a hand prior for unseen readings. Case is folded: the model does not know that `vie`',
    'sometimes capitalises a vowel inside a word ("BỘ", "thỦy"). No true many-to-one event (two truth',
    'characters read as one OCR character that no unigram pair explains) recurred in this run.',
    '',
    'Held-out evaluation sets for the restorer: `fixtures/restore/eng-heldout.jsonl` and `vie-heldout.jsonl`',
    '(`{"truth","ocr"}` per printed line, NFC) from held-out documents (`d % 40 === 0`), printed and spoiled',
    'the same way.',
    END,
  );
  return lines.join('\n');
}

/** Replaces this script's section in CHANNEL.md (other sections, e.g. the LM's, are left as they are). */
export function writeChannelSection(file: string, section: string): void {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Models of the diacritics restorer\n';
  const start = before.indexOf(START);
  const end = before.indexOf(END);
  const next =
    start >= 0 && end > start
      ? before.slice(0, start) + section + before.slice(end + END.length)
      : `${before.replace(/\n*$/, '')}\n\n${section}\n`;
  writeFileSync(file, next);
}
