/**
 * Page orientation on synthetic pages in typefaces other than the fixtures' Times-like one. The fixtures
 * are one face and a few layouts, so 216/216 there says little about type in general: here Vietnamese
 * corpus text (../shared/corpus/vanban.txt.gz, lines 2001-6000, in order) is typeset in five DejaVu faces
 * (Sans, Serif, Sans Condensed, Serif Condensed, Sans Mono) as body text, ruled tables, caps headings,
 * pages of only 3-4 lines and all-capitals pages: 32 upright pages, rendered at 200 and 300 dpi, clean and
 * scan-like (mild skew, blur, grey paper, grain), each turned 0/90/180/270, and the count is how many
 * `estimateOrientation` puts right (and whether any upright page gets turned). Mask building and turning
 * are those of scripts/eval-orientation.ts; only the page source differs (SVG rendered by sharp instead of
 * fixture PDFs). Everything is seeded, so every run gives the same numbers.
 *
 * Optional, not part of `npm run eval`: it needs the DejaVu fonts (Debian fonts-dejavu-core and
 * fonts-dejavu-extra; without them it says which to install and measures nothing) and takes ~3 min on
 * 2 cores (rendering ~110 s, analysis ~70 s).
 *   npx tsx --conditions=source scripts/eval-orientation-fonts.ts [--only=PAGE] [--png]
 *   (or: npm run eval-orientation-fonts -- [--only=PAGE] [--png])
 * Writes reports/eval-orientation-fonts.md (summary and failures) and .json (every case with its
 * evidence). --only=PAGE measures just the pages whose id contains PAGE (e.g. Sans-table2, a few
 * seconds), with the seeds they have in the full run, lists every case and writes no report. --png
 * saves each rendered page in tmp/eval-orientation-fonts/.
 */
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { orientationEvidence, orientationFrom, turnGray, type QuarterTurn } from '../packages/ocr/src/orientation.js';
import type { PageImage } from '../packages/ocr/src/page-image.js';
import { analysisFactor, analysisMask, cleanPage } from '../packages/ocr/src/preprocess.js';
import { describeMachine } from './lib/machine.js';
import { seededRandom } from './lib/seeded-random.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus', 'vanban.txt.gz');
const FIRST_LINE = 2001;
const LAST_LINE = 6000;
const REPORT = path.join(ROOT, 'reports', 'eval-orientation-fonts');
const PNG_DIR = path.join(ROOT, 'tmp', 'eval-orientation-fonts');
const FONT_DIR = '/usr/share/fonts/truetype/dejavu/';

const TURNS: QuarterTurn[] = [0, 90, 180, 270];
const DPIS = [200, 300];
const VARIANTS = ['clean', 'scan'] as const;
type Variant = (typeof VARIANTS)[number];

// Bold faces too: headings and table headers are bold, and a synthesised bold would change the pages.
const FONT_PACKAGES: Record<string, string> = {
  'DejaVuSans.ttf': 'fonts-dejavu-core',
  'DejaVuSans-Bold.ttf': 'fonts-dejavu-core',
  'DejaVuSerif.ttf': 'fonts-dejavu-core',
  'DejaVuSerif-Bold.ttf': 'fonts-dejavu-core',
  'DejaVuSansMono.ttf': 'fonts-dejavu-core',
  'DejaVuSansMono-Bold.ttf': 'fonts-dejavu-core',
  'DejaVuSansCondensed.ttf': 'fonts-dejavu-extra',
  'DejaVuSansCondensed-Bold.ttf': 'fonts-dejavu-extra',
  'DejaVuSerifCondensed.ttf': 'fonts-dejavu-extra',
  'DejaVuSerifCondensed-Bold.ttf': 'fonts-dejavu-extra',
};

