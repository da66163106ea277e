import type { OcrPage } from '@sohoa/core';
import { countHeaderLabels, mapHeaderCells } from './column-map.js';
import { cellFromWords, groupIntoLines, median, pageWords, type PlacedWord } from './page-words.js';
import { isRomanNumeral, normalizeCode } from './cell-text.js';
import { upperShare } from './group-heading.js';
import { looksLikeCode } from './split-merged-rows.js';
import type { ReconstructedTable, TableCell, TableRow } from './table-types.js';

interface VisualLine {
  words: PlacedWord[];
  y0: number;
  y1: number;
  text: string;
}

interface Interval {
  x0: number;
  x1: number;
  words: PlacedWord[];
}

function toVisualLines(words: PlacedWord[]): VisualLine[] {
  return groupIntoLines(words).map((ws) => ({
    words: ws,
    y0: Math.min(...ws.map((w) => w.bbox[1])),
    y1: Math.max(...ws.map((w) => w.bbox[3])),
    text: ws.map((w) => w.text).join(' '),
  }));
}

/** Words of the header band merged into label intervals along x (a gap wider than ~a word height splits). */
function headerIntervals(words: PlacedWord[], gap: number): Interval[] {
  const sorted = [...words].sort((a, b) => a.bbox[0] - b.bbox[0]);
  const out: Interval[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && w.bbox[0] <= last.x1 + gap) {
      last.x1 = Math.max(last.x1, w.bbox[2]);
      last.words.push(w);
    } else out.push({ x0: w.bbox[0], x1: w.bbox[2], words: [w] });
  }
  return out.flatMap((iv) => splitMergedLabels(iv));
}

function intervalText(iv: Interval): string {
  return groupIntoLines(iv.words)
    .map((l) => l.map((w) => w.text).join(' '))
    .join(' ');
}

/** Two labels printed close together ("STT Nhiệm vụ") are split at their widest inner gap. */
function splitMergedLabels(iv: Interval): Interval[] {
  if (countHeaderLabels(intervalText(iv)) < 2 || iv.words.length < 2) return [iv];
  const ws = [...iv.words].sort((a, b) => a.bbox[0] - b.bbox[0]);
  let bestGap = -Infinity;
  let cut = -1;
  let reach = ws[0].bbox[2];
  for (let i = 1; i < ws.length; i++) {
    const g = ws[i].bbox[0] - reach;
    if (g > bestGap) {
      bestGap = g;
      cut = i;
    }
    reach = Math.max(reach, ws[i].bbox[2]);
  }
  if (bestGap <= 0) return [iv];
  const left = ws.slice(0, cut);
  const right = ws.slice(cut);
  const mk = (list: PlacedWord[]): Interval => ({ x0: Math.min(...list.map((w) => w.bbox[0])), x1: Math.max(...list.map((w) => w.bbox[2])), words: list });
  return [...splitMergedLabels(mk(left)), ...splitMergedLabels(mk(right))];
}

/** The header band: the few consecutive lines naming the most column labels (labels wrap over lines). */
function findHeaderBand(lines: VisualLine[]): { start: number; end: number } | null {
  type Band = { start: number; end: number; score: number };
  let best = null as Band | null;
  for (let i = 0; i < lines.length; i++) {
    if (countHeaderLabels(lines[i].text) < 2) continue;
    for (let a = Math.max(0, i - 2); a <= i; a++) {
      for (let b = i; b < Math.min(lines.length, i + 4); b++) {
        const lineH = median(lines.slice(a, b + 1).map((l) => l.y1 - l.y0));
        let contiguous = true;
        for (let k = a + 1; k <= b; k++) if (lines[k].y0 - lines[k - 1].y1 > 1.5 * lineH) contiguous = false;
        if (!contiguous) continue;
        const score = countHeaderLabels(lines.slice(a, b + 1).map((l) => l.text).join(' '));
        if (score >= 3 && (!best || score > best.score || (score === best.score && b - a < best.end - best.start))) {
          best = { start: a, end: b, score };
        }
      }
    }
    if (best && best.score >= 5) break;
  }
  if (!best) return null;
  // Labels wrap ("Vai trò hợp tác" / "của Viettel"): take in lines packed as tightly as the band's own.
  const lineH = median(lines.map((l) => l.y1 - l.y0)) || 1;
  const gaps = lines.slice(1).map((l, i) => l.y0 - lines[i].y1);
  const tight = median(gaps.filter((g) => g < lineH)) + 0.25 * lineH;
  let { start, end } = best;
  while (start > 0 && lines[start].y0 - lines[start - 1].y1 <= tight && countHeaderLabels(lines[start - 1].text) > 0) start--;
  while (end + 1 < lines.length && lines[end + 1].y0 - lines[end].y1 <= tight && !/^\s*(?:\d|[IVX]+\b)/u.test(lines[end + 1].text)) end++;
  return { start, end };
}

