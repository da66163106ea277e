import type { InkMask } from './binarize.js';
import type { GrayImage } from './page-image.js';
import { samplePoints, scoreShear } from './skew.js';

/** A clockwise quarter turn, in degrees. */
export type QuarterTurn = 0 | 90 | 180 | 270;

const POINTS = 30_000;
/** Shear angles tried either side of level, and the steps of the two passes: a scan is rarely straight. */
const RANGE_DEG = 3;
const COARSE_STEP_DEG = 0.25;
const FINE_STEP_DEG = 0.05;
/**
 * How much more of the column profile than of the row profile must be blank for a page to count as
 * sideways. Text lines leave blank rows between them; words on different lines do not line up, so
 * columns of text are almost never blank. On the fixture scans at 200 and 300 dpi (blank share of
 * columns minus that of rows, rulings left out): upright or upside down -0.44 to -0.09, sideways 0.11
 * to 0.45. A sparse table (short cells in a few columns) leaves blank columns too: on synthetic pages in
 * five DejaVu faces such tables measured up to +0.035 level and as little as 0.002 sideways, so near
 * zero the gaps do not decide, the text lines do. The sharpness of the two profiles separated them
 * less: a justified block's two margins make its column profile sharp.
 */
const SIDEWAYS_GAPS = 0.05;
/**
 * Ink above a text line's x-height band over ink below it. Vietnamese puts tone marks, circumflexes and
 * breves above the letters and only the dot of nặng below, and ascenders outnumber descenders: upright
 * lines measured 2.48 and up on the fixture scans at 200 and 300 dpi, upside-down ones 0.45 and down
 * (rulings left out; 2.21 and 0.41 with them in).
 */
const UPSIDE_DOWN = 1 / 1.5;
/** Shortest text line, in inches (8 rows at 200 dpi; body text lines are 0.15 in and more). */
const MIN_LINE_IN = 0.04;
/**
 * Least share of a page's line ink outside the x-height bands for the marks to tell up from down: a page
 * of figures alone has almost none (0.06-0.15 on the fixture scans, tables included, measured with the
 * rulings in).
 */
const MIN_MARK_SHARE = 0.03;
/** Fewer text lines than this say nothing reliable about which way is up. */
const MIN_LINES = 5;
/**
 * An ink run at least this long (inches) is a ruling, not a glyph: the longest strokes of text, a 16 pt
 * capital's stem or a bar of "T", stay under 0.2 in, and a 2-pixel ruling tilted 3 degrees still runs
 * 0.19 in at 200 dpi before it steps to the next row. Table rulings swamp both profiles (a horizontal
 * one outweighs any text line, vertical ones fill the gaps between lines), so they are left out.
 */
const RULING_IN = 0.3;

/** What the orientation is decided on (exported for tests and for tuning on new scans). */
export interface OrientationEvidence {
  /** Share of the inked span of the row / column profile that is (nearly) blank: the gaps between lines. */
  rowGaps: number;
  columnGaps: number;
  /** Mark asymmetry of the text lines read along the rows (upright or upside down). */
  rows: { lines: number; ratio: number; markShare: number };
  /** The same along the columns, read as the rows of the page turned 90 degrees clockwise. */
  columns: { lines: number; ratio: number; markShare: number };
}

export function orientationEvidence(mask: InkMask, dpi: number): OrientationEvidence | null {
  const { xs, ys } = withoutRulings(mask, samplePoints(mask, POINTS), Math.round(dpi * RULING_IN));
  if (xs.length < 500) return null;
  // a run of rows shorter than this is a loose mark or a ruling, not a line of text
  const minLine = Math.max(3, Math.round(dpi * MIN_LINE_IN));
  const rows = sharpestProfile(xs, ys, mask.width, mask.height);
  // the column profile, left to right, is the row profile of the page turned 90 degrees clockwise
  const columns = sharpestProfile(ys, xs, mask.height, mask.width);
  return {
    rowGaps: gapFraction(rows.profile),
    columnGaps: gapFraction(columns.profile),
    rows: markAsymmetry(rows.profile, minLine),
    columns: markAsymmetry(columns.profile, minLine),
  };
}

/**
 * The clockwise quarter turn that makes a page's text upright: 90 or 270 when its text lines run down
 * the page (blank columns between them, not blank rows; when both are about as blank, more lines found
 * down the page than across it), 180 when its lines carry
 * their marks below the x-height band instead of above. 0 when in doubt: turning an upright page
 * would cost the whole page, leaving a turned one costs no more than before.
 */
export function estimateOrientation(mask: InkMask, dpi: number): QuarterTurn {
  return orientationFrom(orientationEvidence(mask, dpi));
}

/** estimateOrientation's decision on evidence already gathered (the evals report the evidence too). */
export function orientationFrom(e: OrientationEvidence | null): QuarterTurn {
  if (!e) return 0;
  const sideways = e.columnGaps - e.rowGaps;
  // gaps too close to call: the axis along which more text lines are found is the one read along
  const moreLinesDown = e.columns.lines >= MIN_LINES && e.columns.lines > e.rows.lines;
  if (sideways > SIDEWAYS_GAPS || (sideways > -SIDEWAYS_GAPS && moreLinesDown)) return e.columns.ratio >= 1 ? 90 : 270;
  const readable = e.rows.lines >= MIN_LINES && e.rows.markShare >= MIN_MARK_SHARE;
  // lines across (or at least not down): the marks alone decide; a table's cells leave fewer blank rows
  return sideways <= 0 && readable && e.rows.ratio < UPSIDE_DOWN ? 180 : 0;
}