/** One line naming the Debian packages to install, or null when every font file is there. */
function missingFonts(): string | null {
  const missing = Object.keys(FONT_PACKAGES).filter((f) => !existsSync(FONT_DIR + f));
  if (!missing.length) return null;
  const packages = [...new Set(missing.map((f) => FONT_PACKAGES[f]))];
  return `eval-orientation-fonts: skipped, ${missing.join(', ')} not in ${FONT_DIR}: install Debian ${packages.join(' and ')} (apt-get install ${packages.join(' ')}).`;
}

/** `svg`: the family the renderer (fontconfig) is given; `measure`: the family line widths are measured in. */
interface Face {
  name: string;
  svg: string;
  measure: string;
}
const FACES: Face[] = [
  { name: 'DejaVu Sans', svg: 'DejaVu Sans', measure: 'DejaVu Sans' },
  { name: 'DejaVu Serif', svg: 'DejaVu Serif', measure: 'DejaVu Serif' },
  { name: 'DejaVu Sans Condensed', svg: 'DejaVu Sans Condensed', measure: 'M Sans Condensed' },
  { name: 'DejaVu Serif Condensed', svg: 'DejaVu Serif Condensed', measure: 'M Serif Condensed' },
  { name: 'DejaVu Sans Mono', svg: 'DejaVu Sans Mono', measure: 'DejaVu Sans Mono' },
];

/**
 * The canvas library files the system's condensed faces under DejaVu Sans / Serif (as a width) and
 * silently measures "DejaVu Sans Condensed" in another face, so they are registered under names of their own.
 */
function registerCondensedFaces(): void {
  GlobalFonts.registerFromPath(FONT_DIR + 'DejaVuSansCondensed.ttf', 'M Sans Condensed');
  GlobalFonts.registerFromPath(FONT_DIR + 'DejaVuSansCondensed-Bold.ttf', 'M Sans Condensed');
  GlobalFonts.registerFromPath(FONT_DIR + 'DejaVuSerifCondensed.ttf', 'M Serif Condensed');
  GlobalFonts.registerFromPath(FONT_DIR + 'DejaVuSerifCondensed-Bold.ttf', 'M Serif Condensed');
}

// ---------- text ----------

