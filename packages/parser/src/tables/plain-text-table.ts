import { cleanCellText, foldWords, isRomanNumeral, romanValue } from './cell-text.js';
import { countHeaderLabels, type TaskField } from './column-map.js';
import { isPlausibleNext, repairCode } from './task-code-sequence.js';
import type { TableRow } from './table-types.js';

export interface PlainTextTable {
  rows: TableRow[];
  columns: Map<number, TaskField>;
  warnings: string[];
}

const PERIOD_RE = /((?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d|th\S*ng xuy\S*n(?:,?\s*h\S*ng n\S*m)?)/iu;
const GROUP_RE = /^\s*([IVX]{1,4})\s*[|.:)]?(?:\s+(\S.*))?$/u;
const TASK_RE = /^\s*(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s*(?:[|:]\s*|\s+|$)(.*)$/u;

/** The first number of group N is 1, N or N.1 (a stray digit from another column is not). */
function isFirstInGroup(code: string, lastCode: string | undefined, groupNo: number): boolean {
  if (lastCode || !groupNo) return true;
  const head = Number(code.split('.')[0]);
  return head === 1 || head === groupNo;
}

interface Line {
  page: number;
  text: string;
}

interface Block {
  kind: 'group' | 'task';
  code: string;
  page: number;
  /** Text on the numbered line itself, after the number. */
  own: string;
  before: string[];
  after: string[];
}

/**
 * Best effort for a table that reached us as plain lines (OCR text without boxes, often garbled): the
 * column layout is lost, so a task is its numbered line plus the lines around it, all its text goes
 * to `content`, and the period is taken where a year range or "Thường xuyên" can be read. When the
 * lines before the first number belong to it (cells centred vertically), the lines between two
 * numbers are split half and half. A warning says the columns could not be separated.
 */
export function plainTextTable(pages: readonly string[], startPage: number, startLine: number): PlainTextTable {
  const warnings: string[] = [];
  const columns = new Map<number, TaskField>([
    [0, 'code'],
    [1, 'content'],
    [2, 'period'],
  ]);
  const lines: Line[] = [];
  let inTable = false;
  for (let p = startPage; p < pages.length; p++) {
    const pageLines = pages[p].split(/\r?\n/u);
    for (let i = p === startPage ? startLine : 0; i < pageLines.length; i++) {
      const text = cleanCellText(pageLines[i]);
      if (!text) continue;
      if (countHeaderLabels(text) >= 3 || /^stt\b/u.test(foldWords(text))) {
        inTable = true;
        lines.push({ page: p, text: '\u0000header' });
        continue;
      }
      if (inTable) lines.push({ page: p, text });
    }
  }
  const blocks: Block[] = [];
  let loose: string[] = [];
  let lastCode: string | undefined;
  let groupNo = 0;
  for (let i = 0; i < lines.length; i++) {
    const { text, page } = lines[i];
    if (text === '\u0000header') continue;
    const g = GROUP_RE.exec(text);
    const next = lines[i + 1]?.text ?? '';
    if (g && isRomanNumeral(g[1])) {
      const title = (g[2] ?? '').replace(/^\|\s*/u, '');
      const upperTitle = /\p{Lu}{3,}/u.test(title) ? title : !title && /^\p{Lu}[\p{Lu}\s\d:.,-]{5,}$/u.test(next) ? next : null;
      if (upperTitle !== null) {
        if (!title) i++;
        blocks.push({ kind: 'group', code: g[1], page, own: upperTitle, before: loose, after: [] });
        loose = [];
        lastCode = undefined;
        groupNo = romanValue(g[1]);
        continue;
      }
    }
    const t = TASK_RE.exec(text);
    const code = t ? (isPlausibleNext(t[1], lastCode) ? t[1] : repairCode(t[1], lastCode)) : null;
    if (t && code && isFirstInGroup(code, lastCode, groupNo)) {
      if (code !== t[1]) warnings.push(`page ${page + 1}: STT "${t[1]}" read as ${code} (after ${lastCode})`);
      blocks.push({ kind: 'task', code, page, own: t[2], before: loose, after: [] });
      loose = [];
      lastCode = code;
      continue;
    }
    loose.push(text);
    const last = blocks[blocks.length - 1];
    if (last?.kind === 'task') {
      last.after.push(text);
      loose = [];
    }
  }
  // Cells centred vertically: the first task of a group has lines above its number.
  const centred = blocks.some((b, i) => b.kind === 'task' && (i === 0 || blocks[i - 1].kind === 'group') && b.before.length > 0);
  if (centred) {
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      const n = blocks[i + 1];
      if (b.kind !== 'task' || !n || n.kind !== 'task') continue;
      const keep = Math.ceil(b.after.length / 2);
      n.before = [...b.after.slice(keep), ...n.before];
      b.after = b.after.slice(0, keep);
    }
  }
  const rows: TableRow[] = blocks.map((b) => {
    if (b.kind === 'group') {
      return { page: b.page, cells: [{ col: 0, span: 1, lines: [b.code], text: b.code }, { col: 1, span: 1, lines: [b.own], text: cleanCellText(b.own) }] };
    }
    const ownPeriod = PERIOD_RE.exec(b.own);
    const all = [...b.before, b.own, ...b.after];
    const period = ownPeriod ?? all.map((l) => PERIOD_RE.exec(l)).find((m) => m) ?? null;
    const content = cleanCellText(all.map((l) => (period && l.includes(period[0]) ? l.replace(period[0], ' ') : l)).join(' ').replace(/\|/gu, ' '));
    return {
      page: b.page,
      cells: [
        { col: 0, span: 1, lines: [b.code], text: b.code },
        { col: 1, span: 1, lines: content ? [content] : [], text: content },
        { col: 2, span: 1, lines: period ? [period[0]] : [], text: period ? cleanCellText(period[0]) : '' },
      ],
    };
  });
  if (rows.length) warnings.push('table read from plain text: columns could not be separated, each task keeps its whole row text as content');
  else warnings.push('no table rows found in the plain-text appendix');
  return { rows, columns, warnings };
}
