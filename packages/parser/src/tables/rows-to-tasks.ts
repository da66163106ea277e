import { TaskSchema, type BBox, type Task } from '@sohoa/core';
import { normalizeTonePlacement } from '../vietnamese/index.js';
import { cleanCellText, isTaskCode, joinCellLines, normalizeCode, romanValue } from './cell-text.js';
import { nextRoman, readGroup, usesArabicGroups } from './group-heading.js';
import { isPlausibleNext, repairCode } from './task-code-sequence.js';
import { looksLikeHeaderRow, mapHeaderCells, scoreHeaderCell, type TaskField } from './column-map.js';
import { parsePeriod } from './parse-period.js';
import { cleanUnitName } from './reconcile-units.js';
import { splitUnits, unitLinesToText } from './split-units.js';
import { unionBBox, type TableCell, type TableRow } from './table-types.js';

export interface RowsToTasksOptions {
  /** Column meanings to start with (a table continued from an earlier call without its header). */
  columns?: Map<number, TaskField>;
  /**
   * Reject numbers that cannot follow the previous one ("7" after "1.4"): for plain text, where stray
   * digits from other columns start lines. Such a row continues the task above, with a warning.
   */
  strictSequence?: boolean;
}

export interface RowsToTasksResult {
  tasks: Task[];
  warnings: string[];
  /** The column meanings in force at the end (for a table that continues elsewhere). */
  columns: Map<number, TaskField> | null;
}

interface Draft {
  group: { code: string; title: string };
  code: string;
  lines: Record<TaskField, string[]>;
  provenance: Map<number, BBox | undefined>;
  confidences: number[];
  firstPage: number;
}

const TEXT_FIELDS: TaskField[] = ['title', 'content', 'leads', 'partners', 'collaboratorRole', 'period'];

function pageLabel(page: number): string {
  return `page ${page + 1}`;
}

function fieldOf(cell: TableCell, columns: Map<number, TaskField>): TaskField | undefined {
  for (let c = cell.col; c < cell.col + cell.span; c++) {
    const f = columns.get(c);
    if (f) return f;
  }
  return undefined;
}

/** "(1) (2) (3)" or "1 2 3 4": the column-number row printed under some headers. */
function isColumnNumberRow(row: TableRow): boolean {
  const texts = row.cells.map((c) => c.text.trim()).filter(Boolean);
  if (texts.length < 3) return false;
  const nums = texts.map((t) => /^\(?(\d{1,2})\)?$/u.exec(t)?.[1]);
  if (nums.some((n) => n === undefined)) return false;
  return nums.every((n, i) => i === 0 || Number(n) === Number(nums[i - 1]) + 1);
}

/** A sub-header row under a header ("Chủ trì | Phối hợp" under "Đơn vị thực hiện"). */
function subHeaderFields(row: TableRow): Map<number, TaskField> | null {
  const filled = row.cells.filter((c) => c.text.trim());
  if (!filled.length) return null;
  const out = new Map<number, TaskField>();
  for (const cell of filled) {
    let best: { field: TaskField; score: number } | null = null;
    for (const field of ['leads', 'partners', 'content', 'title', 'period', 'collaboratorRole'] as TaskField[]) {
      const score = scoreHeaderCell(cell.text, field);
      if (score >= 0.8 && (!best || score > best.score)) best = { field, score };
    }
    if (!best) return null;
    out.set(cell.col, best.field);
  }
  return out;
}

function finishDraft(d: Draft): Task {
  // DESIGN.md: new-style tone placement ("khóa", "thủy") in task fields.
  const join = (f: TaskField): string => normalizeTonePlacement(joinCellLines(d.lines[f]));
  const units = (f: TaskField): string[] =>
    splitUnits(unitLinesToText(d.lines[f]))
      .map((u) => normalizeTonePlacement(cleanUnitName(u)))
      .filter((u) => u.length > 0);
  const confidence = d.confidences.length ? d.confidences.reduce((s, c) => s + c, 0) / d.confidences.length : 1;
  return {
    group: { code: d.group.code, title: normalizeTonePlacement(d.group.title) },
    code: d.code,
    title: join('title'),
    content: join('content'),
    leads: units('leads'),
    partners: units('partners'),
    collaboratorRole: join('collaboratorRole'),
    period: parsePeriod(join('period')),
    provenance: [...d.provenance].map(([page, bbox]) => (bbox ? { page, bbox } : { page })),
    confidence: Math.min(1, Math.max(0, Math.round(confidence * 1000) / 1000)),
  };
}