/** Lines FIRST_LINE..LAST_LINE of the corpus, NFC with whitespace collapsed; blank lines stay blank. */
async function readCorpusLines(): Promise<string[]> {
  const chunks: Buffer[] = [];
  let newlines = 0;
  const file = createReadStream(CORPUS);
  try {
    // the file is much longer than needed: stop once the last wanted line is in
    for await (const chunk of file.pipe(createGunzip()) as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      if (newlines >= LAST_LINE) break;
    }
  } finally {
    file.destroy();
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .slice(FIRST_LINE - 1, LAST_LINE)
    .map((l) => l.normalize('NFC').replace(/\s+/g, ' ').trim());
}

/** Corpus text handed out in order, so each page gets the same text on every run (and with --only). */
class CorpusText {
  private cursor = 0;
  private words: string[] = [];
  constructor(private readonly lines: string[]) {}
  nextLine(): string {
    while (this.cursor < this.lines.length && !this.lines[this.cursor]) this.cursor++;
    return this.lines[this.cursor++];
  }
  /** Words run on across lines, for table cells. */
  nextWords(n: number): string[] {
    while (this.words.length < n) this.words.push(...this.nextLine().split(' ').filter(Boolean));
    return this.words.splice(0, n);
  }
  get lastLineUsed(): number {
    return FIRST_LINE - 1 + this.cursor;
  }
}

// ---------- typesetting (in points; A4 595.28 x 841.89, margins 2 cm) ----------

const PW = 595.28;
const PH = 841.89;
const M = 56.69;

const measureCtx = createCanvas(8, 8).getContext('2d');
function width(text: string, font: string, size: number, bold = false): number {
  measureCtx.font = `${bold ? 'bold ' : ''}${size}px "${font}"`;
  return measureCtx.measureText(text).width;
}

/** Greedy line breaking; `indent` shortens the first line. */
function wrap(text: string, maxW: number, font: string, size: number, bold = false, indent = 0): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(' ').filter(Boolean)) {
    const cand = line ? `${line} ${w}` : w;
    const avail = maxW - (out.length === 0 ? indent : 0);
    if (!line || width(cand, font, size, bold) <= avail) line = cand;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  return out;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type PageType = 'body' | 'table' | 'short' | 'caps' | 'allcaps';
interface Page {
  id: string;
  font: Face;
  type: PageType;
  desc: string;
  /** SVG elements in page points. */
  els: string[];
  /** Distinct text baselines drawn (text lines across the page), to compare with the lines the detector finds. */
  textLines: number;
}

/** Lays text down the page from the top margin as SVG elements. */
class Writer {
  els: string[] = [];
  baselines = new Set<string>();
  y = M;
  constructor(
    public f: Face,
    public size: number,
    public spacing: number,
  ) {}
  get lh(): number {
    return this.size * this.spacing;
  }
  fits(lines = 1): boolean {
    return this.y + this.lh * lines <= PH - M;
  }
  text(x: number, baseline: number, s: string, size = this.size, bold = false, anchor = 'start'): void {
    this.baselines.add(baseline.toFixed(1));
    this.els.push(
      `<text x="${x.toFixed(2)}" y="${baseline.toFixed(2)}" font-family="${this.f.svg}" font-size="${size}"${bold ? ' font-weight="bold"' : ''}${anchor !== 'start' ? ` text-anchor="${anchor}"` : ''}>${esc(s)}</text>`,
    );
  }
  /** One wrapped paragraph (justified or ragged); false when the page is full. */
  paragraph(s: string, justify: boolean, indent = 18): boolean {
    const lines = wrap(s, PW - 2 * M, this.f.measure, this.size, false, indent);
    for (let i = 0; i < lines.length; i++) {
      if (!this.fits()) return false;
      const x0 = M + (i === 0 ? indent : 0);
      const base = this.y + this.size;
      const words = lines[i].split(' ');
      if (justify && i < lines.length - 1 && words.length > 1) {
        const ws = words.map((w) => width(w, this.f.measure, this.size));
        const gap = (PW - M - x0 - ws.reduce((a, b) => a + b, 0)) / (words.length - 1);
        let x = x0;
        words.forEach((w, k) => {
          this.text(x, base, w);
          x += ws[k] + gap;
        });
      } else this.text(x0, base, lines[i]);
      this.y += this.lh;
    }
    this.y += this.size * 0.3;
    return true;
  }
  /** A centred bold heading; false when the page is full. */
  heading(s: string, size = this.size + 1): boolean {
    const lines = wrap(s, PW - 2 * M - 40, this.f.measure, size, true);
    this.y += size * 0.4;
    for (const l of lines) {
      if (!this.fits()) return false;
      this.text(PW / 2, this.y + size, l, size, true, 'middle');
      this.y += size * this.spacing;
    }
    this.y += size * 0.3;
    return true;
  }
}

function bodyPage(text: CorpusText, id: string, f: Face, size: number, spacing: number, justify: boolean): Page {
  const w = new Writer(f, size, spacing);
  w.heading(text.nextLine().slice(0, 90).toUpperCase());
  while (w.paragraph(text.nextLine(), justify));
  return { id, font: f, type: 'body', desc: `${size}pt x${spacing} ${justify ? 'justified' : 'ragged'}`, els: w.els, textLines: w.baselines.size };
}

function capsPage(text: CorpusText, id: string, f: Face, size: number, spacing: number): Page {
  const w = new Writer(f, size, spacing);
  let ok = true;
  for (let section = 0; ok; section++) {
    let h = text.nextLine();
    while (h.length > 80) h = text.nextLine();
    ok = w.heading(h.toUpperCase(), section === 0 ? size + 3 : size + 1);
    for (let p = 0; ok && p < 2; p++) ok = w.paragraph(text.nextLine(), true);
  }
  return { id, font: f, type: 'caps', desc: `${size}pt x${spacing} caps headings + body`, els: w.els, textLines: w.baselines.size };
}

/** Capitals have no ascenders or descenders to tell up from down: the hard case for the mark ratio. */
function allCapsPage(text: CorpusText, id: string, f: Face, size: number, spacing: number): Page {
  const w = new Writer(f, size, spacing);
  w.heading(text.nextLine().slice(0, 90).toUpperCase());
  while (w.paragraph(text.nextLine().toUpperCase(), true));
  return { id, font: f, type: 'allcaps', desc: `${size}pt x${spacing} everything in caps`, els: w.els, textLines: w.baselines.size };
}

/** Too few lines for the detector's minimum: it should leave such a page alone rather than guess. */
function shortPage(text: CorpusText, id: string, f: Face, size: number, spacing: number, n: number): Page {
  const w = new Writer(f, size, spacing);
  let para = text.nextLine();
  let lines = wrap(para, PW - 2 * M, f.measure, size, false, 18);
  while (lines.length <= n) lines = wrap((para += ' ' + text.nextLine()), PW - 2 * M, f.measure, size, false, 18);
  lines.slice(0, n).forEach((l, i) => {
    w.text(M + (i === 0 ? 18 : 0), w.y + size, l);
    w.y += w.lh;
  });
  return { id, font: f, type: 'short', desc: `${size}pt x${spacing} only ${n} full-width lines (consecutive corpus lines run together)`, els: w.els, textLines: w.baselines.size };
}

/**
 * A ruled table filling the page: `cols` relative widths; cell words per cell in [minW, maxW] (one-line
 * cells when maxW is small, wrapped cells otherwise); optional intro paragraph above.
 */
function tablePage(text: CorpusText, id: string, f: Face, size: number, spacing: number, cols: number[], minW: number, maxW: number, intro: boolean): Page {
  const w = new Writer(f, size, spacing);
  w.heading(text.nextLine().slice(0, 90).toUpperCase());
  if (intro) w.paragraph(text.nextLine(), true);
  const total = cols.reduce((a, b) => a + b, 0);
  const tw = PW - 2 * M;
  const xs = [M];
  for (const c of cols) xs.push(xs.at(-1)! + (tw * c) / total);
  const pad = 3;
  const stroke = 0.75;
  const rules: string[] = [];
  const top = w.y;
  const hline = (y: number): number => rules.push(`<line x1="${M}" y1="${y.toFixed(2)}" x2="${(PW - M).toFixed(2)}" y2="${y.toFixed(2)}" stroke="black" stroke-width="${stroke}"/>`);
  hline(top);
  let y = top;
  let row = 0;
  let seed = id.length * 7 + cols.length;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (;;) {
    const header = row === 0;
    const cells = cols.map((_, c) => {
      if (c === 0 && cols[0] <= 1) return [header ? 'STT' : String(row)];
      const n = minW + Math.floor(rnd() * (maxW - minW + 1));
      const s = text.nextWords(header ? Math.min(n, 3) : n).join(' ');
      return wrap(header ? s.toUpperCase() : s, (tw * cols[c]) / total - 2 * pad, f.measure, size, header);
    });
    const h = Math.max(...cells.map((c) => c.length)) * w.lh + 2 * pad;
    if (y + h > PH - M) break;
    cells.forEach((c, k) => c.forEach((l, i) => w.text(xs[k] + pad, y + pad + i * w.lh + size, l, size, header)));
    y += h;
    hline(y);
    row++;
  }
  for (const x of xs) rules.push(`<line x1="${x.toFixed(2)}" y1="${top.toFixed(2)}" x2="${x.toFixed(2)}" y2="${y.toFixed(2)}" stroke="black" stroke-width="${stroke}"/>`);
  return {
    id,
    font: f,
    type: 'table',
    desc: `${size}pt x${spacing} ${cols.length} cols, ${row - 1} rows, ${minW}-${maxW} words/cell${intro ? ', intro paragraph' : ''}`,
    els: [...w.els, ...rules],
    textLines: w.baselines.size,
  };
}

/** Every page is built even with --only: each takes its text after the pages before it. */
function buildPages(text: CorpusText): Page[] {
  const pages: Page[] = [];
  FACES.forEach((f, i) => {
    const k = (s: string): string => `${f.name.replace(/DejaVu /, '').replace(/ /g, '')}-${s}`;
    pages.push(bodyPage(text, k('body1'), f, 11 + (i % 2), 1.2, true));
    pages.push(bodyPage(text, k('body2'), f, 13, 1.5, false));
    pages.push(tablePage(text, k('table1'), f, 11, 1.2, [1, 6, 4, 4], 1, 3, false));
    pages.push(
      i % 2 === 0
        ? tablePage(text, k('table2'), f, 11, 1.2, [1, 5, 4, 4, 3], 2, 8, true)
        : tablePage(text, k('table2'), f, 12, 1.3, [5, 4, 4], 2, 10, true),
    );
    pages.push(capsPage(text, k('caps'), f, 12, 1.3));
    pages.push(shortPage(text, k('short'), f, 12, 1.4, i % 2 === 0 ? 3 : 4));
    if (i < 2) pages.push(allCapsPage(text, k('allcaps'), f, 12, 1.3));
  });
  return pages;
}

// ---------- rendering ----------

/** The page as 8-bit gray at `dpi`; 'scan' adds skew, blur, grey paper and ink, and grain. */
async function render(p: Page, dpi: number, variant: Variant, seed: number, png: boolean): Promise<PageImage & { skew: number }> {
  const W = Math.round((PW / 72) * dpi);
  const H = Math.round((PH / 72) * dpi);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${PW} ${PH}"><rect width="${PW}" height="${PH}" fill="white"/>${p.els.join('')}</svg>`;
  let img = sharp(Buffer.from(svg)).flatten({ background: '#ffffff' });
  let skew = 0;
  if (variant === 'scan') {
    const r = seededRandom(seed);
    skew = Math.round((r() * 1.6 - 0.8) * 100) / 100; // mild scanner skew, -0.8..0.8 degrees
    img = sharp(await img.toColourspace('b-w').png().toBuffer())
      .rotate(skew, { background: '#ffffff' })
      .blur(0.35 + dpi / 400);
  }
  const { data, info } = await img.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const gray = new Uint8Array(info.width * info.height);
  for (let i = 0; i < gray.length; i++) gray[i] = data[i * info.channels];
  if (variant === 'scan') {
    const r = seededRandom(seed + 1);
    for (let i = 0; i < gray.length; i++) {
      const v = 35 + (gray[i] * (232 - 35)) / 255;
      const n = Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r()) * 9;
      gray[i] = Math.max(0, Math.min(255, Math.round(v + n)));
    }
  }
  if (png) await sharp(gray, { raw: { width: info.width, height: info.height, channels: 1 } }).png().toFile(path.join(PNG_DIR, `${p.id}-${dpi}-${variant}.png`));
  return { data: gray, width: info.width, height: info.height, dpi, index: 0, skew };
}