/**
 * Column edges from the header labels: each boundary sits in the widest stretch between two labels that
 * the fewest body lines cross. A line counts as runs of words (gaps narrower than `joinGap` filled), so
 * the spaces between words inside a column are not mistaken for a gutter.
 */
function columnEdgesFrom(labels: Interval[], body: VisualLine[], left: number, right: number, joinGap: number): number[] {
  const x0 = Math.floor(left);
  const width = Math.ceil(right) - x0 + 1;
  const counts = new Int32Array(width);
  for (const line of body) {
    const ws = [...line.words].sort((a, b) => a.bbox[0] - b.bbox[0]);
    let runStart = ws[0].bbox[0];
    let runEnd = ws[0].bbox[2];
    const addRun = (a: number, b: number): void => {
      for (let x = Math.max(0, Math.floor(a) - x0); x <= Math.min(width - 1, Math.ceil(b) - x0); x++) counts[x]++;
    };
    for (const w of ws.slice(1)) {
      if (w.bbox[0] - runEnd <= joinGap) runEnd = Math.max(runEnd, w.bbox[2]);
      else {
        addRun(runStart, runEnd);
        runStart = w.bbox[0];
        runEnd = w.bbox[2];
      }
    }
    addRun(runStart, runEnd);
  }
  const edges = [left];
  for (let k = 0; k + 1 < labels.length; k++) {
    let a = Math.floor(labels[k].x1) - x0;
    let b = Math.ceil(labels[k + 1].x0) - x0;
    if (b <= a) {
      const mid = Math.round((labels[k].x1 + labels[k + 1].x0) / 2) - x0;
      a = mid;
      b = mid;
    }
    let min = Infinity;
    for (let x = a; x <= b; x++) min = Math.min(min, counts[x] ?? 0);
    let bestStart = a;
    let bestLen = -1;
    for (let x = a; x <= b; ) {
      if ((counts[x] ?? 0) !== min) {
        x++;
        continue;
      }
      let y = x;
      while (y + 1 <= b && (counts[y + 1] ?? 0) === min) y++;
      if (y - x > bestLen) {
        bestLen = y - x;
        bestStart = x;
      }
      x = y + 1;
    }
    edges.push(x0 + bestStart + bestLen / 2);
  }
  edges.push(right);
  return edges;
}

function columnOf(edges: readonly number[], x: number): number {
  for (let i = 1; i < edges.length - 1; i++) if (x < edges[i]) return i - 1;
  return edges.length - 2;
}

/**
 * A one-line row whose text (outside the STT column) runs on without a gutter across column edges is
 * one cell spanning them: a group heading ("CHÍNH QUYỀN SỐ") laid over the table.
 */
function spanningRun(lines: VisualLine[], edges: readonly number[], codeCol: number, joinGap: number): { col: number; span: number; words: PlacedWord[] } | null {
  if (lines.length !== 1) return null;
  const ws = lines[0].words.filter((w) => columnOf(edges, w.cx) !== codeCol).sort((a, b) => a.bbox[0] - b.bbox[0]);
  if (ws.length < 2) return null;
  for (let i = 1; i < ws.length; i++) if (ws[i].bbox[0] - ws[i - 1].bbox[2] > joinGap) return null;
  const first = columnOf(edges, ws[0].cx);
  const last = columnOf(edges, ws[ws.length - 1].cx);
  return last > first ? { col: first, span: last - first + 1, words: ws } : null;
}

/**
 * The lines that belong to the table: runs of lines split where the page leaves a wide blank (a page
 * number, a note or the signature below the table; a running head above a continued table). Under a
 * header the first run is the table; on a page without one, the first run spread over three columns.
 */
function tableBlock(lines: VisualLine[], edges: readonly number[], underHeader: boolean, blank: number): VisualLine[] {
  const runs: VisualLine[][] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line.y0 - lines[i - 1].y1 > blank) runs.push([]);
    runs[runs.length - 1].push(line);
  });
  if (underHeader) return runs[0] ?? [];
  return runs.find((run) => new Set(run.flatMap((l) => l.words.map((w) => columnOf(edges, w.cx)))).size >= 3) ?? [];
}

export interface BorderlessOptions {
  /** Column edges of the table on the previous page, for a page whose header is not repeated. */
  columnEdges?: number[];
}

/**
 * A table without ruling lines (born-digital text layers never have them): the header row anchors the
 * columns, body words go to columns by their centre, and rows break at wide vertical gaps or where the
 * STT column starts a new number.
 */