/** The points that do not lie on a horizontal or vertical ink run of `limit` pixels or more. */
function withoutRulings(mask: InkMask, points: { xs: Float64Array; ys: Float64Array }, limit: number): { xs: Float64Array; ys: Float64Array } {
  const { data, width, height } = mask;
  const { xs, ys } = points;
  const keptX = new Float64Array(xs.length);
  const keptY = new Float64Array(ys.length);
  let k = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    const row = y * width;
    let run = 1;
    for (let l = x - 1; l >= 0 && data[row + l] && run < limit; l--) run++;
    for (let r = x + 1; r < width && data[row + r] && run < limit; r++) run++;
    if (run >= limit) continue;
    run = 1;
    for (let u = y - 1; u >= 0 && data[u * width + x] && run < limit; u--) run++;
    for (let d = y + 1; d < height && data[d * width + x] && run < limit; d++) run++;
    if (run >= limit) continue;
    keptX[k] = x;
    keptY[k] = y;
    k++;
  }
  return { xs: keptX.subarray(0, k), ys: keptY.subarray(0, k) };
}

/**
 * Profile of the points along `ys` after the shear (within the range) that makes it sharpest: a coarse
 * pass on two-row bins (a text line's peak is only ~0.25 degrees wide in one-row bins, and a step can
 * straddle it), then a fine pass around the best coarse angle.
 */
function sharpestProfile(xs: Float64Array, ys: Float64Array, width: number, height: number): { score: number; profile: Int32Array } {
  const offset = Math.ceil(width * Math.tan((RANGE_DEG * Math.PI) / 180)) + 1;
  const size = height + 2 * offset;
  const shear = (deg: number, binRows: number, bins: Int32Array): number => scoreShear(xs, ys, bins, offset, Math.tan((deg * Math.PI) / 180), binRows);
  const coarse = new Int32Array(Math.ceil(size / 2));
  let coarseDeg = 0;
  let coarseScore = -1;
  for (let deg = -RANGE_DEG; deg <= RANGE_DEG + 1e-9; deg += COARSE_STEP_DEG) {
    const score = shear(deg, 2, coarse);
    if (score > coarseScore) {
      coarseScore = score;
      coarseDeg = deg;
    }
  }
  let best = { score: -1, profile: new Int32Array(0) };
  let bins = new Int32Array(size);
  for (let deg = coarseDeg - COARSE_STEP_DEG; deg <= coarseDeg + COARSE_STEP_DEG + 1e-9; deg += FINE_STEP_DEG) {
    const score = shear(deg, 1, bins);
    if (score > best.score) {
      best = { score, profile: bins };
      bins = new Int32Array(size);
    }
  }
  return best;
}

/** Share of the bins between the first and last 1 % of the ink that hold under a tenth of the mean. */
function gapFraction(profile: Int32Array): number {
  let total = 0;
  for (const v of profile) total += v;
  let first = 0;
  let last = profile.length - 1;
  for (let seen = 0; first < profile.length && seen + profile[first] <= total * 0.01; first++) seen += profile[first];
  for (let seen = 0; last > first && seen + profile[last] <= total * 0.01; last--) seen += profile[last];
  const span = last - first + 1;
  const low = (total / span) * 0.1;
  let gaps = 0;
  for (let i = first; i <= last; i++) if (profile[i] < low) gaps++;
  return gaps / span;
}

/**
 * Text lines in a row profile (runs above 8 % of its peak, at least `minLine` rows), each split at its x-height
 * band (rows at half the line's own peak or more): the ink above that band over the ink below it, and
 * the share of the lines' ink outside the bands.
 */
function markAsymmetry(profile: Int32Array, minLine: number): { lines: number; ratio: number; markShare: number } {
  let peak = 0;
  for (const v of profile) peak = Math.max(peak, v);
  const floor = peak * 0.08;
  let above = 0;
  let below = 0;
  let inLines = 0;
  let lines = 0;
  for (let i = 0; i < profile.length; ) {
    if (profile[i] < floor) {
      i++;
      continue;
    }
    let end = i;
    let linePeak = 0;
    while (end < profile.length && profile[end] >= floor) linePeak = Math.max(linePeak, profile[end++]);
    if (end - i >= minLine) {
      let coreTop = i;
      while (profile[coreTop] < linePeak / 2) coreTop++;
      let coreBottom = end - 1;
      while (profile[coreBottom] < linePeak / 2) coreBottom--;
      for (let k = i; k < coreTop; k++) above += profile[k];
      for (let k = coreBottom + 1; k < end; k++) below += profile[k];
      for (let k = i; k < end; k++) inLines += profile[k];
      lines++;
    }
    i = end;
  }
  return { lines, ratio: above / Math.max(1, below), markShare: (above + below) / Math.max(1, inLines) };
}

/** The image turned clockwise by a quarter turn (exact: pixels move, none are resampled). */
export function turnGray(image: GrayImage, turn: QuarterTurn): GrayImage {
  const { data, width: w, height: h } = image;
  if (turn === 0) return image;
  const out = new Uint8Array(data.length);
  if (turn === 180) {
    for (let i = 0, n = data.length; i < n; i++) out[n - 1 - i] = data[i];
    return { data: out, width: w, height: h };
  }
  // 90: (x, y) -> (h - 1 - y, x) in a page h wide; 270: (x, y) -> (y, w - 1 - x)
  for (let y = 0; y < h; y++) {
    const row = y * w;
    if (turn === 90) for (let x = 0; x < w; x++) out[x * h + (h - 1 - y)] = data[row + x];
    else for (let x = 0; x < w; x++) out[(w - 1 - x) * h + y] = data[row + x];
  }
  return { data: out, width: h, height: w };
}