// ---------- measuring ----------

interface Profile {
  lines: number;
  ratio: number;
  markShare: number;
}
interface Case {
  page: Page;
  dpi: number;
  variant: Variant;
  skew: number;
  turn: QuarterTurn;
  want: QuarterTurn;
  got: QuarterTurn;
  sideways: number;
  rows: Profile;
  columns: Profile;
}
const NO_PROFILE: Profile = { lines: 0, ratio: NaN, markShare: NaN };

/** Seeded by the render's place in the full run, so --only reproduces the full run's cases. */
function renderSeed(pageIndex: number, dpiIndex: number, variantIndex: number): number {
  return (1 + (pageIndex * DPIS.length + dpiIndex) * VARIANTS.length + variantIndex) * 1000;
}

/** The four turns of one render, as scripts/eval-orientation.ts builds their masks. */
function measureTurns(page: Page, raster: PageImage & { skew: number }, variant: Variant): Case[] {
  const gray = cleanPage(raster);
  const factor = analysisFactor(raster);
  const analysisDpi = raster.dpi / factor;
  return TURNS.map((turn) => {
    const e = orientationEvidence(analysisMask(turnGray(gray, turn), factor), analysisDpi);
    return {
      page,
      dpi: raster.dpi,
      variant,
      skew: raster.skew,
      turn,
      want: ((360 - turn) % 360) as QuarterTurn,
      got: orientationFrom(e),
      sideways: e ? e.columnGaps - e.rowGaps : NaN,
      rows: e?.rows ?? NO_PROFILE,
      columns: e?.columns ?? NO_PROFILE,
    };
  });
}