/** Each row with its STT cell under the nearest header above it (to look ahead before the main pass). */
function rowsWithCodeCells(rows: readonly TableRow[], headers: Map<TableRow, Map<number, TaskField>>): { row: TableRow; codeCell: TableCell | undefined }[] {
  let columns: Map<number, TaskField> | undefined;
  return rows.map((row) => {
    columns = headers.get(row) ?? columns;
    const cols = columns;
    return { row, codeCell: cols ? row.cells.find((c) => fieldOf(c, cols) === 'code') : undefined };
  });
}

/** Below this mean word confidence a row without a number is noise rather than a continuation. */
const UNREADABLE_ROW = 0.45;

/** Mean word confidence of a row's filled cells, weighted by their length; undefined for plain text. */
function meanConfidence(row: TableRow): number | undefined {
  let sum = 0;
  let weight = 0;
  for (const cell of row.cells) {
    if (!cell.text.trim() || cell.confidence === undefined) continue;
    sum += cell.confidence * cell.text.length;
    weight += cell.text.length;
  }
  return weight ? sum / weight : undefined;
}

/** Number of grid columns a row spans. */
function columnCount(row: TableRow): number {
  return Math.max(0, ...row.cells.map((c) => c.col + c.span));
}

/**
 * The header of every header row, each completed from the others: the header repeats on every page of
 * a table, and a label damaged on one page reads cleanly on another of the same grid.
 */
function completeHeaders(rows: readonly TableRow[]): Map<TableRow, Map<number, TaskField>> {
  const found = new Map<TableRow, Map<number, TaskField>>();
  for (const row of rows) {
    const h = mapHeaderCells(row.cells);
    if (h) found.set(row, h);
  }
  for (const [row, map] of found) {
    for (const [other, otherMap] of found) {
      if (other === row || columnCount(other) !== columnCount(row)) continue;
      const used = new Set(map.values());
      for (const [col, field] of otherMap) if (!map.has(col) && !used.has(field)) {
        map.set(col, field);
        used.add(field);
      }
    }
  }
  return found;
}

/**
 * Turns table rows (any source: ruled grid, borderless clusters, tab-separated text) into tasks.
 * Header rows set the column meanings (and are skipped when repeated on a new page); group rows set
 * the group; a row with an empty STT continues the task above, across pages. Every task is validated;
 * one that fails becomes a warning naming its page, never a silent drop.
 */
