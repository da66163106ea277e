import { OPS, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { BBox } from '@sohoa/core';
import type { RulingOptions, Rulings } from './rulings.js';
import { multiply, type Matrix } from './pdf-matrix.js';

export interface VectorRulingOptions extends RulingOptions {
  /**
   * Share of the page painted by images above which the drawing operators cannot be trusted to hold
   * the table lines (default 0.25): a "sandwich" PDF (a scan under an invisible OCR text layer) has its
   * lines inside the image.
   */
  maxImageShare?: number;
}

/** What a page's operators show: the ruling lines drawn as vectors, and how much of it is images. */
export interface VectorRulingResult {
  rulings: Rulings;
  /** Share of the page area covered by images (0..1, overlaps counted twice, capped at 1). */
  imageShare: number;
}

/** The subset of pdfjs's operator list read here (what `page.getOperatorList()` returns). */
export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

type Box = [number, number, number, number];

/** pdfjs's path codes inside OPS.constructPath (DrawOPS in pdf.mjs, not exported). */
const DRAW_MOVE = 0;
const DRAW_LINE = 1;
const DRAW_CURVE = 2;
const DRAW_QUADRATIC = 3;
const DRAW_CLOSE = 4;

/** Paint colours at least this light (luma 0..255) are paper, not ink: white cell fills, hidden boxes. */
const PAPER_LUMA = 224;
/** Fills with more large subpaths than this are not searched for frames (one rectangle inside another). */
const MAX_FRAME_SUBPATHS = 64;
/** Strokes and fills fainter than this (alpha 0..1) leave no line a reader or the raster detector sees. */
const MIN_ALPHA = 0.25;

const STROKE_OPS = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

/**
 * Table ruling lines of a PDF page read from its drawing operators (no rendering): thin filled
 * rectangles (how Chromium, Word and LibreOffice draw cell borders, often one per cell edge) and
 * stroked horizontal/vertical segments, in the same shape and pixel space as `detectRulings` gives for a
 * raster of the page at `dpi` (top-left origin, page rotation applied, boxes end-exclusive, collinear
 * pieces joined, pieces shorter than `minLengthIn` dropped).
 * Returns null when the answer cannot be trusted: the page paints images over a large share of its area
 * (a scan with a text layer), so its lines may be pixels. The caller then rasterises.
 */
export async function vectorRulings(page: PDFPageProxy, dpi: number, options: VectorRulingOptions = {}): Promise<Rulings | null> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const ops = await page.getOperatorList();
  const result = rulingsFromOperators(ops, viewport.transform as Matrix, viewport.width, viewport.height, dpi, options);
  return result.imageShare > (options.maxImageShare ?? 0.25) ? null : result.rulings;
}

interface GraphicsState {
  ctm: Matrix;
  clip: Box;
  lineWidth: number;
  fillInk: boolean;
  strokeInk: boolean;
  fillAlpha: number;
  strokeAlpha: number;
  /** Dash pattern (user-space lengths, on/off alternating); empty for a solid line. */
  dash: number[];
  /** Inside a soft-mask group: what is drawn there shapes a mask and is never seen. */
  hidden: boolean;
}

/**
 * Walks an operator list with a graphics-state stack (transform, clip box, line width, colours, alpha):
 * `base` maps PDF user space to device pixels (the viewport's transform), `width` x `height` is the
 * device page. Exported for tests that build operator lists by hand.
 */