// ---------- report ----------

const isRight = (c: Case): boolean => c.got === c.want;
/** The costly mistake: a page that was upright, turned. */
const isUprightTurned = (c: Case): boolean => c.turn === 0 && c.got !== 0;
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const span = (xs: number[]): string => (xs.length ? `${f2(Math.min(...xs))} to ${f2(Math.max(...xs))}` : 'n/a');
/** Short pages are meant to be left alone, so they would only blur the margins of the real evidence. */
const isFullPage = (c: Case): boolean => c.page.type !== 'short';
const isLevel = (c: Case): boolean => c.turn % 180 === 0;

/** Which of the detector's conditions sent a wrong case wrong (its thresholds, as in orientation.ts). */
function reason(c: Case): string {
  const wantSideways = c.want % 180 !== 0;
  const gotSideways = c.got % 180 !== 0;
  if (wantSideways && gotSideways) return 'columns ratio on the wrong side of 1';
  if (wantSideways) return 'sideways diff <= 0.05 and no more lines down than across';
  if (gotSideways) return 'sideways diff > 0.05 or more lines down than across';
  if (c.want === 0) return 'ratio < 0.67 upright';
  const r: string[] = [];
  if (c.sideways > 0) r.push('sideways > 0');
  if (c.rows.lines < 5) r.push('rows lines < 5');
  if (c.rows.markShare < 0.03) r.push('markShare < 0.03');
  if (c.rows.ratio >= 2 / 3) r.push('ratio >= 0.67');
  return r.join(' + ');
}