export function rowsToTasks(rows: readonly TableRow[], opts: RowsToTasksOptions = {}): RowsToTasksResult {
  const tasks: Task[] = [];
  const warnings: string[] = [];
  let columns: Map<number, TaskField> | null = opts.columns ?? null;
  let group = { code: '', title: '' };
  let draft: Draft | null = null;
  let lastCode: string | undefined;
  let previousGroupLast: string | undefined;
  let afterHeader = false;

  const flush = (): void => {
    if (!draft) return;
    const task = finishDraft(draft);
    const parsed = TaskSchema.safeParse(task);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      warnings.push(`${pageLabel(draft.firstPage)}: task ${draft.code || '(no number)'} left out: ${issue.path.join('.')} ${issue.message}`);
    } else {
      if (!parsed.data.title) warnings.push(`${pageLabel(draft.firstPage)}: task ${draft.code} has no title`);
      tasks.push(parsed.data);
    }
    draft = null;
  };

  const headers = completeHeaders(rows);
  const arabicGroups = usesArabicGroups(rowsWithCodeCells(rows, headers));
  for (const row of rows) {
    const header = headers.get(row) ?? null;
    if (header) {
      columns = header;
      afterHeader = true;
      continue;
    }
    if (!columns) continue; // text above the table (its title, the appendix heading)
    if (looksLikeHeaderRow(row.cells)) {
      warnings.push(`${pageLabel(row.page)}: a damaged header row was skipped`);
      continue;
    }
    if (afterHeader) {
      afterHeader = false;
      const sub = subHeaderFields(row);
      if (sub && !row.cells.some((c) => columns!.get(c.col) === 'code' && c.text.trim())) {
        for (const [col, f] of sub) {
          for (const [k, v] of columns) if (v === f) columns.delete(k);
          columns.set(col, f);
        }
        continue;
      }
    }
    if (isColumnNumberRow(row)) continue;
    const cols = columns;
    const codeCell = row.cells.find((c) => fieldOf(c, cols) === 'code');
    const grp = readGroup(row, codeCell, arabicGroups);
    if (grp) {
      flush();
      // Groups run I, II, III: a number read twice, backwards or not at all is the next one.
      const expected = group.code ? nextRoman(group.code) : null;
      let code = grp.code;
      if (expected && (grp.unread !== undefined || (romanValue(code) > 0 && romanValue(code) <= romanValue(group.code)))) {
        warnings.push(`${pageLabel(row.page)}: group number "${grp.unread ?? grp.code}" read as ${expected} (after ${group.code})`);
        code = expected;
      } else if (grp.unread !== undefined) {
        warnings.push(`${pageLabel(row.page)}: group number "${grp.unread}" unreadable`);
      }
      group = { code, title: grp.title };
      previousGroupLast = lastCode ?? previousGroupLast;
      lastCode = undefined;
      continue;
    }
    const codeText = codeCell ? cleanCellText(codeCell.text) : '';
    let code = normalizeCode(codeText);
    // Not a group (checked above), so a lone "I" / "l" is OCR's reading of "1".
    if (/^[Il|]$/u.test(code)) code = '1';
    const bodyCells = row.cells.filter((c) => c !== codeCell && c.text.trim());
    if (code && !isTaskCode(code)) {
      const repaired = repairCode(code, lastCode);
      const leading = /^(\d{1,3}(?:\.\d{1,3})*)\b/u.exec(code)?.[1];
      if (repaired) {
        warnings.push(`${pageLabel(row.page)}: STT "${codeText}" read as ${repaired} (after ${lastCode})`);
        code = repaired;
      } else if (leading && isTaskCode(leading)) {
        code = repairCode(leading, lastCode) ?? leading;
        warnings.push(`${pageLabel(row.page)}: STT "${codeText}" read as ${code}`);
      } else {
        warnings.push(`${pageLabel(row.page)}: unreadable STT "${codeText}"; row joined to the task above`);
        code = '';
      }
    } else if (code) {
      const repaired = repairCode(code, lastCode);
      if (repaired) {
        warnings.push(`${pageLabel(row.page)}: STT "${codeText}" read as ${repaired} (after ${lastCode})`);
        code = repaired;
      }
    }
    if (code && opts.strictSequence && !isPlausibleNext(code, lastCode)) {
      warnings.push(`${pageLabel(row.page)}: STT "${codeText}" cannot follow ${lastCode}; row joined to the task above`);
      code = '';
    }
    // "11" opening group I is "1.1" with its dot lost (unless the numbering simply runs on from the last group).
    if (code && !lastCode && /^\d{2}$/u.test(code) && code === `${romanValue(group.code)}1` && !(previousGroupLast && isPlausibleNext(code, previousGroupLast) && !previousGroupLast.includes('.'))) {
      warnings.push(`${pageLabel(row.page)}: STT "${codeText}" read as ${code[0]}.1 (first task of group ${group.code})`);
      code = `${code[0]}.1`;
    }
    if (code) {
      flush();
      draft = {
        group,
        code,
        lines: { code: [], title: [], content: [], leads: [], partners: [], collaboratorRole: [], period: [] },
        provenance: new Map(),
        confidences: [],
        firstPage: row.page,
      };
      lastCode = code;
    } else if (!draft) {
      if (bodyCells.length) warnings.push(`${pageLabel(row.page)}: row without STT before any task, not used: "${cleanCellText(bodyCells.map((c) => c.text).join(' | ')).slice(0, 80)}"`);
      continue;
    }
    // A continuation OCR could not read (a blurred or smudged page) would only smear the task above.
    const rowConfidence = meanConfidence(row);
    if (!code && ((rowConfidence !== undefined && rowConfidence < UNREADABLE_ROW) || row.unreliable)) {
      warnings.push(`${pageLabel(row.page)}: a row OCR could barely read (confidence ${(rowConfidence ?? 0).toFixed(2)}) was left out: "${cleanCellText(bodyCells.map((c) => c.text).join(' | ')).slice(0, 60)}"`);
      continue;
    }
    const d: Draft = draft!;
    const rowBoxes: (BBox | undefined)[] = [];
    for (const cell of row.cells) {
      if (!cell.text.trim()) continue;
      rowBoxes.push(cell.bbox);
      if (cell.confidence !== undefined) d.confidences.push(cell.confidence);
      if (cell === codeCell) continue;
      const field = fieldOf(cell, cols);
      if (!field || field === 'code') continue;
      if (TEXT_FIELDS.includes(field)) d.lines[field].push(...(cell.lines.length ? cell.lines : [cell.text]));
    }
    const box = unionBBox(rowBoxes);
    const prev = d.provenance.get(row.page);
    d.provenance.set(row.page, unionBBox([prev, box]));
  }
  flush();
  return { tasks, warnings, columns };
}