export function rulingsFromOperators(
  ops: OperatorList,
  base: Matrix,
  width: number,
  height: number,
  dpi: number,
  options: RulingOptions = {},
): VectorRulingResult {
  const maxThickness = Math.max(2, Math.round((options.maxThicknessIn ?? 0.06) * dpi));
  const minLength = Math.max(8, Math.round((options.minLengthIn ?? 0.35) * dpi));
  const page: Box = [0, 0, width, height];
  const initial: GraphicsState = { ctm: base, clip: page, lineWidth: 1, fillInk: true, strokeInk: true, fillAlpha: 1, strokeAlpha: 1, dash: [], hidden: false };
  let gs: GraphicsState = { ...initial };
  const stack: GraphicsState[] = [];
  const pieces: Box[] = [];
  let imageArea = 0;
  let pendingClip = false;

  const save = (): void => {
    stack.push(gs);
    gs = { ...gs };
  };
  const restore = (): void => {
    gs = stack.pop() ?? gs;
  };
  const addPiece = (box: Box): void => {
    if (gs.hidden) return;
    const clipped = intersect(box, gs.clip);
    if (clipped) pieces.push(clipped);
  };
  const addImage = (m: Matrix): void => {
    if (gs.hidden) return;
    const box = intersect(transformBox([0, 0, 1, 1], m), gs.clip);
    if (box) imageArea += (box[2] - box[0]) * (box[3] - box[1]);
  };

  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        save();
        break;
      case OPS.restore:
        restore();
        break;
      case OPS.transform:
        gs.ctm = multiply(gs.ctm, args as unknown as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        save();
        const [matrix, bbox] = args as [Matrix | null, Box | null];
        if (matrix) gs.ctm = multiply(gs.ctm, matrix);
        if (bbox) gs.clip = intersect(gs.clip, transformBox(bbox, gs.ctm)) ?? [0, 0, 0, 0];
        break;
      }
      case OPS.paintFormXObjectEnd:
        restore();
        break;
      case OPS.beginGroup:
        // the form that follows applies the group's matrix; the group only isolates its state
        save();
        if ((args?.[0] as { smask?: unknown } | undefined)?.smask) gs.hidden = true;
        break;
      case OPS.endGroup:
        restore();
        break;
      case OPS.beginAnnotation: {
        // an annotation's appearance starts from the page's own transform, clipped to its rectangle
        save();
        const [, rect, transform, matrix] = args as [string, Box | null, Matrix, Matrix];
        gs = { ...initial, hidden: gs.hidden };
        if (rect) gs.clip = intersect(page, transformBox(rect, base)) ?? [0, 0, 0, 0];
        gs.ctm = multiply(multiply(base, transform), matrix);
        break;
      }
      case OPS.endAnnotation:
        restore();
        break;
      case OPS.setLineWidth:
        gs.lineWidth = Number((args as number[])[0]) || 0;
        break;
      case OPS.setDash:
        gs.dash = dashArray(args?.[0]);
        break;
      case OPS.setGState:
        for (const [key, value] of (args as [[string, unknown][]])[0] ?? []) {
          if (key === 'LW') gs.lineWidth = Number(value) || 0;
          else if (key === 'D') gs.dash = dashArray((value as unknown[] | undefined)?.[0]);
          else if (key === 'CA') gs.strokeAlpha = alpha(value);
          else if (key === 'ca') gs.fillAlpha = alpha(value);
        }
        break;
      case OPS.setFillRGBColor:
        gs.fillInk = isInk(args?.[0]);
        break;
      case OPS.setStrokeRGBColor:
        gs.strokeInk = isInk(args?.[0]);
        break;
      case OPS.setFillTransparent:
        gs.fillInk = false;
        break;
      case OPS.setStrokeTransparent:
        gs.strokeInk = false;
        break;
      case OPS.setFillColorN:
        // a pattern or shading: its colours are unknown here, so it counts as ink
        gs.fillInk = true;
        break;
      case OPS.setStrokeColorN:
        gs.strokeInk = true;
        break;
      case OPS.clip:
      case OPS.eoClip:
        // the clip takes the path of the next path operator (pdfjs emits W before the buffered path)
        pendingClip = true;
        break;
      case OPS.constructPath: {
        const [op, [data], minMax] = args as [number, [ArrayLike<number> | null], ArrayLike<number> | null];
        const subpaths = data ? toSubpaths(data, gs.ctm) : [];
        if (pendingClip) {
          pendingClip = false;
          if (minMax && minMax[0] <= minMax[2]) gs.clip = intersect(gs.clip, transformBox([minMax[0], minMax[1], minMax[2], minMax[3]], gs.ctm)) ?? [0, 0, 0, 0];
          else if (subpaths.length) gs.clip = intersect(gs.clip, unionBox(subpaths.map((s) => s.box))) ?? [0, 0, 0, 0];
        }
        if (FILL_OPS.has(op) && gs.fillInk && gs.fillAlpha >= MIN_ALPHA) {
          for (const box of filledStrips(subpaths, maxThickness)) addPiece(box);
        }
        if (STROKE_OPS.has(op) && gs.strokeInk && gs.strokeAlpha >= MIN_ALPHA) {
          const scale = Math.sqrt(Math.abs(gs.ctm[0] * gs.ctm[3] - gs.ctm[1] * gs.ctm[2]));
          // dashes shorter than a ruling, with gaps wider than the breaks bridged inside a line (leader
          // lines, fill-in blanks), make no ruling; a densely dotted border does
          const dashed =
            gs.dash.length > 0 &&
            gs.dash.some((d, k) => k % 2 === 1 && d * scale > joinDistance(dpi)) &&
            gs.dash.every((d, k) => k % 2 === 1 || d * scale < minLength);
          const half = Math.max(0.5, (gs.lineWidth * scale) / 2);
          if (!dashed) for (const box of strokedSegments(subpaths, half)) addPiece(box);
        }
        break;
      }
      case OPS.paintSolidColorImageMask:
        // a 1x1 stencil filled with the fill colour: a rectangle
        if (gs.fillInk && gs.fillAlpha >= MIN_ALPHA) {
          const box = transformBox([0, 0, 1, 1], gs.ctm);
          if (Math.min(box[2] - box[0], box[3] - box[1]) <= maxThickness) addPiece(box);
        }
        break;
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
        addImage(gs.ctm);
        break;
      case OPS.paintImageXObjectRepeat: {
        const [, scaleX, scaleY, positions] = args as [string, number, number, ArrayLike<number>];
        for (let k = 0; k + 1 < positions.length; k += 2) addImage(multiply(gs.ctm, [scaleX, 0, 0, scaleY, positions[k], positions[k + 1]]));
        break;
      }
      case OPS.paintImageMaskXObjectRepeat: {
        const [, scaleX, skewX, skewY, scaleY, positions] = args as [unknown, number, number, number, number, ArrayLike<number>];
        for (let k = 0; k + 1 < positions.length; k += 2) addImage(multiply(gs.ctm, [scaleX, skewX, skewY, scaleY, positions[k], positions[k + 1]]));
        break;
      }
      case OPS.paintImageMaskXObjectGroup:
        for (const image of (args as [{ transform: Matrix }[]])[0]) addImage(multiply(gs.ctm, image.transform));
        break;
      case OPS.paintInlineImageXObjectGroup:
        for (const entry of (args as [unknown, { transform: Matrix }[]])[1]) addImage(multiply(gs.ctm, entry.transform));
        break;
      default:
        break;
    }
  }
  const pageArea = Math.max(1, width * height);
  return {
    rulings: joinPieces(pieces, dpi, minLength, maxThickness),
    imageShare: Math.min(1, imageArea / pageArea),
  };
}