function caseLine(c: Case): string {
  return `${c.page.id} ${c.dpi}dpi ${c.variant}${c.variant === 'scan' ? `(skew ${c.skew})` : ''} turned ${c.turn}: got ${c.got} want ${c.want} | sideways ${c.sideways.toFixed(3)} | rows lines ${c.rows.lines} ratio ${f2(c.rows.ratio)} markShare ${c.rows.markShare.toFixed(3)} | columns lines ${c.columns.lines} ratio ${f2(c.columns.ratio)} markShare ${c.columns.markShare.toFixed(3)}`;
}

function breakdown(cases: Case[], label: string, key: (c: Case) => string): string {
  const m = new Map<string, [number, number]>();
  for (const c of cases) {
    const v = m.get(key(c)) ?? [0, 0];
    v[0] += isRight(c) ? 1 : 0;
    v[1]++;
    m.set(key(c), v);
  }
  return `- By ${label}: ${[...m].map(([k, [a, b]]) => `${k} ${a}/${b}`).join('; ')}`;
}

/** The margins of each quantity the detector thresholds, to see how close the misses and near-misses are. */
function evidence(cases: Case[], types: PageType[]): string[] {
  const level = cases.filter(isLevel);
  const sideways = cases.filter((c) => !isLevel(c));
  const ratios = (cs: Case[], turn: QuarterTurn): string => span(cs.filter((c) => c.turn === turn).map((c) => c.rows.ratio));
  return [
    `- Evidence (all pages): blank share of columns minus rows, level pages ${span(level.map((c) => c.sideways))}, sideways ${span(sideways.map((c) => c.sideways))} (sideways above 0.05; between -0.05 and 0.05 the axis with more text lines decides); mark ratio above/below the x-height band, upright ${ratios(cases, 0)}, upside down ${ratios(cases, 180)} (upside down below 0.67).`,
    `- Evidence (without the 3-4 line pages): level ${span(level.filter(isFullPage).map((c) => c.sideways))}, sideways ${span(sideways.filter(isFullPage).map((c) => c.sideways))}; upright ratio ${ratios(cases.filter(isFullPage), 0)}, upside down ${ratios(cases.filter(isFullPage), 180)}.`,
    `- Sideways pages, mark ratio read down the columns (90 chosen when >= 1): turned 90 (want 270) ${span(cases.filter((c) => c.turn === 90).map((c) => c.columns.ratio))}, turned 270 (want 90) ${span(cases.filter((c) => c.turn === 270).map((c) => c.columns.ratio))}.`,
    `- Rows read as lines: level pages ${span(level.map((c) => c.rows.lines))} lines (needs >= 5), mark share ${span(level.map((c) => c.rows.markShare))} (needs >= 0.03).`,
    '',
    'Evidence by page type (level = turned 0/180, side = turned 90/270; sideways diff; ratio up / down):',
    '',
    ...types.map((type) => {
      const cs = cases.filter((c) => c.page.type === type);
      return `- ${type}: level ${span(cs.filter(isLevel).map((c) => c.sideways))}, side ${span(cs.filter((c) => !isLevel(c)).map((c) => c.sideways))}; ratio up ${ratios(cs, 0)}, down ${ratios(cs, 180)}; columns ratio t90 ${span(cs.filter((c) => c.turn === 90).map((c) => c.columns.ratio))}, t270 ${span(cs.filter((c) => c.turn === 270).map((c) => c.columns.ratio))}`;
    }),
    '',
    'Evidence by font (all types except short):',
    '',
    ...FACES.map((f) => {
      const cs = cases.filter((c) => c.page.font === f && isFullPage(c));
      return `- ${f.name}: level ${span(cs.filter(isLevel).map((c) => c.sideways))}, side ${span(cs.filter((c) => !isLevel(c)).map((c) => c.sideways))}; ratio up ${ratios(cs, 0)}, down ${ratios(cs, 180)}`;
    }),
  ];
}

