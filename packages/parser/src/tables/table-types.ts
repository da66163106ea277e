import type { BBox } from '@sohoa/core';

/** One cell of a reconstructed table, positioned on the page's column grid. */
export interface TableCell {
  /** First grid column the cell covers (0-based) and how many it spans. */
  col: number;
  span: number;
  /** Printed lines of the cell, in reading order (kept for unit lists printed one per line). */
  lines: string[];
  /** The lines joined with single spaces. */
  text: string;
  bbox?: BBox;
  /** Mean word confidence, 0..1; undefined when unknown (plain text input). */
  confidence?: number;
}

export interface TableRow {
  page: number;
  cells: TableCell[];
  bbox?: BBox;
  /** Set when the page's OCR as a whole is barely readable: its rows cannot continue a task. */
  unreliable?: boolean;
}

export type TableMethod = 'ruled' | 'borderless' | 'text' | 'garbled' | 'none';

/** The rows of one table (or one page's part of it), before column meanings are known. */
export interface ReconstructedTable {
  page: number;
  method: TableMethod;
  /** Number of grid columns found (0 when no table). */
  columns: number;
  /** Column boundaries in page pixels (n + 1 values), when the table came from boxes. */
  columnEdges?: number[];
  rows: TableRow[];
  warnings: string[];
}

export function unionBBox(boxes: readonly (BBox | undefined)[]): BBox | undefined {
  let out: BBox | undefined;
  for (const b of boxes) {
    if (!b) continue;
    out = out ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])] : [...b];
  }
  return out;
}