const alpha = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 1);

function dashArray(value: unknown): number[] {
  const dash = Array.isArray(value) ? value.map(Number).filter((d) => Number.isFinite(d) && d >= 0) : [];
  // an odd-length pattern repeats with on and off swapped: [3] is 3 on, 3 off
  return dash.length % 2 ? [...dash, ...dash] : dash;
}

/** pdfjs hands colours over as "#rrggbb"; anything else (unknown colour spaces) counts as ink. */
function isInk(color: unknown): boolean {
  if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) return true;
  const r = parseInt(color.slice(1, 3), 16);
  const g = parseInt(color.slice(3, 5), 16);
  const b = parseInt(color.slice(5, 7), 16);
  return (r * 77 + g * 150 + b * 29) >> 8 < PAPER_LUMA;
}

/** Device-space bounds of a user-space box. */
function transformBox(b: Box, m: Matrix): Box {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [
    [b[0], b[1]],
    [b[2], b[1]],
    [b[2], b[3]],
    [b[0], b[3]],
  ]) {
    xs.push(m[0] * x + m[2] * y + m[4]);
    ys.push(m[1] * x + m[3] * y + m[5]);
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function intersect(a: Box, b: Box): Box | null {
  const out: Box = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return out[0] < out[2] && out[1] < out[3] ? out : null;
}

function unionBox(boxes: Box[]): Box {
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

interface Subpath {
  /** Device-space points, a curve's control points among them (they bound the curve). */
  points: [number, number][];
  /** Straight segments (indices into points: i -> i+1); curves are left out. */
  straight: [number, number][];
  box: Box;
}

/** pdfjs's flat path buffer, in device space, cut into subpaths. */
function toSubpaths(data: ArrayLike<number>, m: Matrix): Subpath[] {
  const out: Subpath[] = [];
  let cur: Subpath | null = null;
  const at = (x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  const extend = (p: [number, number], straight: boolean): void => {
    if (!cur) {
      cur = { points: [p], straight: [], box: [p[0], p[1], p[0], p[1]] };
      out.push(cur);
      return;
    }
    if (straight) cur.straight.push([cur.points.length - 1, cur.points.length]);
    cur.points.push(p);
    cur.box = [Math.min(cur.box[0], p[0]), Math.min(cur.box[1], p[1]), Math.max(cur.box[2], p[0]), Math.max(cur.box[3], p[1])];
  };
  for (let i = 0; i < data.length; ) {
    switch (data[i++]) {
      case DRAW_MOVE:
        cur = null;
        extend(at(data[i], data[i + 1]), false);
        i += 2;
        break;
      case DRAW_LINE:
        extend(at(data[i], data[i + 1]), true);
        i += 2;
        break;
      case DRAW_CURVE:
        // bounds of a Bezier lie within its control polygon: close enough for "is this thin"
        extend(at(data[i], data[i + 1]), false);
        extend(at(data[i + 2], data[i + 3]), false);
        extend(at(data[i + 4], data[i + 5]), false);
        i += 6;
        break;
      case DRAW_QUADRATIC:
        extend(at(data[i], data[i + 1]), false);
        extend(at(data[i + 2], data[i + 3]), false);
        i += 4;
        break;
      case DRAW_CLOSE: {
        const c = cur as Subpath | null;
        if (c && c.points.length > 1) {
          c.straight.push([c.points.length - 1, 0]);
          // later segments start where this subpath started
          cur = { points: [c.points[0]], straight: [], box: [c.points[0][0], c.points[0][1], c.points[0][0], c.points[0][1]] };
          out.push(cur);
        }
        break;
      }
      default:
        return out; // an unknown code: the rest of the buffer cannot be decoded
    }
  }
  return out.filter((s) => s.points.length > 1);
}

/**
 * Thin strips a fill paints: a subpath whose bounds are thin (a border drawn as a filled rectangle),
 * or the sides of a frame drawn as one rectangle inside another (even-odd or opposite windings).
 */
function filledStrips(subpaths: Subpath[], maxThickness: number): Box[] {
  const out: Box[] = [];
  const thick: Box[] = [];
  for (const { box } of subpaths) {
    const w = box[2] - box[0];
    const h = box[3] - box[1];
    if (w <= 0 || h <= 0) continue; // a zero-area fill paints nothing
    if (Math.min(w, h) <= maxThickness) out.push(box);
    else thick.push(box);
  }
  // a frame is a handful of rectangles; a path of hundreds of shapes is a drawing or outlined text
  if (thick.length > MAX_FRAME_SUBPATHS) return out;
  for (const outer of thick) {
    for (const inner of thick) {
      if (inner === outer || !(inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3])) continue;
      const sides: Box[] = [
        [outer[0], outer[1], outer[2], inner[1]],
        [outer[0], inner[3], outer[2], outer[3]],
        [outer[0], inner[1], inner[0], inner[3]],
        [inner[2], inner[1], outer[2], inner[3]],
      ];
      for (const s of sides) if (s[2] - s[0] > 0 && s[3] - s[1] > 0 && Math.min(s[2] - s[0], s[3] - s[1]) <= maxThickness) out.push(s);
    }
  }
  return out;
}

/** Boxes of the horizontal and vertical straight segments of a stroked path, `half` its half width. */
function strokedSegments(subpaths: Subpath[], half: number): Box[] {
  const out: Box[] = [];
  for (const s of subpaths) {
    for (const [a, b] of s.straight) {
      const [x0, y0] = s.points[a];
      const [x1, y1] = s.points[b];
      const dx = Math.abs(x1 - x0);
      const dy = Math.abs(y1 - y0);
      // joins and caps reach half a line width past the ends
      if (dy <= Math.max(0.5, 0.01 * dx) && dx > 0) {
        const y = (y0 + y1) / 2;
        out.push([Math.min(x0, x1) - half, y - half, Math.max(x0, x1) + half, y + half]);
      } else if (dx <= Math.max(0.5, 0.01 * dy) && dy > 0) {
        const x = (x0 + x1) / 2;
        out.push([x - half, Math.min(y0, y1) - half, x + half, Math.max(y0, y1) + half]);
      }
    }
  }
  return out;
}

/** A piece along its line: `a` runs along it, `b` across. */
interface Run {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/**
 * Pieces into horizontal and vertical rulings: collinear pieces that touch or nearly do (the raster
 * detector's bridge, 0.04 in: cell edges drawn one by one, a dotted border's dots) are joined; lines
 * shorter than `minLength` or thicker than `maxThickness` are dropped; boxes are rounded to whole
 * pixels, at least one pixel thick.
 */
function joinPieces(pieces: Box[], dpi: number, minLength: number, maxThickness: number): Rulings {
  const horizontal: Run[] = [];
  const vertical: Run[] = [];
  for (const [x0, y0, x1, y1] of pieces) {
    const w = x1 - x0;
    const h = y1 - y0;
    // a square (a dot) may belong to a line either way
    if (w >= h - 0.5) horizontal.push({ a0: x0, a1: x1, b0: y0, b1: y1 });
    if (h >= w - 0.5) vertical.push({ a0: y0, a1: y1, b0: x0, b1: x1 });
  }
  const maxBreak = joinDistance(dpi);
  const lines = (runs: Run[]): Run[] => joinRuns(runs, maxBreak).filter((r) => r.a1 - r.a0 >= minLength && r.b1 - r.b0 <= maxThickness);
  return {
    horizontal: lines(horizontal)
      .map((r) => toBox(r, false))
      .sort((p, q) => p[1] - q[1] || p[0] - q[0]),
    vertical: lines(vertical)
      .map((r) => toBox(r, true))
      .sort((p, q) => p[0] - q[0] || p[1] - q[1]),
  };
}

/** Longest break (pixels at `dpi`) bridged inside one line, as the raster detector bridges. */
const joinDistance = (dpi: number): number => 4 * Math.max(1, Math.floor(dpi / 100));

function joinRuns(runs: Run[], maxBreak: number): Run[] {
  // bands of pieces whose cross ranges chain together: only pieces within one band can join, which keeps
  // a page of many short strokes from comparing every piece with every other
  const out: Run[] = [];
  let band: Run[] = [];
  let bandEnd = -Infinity;
  for (const r of [...runs].sort((p, q) => p.b0 - q.b0)) {
    if (band.length && r.b0 >= bandEnd + SLACK) {
      out.push(...joinBand(band, maxBreak));
      band = [];
      bandEnd = -Infinity;
    }
    band.push({ ...r });
    bandEnd = Math.max(bandEnd, r.b1);
  }
  out.push(...joinBand(band, maxBreak));
  return out;
}

/** A fill and the pieces next to it may sit a fraction of a pixel apart across the line. */
const SLACK = 0.75;

function joinBand(runs: Run[], maxBreak: number): Run[] {
  let out = runs;
  // joining can make two lines meet that did not before: repeat until nothing changes
  for (let changed = true; changed; ) {
    changed = false;
    const next: Run[] = [];
    for (const r of out.sort((p, q) => p.a0 - q.a0)) {
      const line = next.find((l) => l.b0 - SLACK < r.b1 && r.b0 < l.b1 + SLACK && r.a0 - l.a1 <= maxBreak);
      if (line) {
        line.a1 = Math.max(line.a1, r.a1);
        line.b0 = Math.min(line.b0, r.b0);
        line.b1 = Math.max(line.b1, r.b1);
        changed = true;
      } else {
        next.push(r);
      }
    }
    out = next;
  }
  return out;
}

function toBox(r: Run, vertical: boolean): BBox {
  const a0 = Math.round(r.a0);
  const a1 = Math.max(a0 + 1, Math.round(r.a1));
  const b0 = Math.round(r.b0);
  const b1 = Math.max(b0 + 1, Math.round(r.b1));
  return vertical ? [b0, a0, b1, a1] : [a0, b0, a1, b1];
}