/** How much of the marks the rows keep, against the detector's minimum share and line count. */
function markShares(cases: Case[], types: PageType[]): string[] {
  const level = cases.filter(isLevel);
  return [
    'Rows mark share (upright and upside-down pages), by type:',
    '',
    ...types.map((type) => {
      const cs = level.filter((c) => c.page.type === type);
      return `- ${type}: ${span(cs.map((c) => c.rows.markShare))}, below 0.03 in ${cs.filter((c) => c.rows.markShare < 0.03).length}/${cs.length}; rows lines found ${span(cs.map((c) => c.rows.lines))} vs text lines drawn ${span([...new Set(cs.map((c) => c.page.textLines))])}`;
    }),
  ];
}

function summary(pages: Page[], cases: Case[], timing: string, listAll: boolean): string {
  const wrong = cases.filter((c) => !isRight(c));
  const why = new Map<string, number>();
  for (const c of wrong) why.set(reason(c), (why.get(reason(c)) ?? 0) + 1);
  const types = [...new Set(pages.map((p) => p.type))];
  return [
    `${pages.length} distinct upright synthetic pages (${FACES.map((f) => f.name).join(', ')}), each at ${DPIS.join(' and ')} dpi, ${VARIANTS.join(' and ')}, turned 0/90/180/270: **${cases.filter(isRight).length}/${cases.length}** put right; upright pages turned: ${cases.filter(isUprightTurned).length}.`,
    timing,
    '',
    breakdown(cases, 'font', (c) => c.page.font.name),
    breakdown(cases, 'page type', (c) => c.page.type),
    breakdown(cases, 'dpi', (c) => String(c.dpi)),
    breakdown(cases, 'variant', (c) => c.variant),
    breakdown(cases, 'turn', (c) => String(c.turn)),
    breakdown(cases, 'type x turn', (c) => `${c.page.type}/${c.turn}`),
    '',
    ...evidence(cases, types),
    '',
    `Why wrong: ${[...why].map(([k, v]) => `${k}: ${v}`).join('; ')}`,
    '',
    ...markShares(cases, types),
    '',
    `Wrong (${wrong.length}):`,
    '',
    ...wrong.map((c) => `- ${caseLine(c)} | why: ${reason(c)}`),
    ...(listAll ? ['', 'All cases:', '', ...cases.map((c) => `- ${isRight(c) ? 'ok ' : 'BAD'} ${caseLine(c)}`)] : []),
  ].join('\n');
}

