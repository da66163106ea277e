import { OcrPageSchema, SohoaError, type Metadata, type OcrPage, type Task } from '@sohoa/core';
import { restoreRows, restoreText } from './apply-restore.js';
import { extractMetadata } from './extract-metadata.js';
import { findAppendixLine } from './find-appendix.js';
import { plainTextTable } from './plain-text-table.js';
import { reconcileUnits } from './reconcile-units.js';
import { reconstructTable } from './reconstruct-table.js';
import { rowsToTasks } from './rows-to-tasks.js';
import type { TableRow } from './table-types.js';
import { hasTabTable, tsvRows } from './tsv-table.js';

/** Mean OCR confidence (0..100) below which a page's rows cannot continue a task. */
const UNREADABLE_PAGE = 50;

export type ParseInput = { pages: OcrPage[] } | { text: string };

export interface ParseOptions {
  /** Restores diacritics / corrects OCR text; applied to every line or cell before parsing. */
  restore?: (text: string) => string;
}

export interface ParseResult {
  metadata: Metadata;
  tasks: Task[];
  warnings: string[];
}

function parseText(text: string, opts: ParseOptions): ParseResult {
  const pages = text.split('\f');
  const warnings: string[] = [];
  if (hasTabTable(pages)) {
    const rows = tsvRows(pages);
    if (opts.restore) restoreRows(rows, opts.restore);
    const bodyText = opts.restore ? restoreText(text, opts.restore) : text;
    const meta = extractMetadata(bodyText);
    const result = rowsToTasks(rows);
    if (!result.columns) warnings.push('a tab-separated table was found but no header row names its columns');
    return { metadata: meta.metadata, tasks: result.tasks, warnings: [...meta.warnings, ...warnings, ...result.warnings] };
  }
  const restored = opts.restore ? pages.map((p) => restoreText(p, opts.restore!)) : pages;
  const meta = extractMetadata(restored.join('\f'));
  let startPage = -1;
  let startLine = 0;
  for (let p = 0; p < restored.length && startPage < 0; p++) {
    const at = findAppendixLine(restored[p].split(/\r?\n/u));
    if (at >= 0) {
      startPage = p;
      startLine = at;
    }
  }
  if (startPage < 0) {
    warnings.push('no appendix heading ("Phụ lục") found; looked for a table in the whole text');
    startPage = 0;
  }
  const table = plainTextTable(restored, startPage, startLine);
  const result = rowsToTasks(table.rows, { columns: table.columns, strictSequence: true });
  const confidence = opts.restore ? 0.5 : 0.3;
  const tasks = result.tasks.map((t) => ({ ...t, confidence: Math.min(t.confidence, confidence) }));
  return { metadata: meta.metadata, tasks, warnings: [...meta.warnings, ...warnings, ...table.warnings, ...result.warnings] };
}

function parsePages(pages: OcrPage[], opts: ParseOptions): ParseResult {
  const warnings: string[] = [];
  const rows: TableRow[] = [];
  let edges: number[] | undefined;
  let width: number | undefined;
  for (const page of pages) {
    const checked = OcrPageSchema.safeParse(page);
    if (!checked.success) {
      warnings.push(`page ${page.index + 1}: OCR output is malformed (${checked.error.issues[0]?.message}); page skipped`);
      continue;
    }
    const table = reconstructTable(page, { columnEdges: width === page.width ? edges : undefined });
    warnings.push(...table.warnings);
    if (table.method === 'none') {
      edges = undefined;
      continue;
    }
    edges = table.columnEdges;
    width = page.width;
    // Tesseract's page confidence (0..100) this low means the page came out as noise.
    const unreliable = page.source === 'ocr' && page.meanConfidence !== null && page.meanConfidence < UNREADABLE_PAGE;
    if (unreliable) warnings.push(`page ${page.index + 1}: OCR confidence ${page.meanConfidence?.toFixed(0)} is too low to trust its table rows; only numbered rows are kept`);
    rows.push(...table.rows.map((r) => (unreliable ? { ...r, unreliable } : r)));
  }
  if (opts.restore) restoreRows(rows, opts.restore);
  const text = pages.map((p) => (opts.restore ? restoreText(p.text, opts.restore) : p.text)).join('\f');
  const meta = extractMetadata(text);
  const result = rowsToTasks(rows);
  if (!rows.length) warnings.push('no table found on any page');
  return { metadata: meta.metadata, tasks: result.tasks, warnings: [...meta.warnings, ...warnings, ...result.warnings] };
}

/**
 * Tasks and metadata of one document, from OCR pages (boxes, maybe rulings) or from text (tab-separated
 * tables as in seed 000, or plain/garbled text; form feeds separate pages).
 */
export function parseDocument(input: ParseInput, opts: ParseOptions = {}): ParseResult {
  let result: ParseResult;
  if ('text' in input && typeof input.text === 'string') result = parseText(input.text.normalize('NFC'), opts);
  else if ('pages' in input && Array.isArray(input.pages)) result = parsePages(input.pages, opts);
  else throw new SohoaError('INVALID_INPUT', 'parseDocument needs { pages: OcrPage[] } or { text: string }', { stage: 'parser' });
  // a unit's spellings are compared across the whole plan, whichever way its table was read
  return { ...result, tasks: reconcileUnits(result.tasks) };
}