export function reconstructBorderlessTable(page: OcrPage, opts: BorderlessOptions = {}): ReconstructedTable | null {
  const words = pageWords(page);
  if (!words.length) return null;
  const lines = toVisualLines(words);
  const lineH = median(lines.map((l) => l.y1 - l.y0)) || 1;
  const band = findHeaderBand(lines);
  let edges: number[] | undefined;
  let bodyStart = 0;
  const rows: TableRow[] = [];
  let codeCol = 0;
  if (band) {
    const headerWords = lines.slice(band.start, band.end + 1).flatMap((l) => l.words);
    const labels = headerIntervals(headerWords, 0.8 * lineH);
    const bodyLines = lines.slice(band.end + 1);
    const body = bodyLines.flatMap((l) => l.words);
    const left = Math.min(...[...headerWords, ...body].map((w) => w.bbox[0])) - 1;
    const right = Math.max(...[...headerWords, ...body].map((w) => w.bbox[2])) + 1;
    edges = columnEdgesFrom(labels, bodyLines, left, right, 0.6 * lineH);
    const headerCells: TableCell[] = labels.map((iv, col) => {
      const c = cellFromWords(iv.words, page.source === 'ocr');
      return { col, span: 1, lines: c.lines, text: c.text, bbox: c.bbox, confidence: c.confidence };
    });
    const mapping = mapHeaderCells(headerCells);
    if (!mapping) return null;
    for (const [col, f] of mapping) if (f === 'code') codeCol = col;
    rows.push({ page: page.index, cells: headerCells });
    bodyStart = band.end + 1;
  } else if (opts.columnEdges && opts.columnEdges.length >= 4) {
    edges = opts.columnEdges;
    // Only a page that starts with table-like lines continues the table.
    const top = lines.slice(0, 5);
    const used = new Set(top.flatMap((l) => l.words.map((w) => columnOf(edges!, w.cx))));
    if (used.size < 3) return null;
  } else return null;

  const inside = lines.slice(bodyStart).filter((l) => l.words.some((w) => w.cx >= edges![0] && w.cx <= edges![edges!.length - 1]));
  const gaps = inside.slice(1).map((l, i) => l.y0 - inside[i].y1);
  const normalGap = median(gaps.filter((g) => g < lineH));
  const breakGap = normalGap + 0.45 * lineH;
  const body = tableBlock(inside, edges, band !== null, Math.max(2.5 * lineH, 3 * breakGap));
  let current: VisualLine[] = [];
  let currentHasCode = false;
  let currentIsHeading = false;
  const emit = (): void => {
    if (!current.length) return;
    const byCol = new Map<number, PlacedWord[]>();
    for (const l of current) for (const w of l.words) {
      const c = columnOf(edges!, w.cx);
      let list = byCol.get(c);
      if (!list) byCol.set(c, (list = []));
      list.push(w);
    }
    const cells: TableCell[] = [...byCol.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([col, ws]) => {
        const c = cellFromWords(ws, page.source === 'ocr');
        return { col, span: 1, lines: c.lines, text: c.text, bbox: c.bbox, confidence: c.confidence };
      });
    const spanning = spanningRun(current, edges!, codeCol, 0.6 * lineH);
    if (spanning) {
      const kept = cells.filter((c) => c.col < spanning.col || c.col >= spanning.col + spanning.span);
      const c = cellFromWords(spanning.words, page.source === 'ocr');
      kept.push({ col: spanning.col, span: spanning.span, lines: c.lines, text: c.text, bbox: c.bbox, confidence: c.confidence });
      cells.splice(0, cells.length, ...kept.sort((a, b) => a.col - b.col));
    }
    rows.push({ page: page.index, cells, bbox: [edges![0], current[0].y0, edges![edges!.length - 1], current[current.length - 1].y1] });
    current = [];
    currentHasCode = false;
  };
  body.forEach((line, i) => {
    const codeWords = line.words.filter((w) => columnOf(edges!, w.cx) === codeCol);
    const codeText = codeWords.map((w) => w.text).join('');
    const hasCode = codeWords.length > 0 && looksLikeCode(codeText);
    // A group heading ("III  CHÍNH QUYỀN SỐ") always opens a row of its own.
    const restText = line.words.filter((w) => !codeWords.includes(w)).map((w) => w.text).join(' ');
    const heading = hasCode && isRomanNumeral(normalizeCode(codeText)) && upperShare(restText) > 0.7;
    const gap = i > 0 ? line.y0 - body[i - 1].y1 : 0;
    if (current.length && (gap > breakGap || (hasCode && currentHasCode) || heading || currentIsHeading)) emit();
    currentIsHeading = heading;
    current.push(line);
    if (hasCode) currentHasCode = true;
  });
  emit();
  return { page: page.index, method: 'borderless', columns: edges.length - 1, columnEdges: edges, rows, warnings: [] };
}