function caseRecord(c: Case): object {
  const { page, ...rest } = c;
  return { page: page.id, font: page.font.name, type: page.type, ...rest, right: isRight(c), why: isRight(c) ? null : reason(c) };
}

// ---------- run ----------

export interface RunOptions {
  /** Only the pages whose id contains this. */
  only?: string;
  /** Save every render in tmp/eval-orientation-fonts/. */
  png?: boolean;
}

export interface FontsResult {
  markdown: string;
  /** Set, and nothing measured, when fonts are missing. */
  skipped?: string;
  right?: number;
  total?: number;
  uprightTurned?: number;
  corpusLines?: string;
  pages?: object[];
  cases?: object[];
}

export async function run(opts: RunOptions = {}): Promise<FontsResult> {
  const missing = missingFonts();
  if (missing) return { skipped: missing, markdown: missing };
  const t0 = Date.now();
  // one libvips thread, as the quoted run times were measured
  sharp.concurrency(1);
  registerCondensedFaces();
  if (opts.png) mkdirSync(PNG_DIR, { recursive: true });
  const text = new CorpusText(await readCorpusLines());
  const pages = buildPages(text);
  const cases: Case[] = [];
  let renderMs = 0;
  let analyseMs = 0;
  for (const [pi, page] of pages.entries()) {
    if (opts.only && !page.id.includes(opts.only)) continue;
    for (const [di, dpi] of DPIS.entries()) {
      for (const [vi, variant] of VARIANTS.entries()) {
        const ta = Date.now();
        const raster = await render(page, dpi, variant, renderSeed(pi, di, vi), opts.png ?? false);
        const tb = Date.now();
        renderMs += tb - ta;
        cases.push(...measureTurns(page, raster, variant));
        analyseMs += Date.now() - tb;
      }
    }
    process.stderr.write(`${page.id} done (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const timing = `Run time ${((Date.now() - t0) / 1000).toFixed(1)} s (rendering ${(renderMs / 1000).toFixed(1)} s, cleanPage + turning + masks + orientation ${(analyseMs / 1000).toFixed(1)} s).`;
  return {
    markdown: summary(pages, cases, timing, Boolean(opts.only)),
    right: cases.filter(isRight).length,
    total: cases.length,
    uprightTurned: cases.filter(isUprightTurned).length,
    corpusLines: `${FIRST_LINE} to ${text.lastLineUsed}`,
    pages: pages.map((p) => ({ id: p.id, font: p.font.name, type: p.type, desc: p.desc, textLines: p.textLines })),
    cases: cases.map(caseRecord),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const { markdown, ...result } = await run({ only, png: process.argv.includes('--png') });
  console.log(markdown);
  // a partial run must not stand in for the full measurement
  if (!result.skipped && !only) {
    mkdirSync(path.dirname(REPORT), { recursive: true });
    const header = `# Page orientation on synthetic DejaVu pages\n\n- date: ${new Date().toISOString()}\n- machine: ${describeMachine()}\n- command: \`npm run eval-orientation-fonts\`\n`;
    writeFileSync(`${REPORT}.md`, `${header}\n${markdown}\n`);
    writeFileSync(`${REPORT}.json`, JSON.stringify({ date: new Date(), machine: describeMachine(), ...result }, null, 2) + '\n');
  }
}
