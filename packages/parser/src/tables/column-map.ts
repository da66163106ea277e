import { foldWords, fuzzyContains, stringSimilarity } from './cell-text.js';

export type TaskField = 'code' | 'title' | 'content' | 'leads' | 'partners' | 'collaboratorRole' | 'period';

/** Header labels seen in plans, folded (no accents, lower case, words only). */
export const FIELD_ALIASES: Record<TaskField, string[]> = {
  code: ['stt', 'tt', 'so tt', 'so thu tu'],
  title: ['nhiem vu du an', 'nhiem vu', 'du an', 'ten nhiem vu', 'ten du an', 'nhiem vu de an', 'ten nhiem vu du an', 'cong viec'],
  content: ['noi dung chinh', 'noi dung', 'noi dung thuc hien', 'noi dung cong viec', 'mo ta'],
  leads: ['don vi chu tri', 'co quan chu tri', 'chu tri', 'don vi chiu trach nhiem'],
  partners: ['don vi phoi hop', 'co quan phoi hop', 'phoi hop'],
  collaboratorRole: ['vai tro hop tac', 'vai tro', 'vai tro cua'],
  period: ['giai doan', 'thoi gian thuc hien', 'thoi gian', 'thoi gian hoan thanh', 'tien do', 'thoi han', 'nam thuc hien', 'giai doan thuc hien'],
};

const MIN_SCORE = 0.75;
/** For labels left over once the clear ones are placed ("li đoạn" is "Giai đoạn" damaged). */
const LOOSE_SCORE = 0.6;

/** How well a header cell's text names a field (0..1); long cells (body text) never score. */
export function scoreHeaderCell(text: string, field: TaskField): number {
  const folded = foldWords(text);
  if (!folded) return 0;
  const words = folded.split(' ').length;
  let best = 0;
  for (const alias of FIELD_ALIASES[field]) {
    const aliasWords = alias.split(' ').length;
    if (words > aliasWords + 4) continue;
    // Short labels ("stt") must match the whole cell, or any three letters would do.
    const s = alias.length <= 4 ? stringSimilarity(folded.replace(/ /gu, ''), alias.replace(/ /gu, '')) : fuzzyContains(folded, alias);
    if (s > best) best = s;
  }
  return best;
}

export interface HeaderCellLike {
  col: number;
  text: string;
}

/**
 * Reads a header row: each field goes to the cell that names it best (one cell per field), greedily by
 * score. Returns null unless at least three fields are found, one of them the number or the task title.
 */
export function mapHeaderCells(cells: readonly HeaderCellLike[]): Map<number, TaskField> | null {
  const candidates: { col: number; field: TaskField; score: number }[] = [];
  for (const cell of cells) {
    if (!cell.text.trim()) continue;
    for (const field of Object.keys(FIELD_ALIASES) as TaskField[]) {
      const score = scoreHeaderCell(cell.text, field);
      if (score >= MIN_SCORE) candidates.push({ col: cell.col, field, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const byCol = new Map<number, TaskField>();
  const used = new Set<TaskField>();
  for (const c of candidates) {
    if (byCol.has(c.col) || used.has(c.field)) continue;
    byCol.set(c.col, c.field);
    used.add(c.field);
  }
  if (byCol.size < 3 || !(used.has('code') || used.has('title'))) return null;
  // Damaged labels: a looser match for the fields still missing, then one label left for one field.
  const loose: { col: number; field: TaskField; score: number }[] = [];
  for (const cell of cells) {
    if (!cell.text.trim() || byCol.has(cell.col)) continue;
    for (const field of Object.keys(FIELD_ALIASES) as TaskField[]) {
      if (used.has(field)) continue;
      const score = scoreHeaderCell(cell.text, field);
      if (score >= LOOSE_SCORE) loose.push({ col: cell.col, field, score });
    }
  }
  loose.sort((a, b) => b.score - a.score);
  for (const c of loose) {
    if (byCol.has(c.col) || used.has(c.field)) continue;
    byCol.set(c.col, c.field);
    used.add(c.field);
  }
  const unmapped = cells.filter((c) => c.text.trim() && !byCol.has(c.col));
  const missing = (Object.keys(FIELD_ALIASES) as TaskField[]).filter((f) => !used.has(f));
  if (unmapped.length === 1 && missing.length === 1) byCol.set(unmapped[0].col, missing[0]);
  return byCol;
}

/** Number of distinct header labels found in one line of text (to spot a header in unruled text). */
export function countHeaderLabels(text: string): number {
  const folded = ' ' + foldWords(text) + ' ';
  let n = 0;
  for (const field of Object.keys(FIELD_ALIASES) as TaskField[]) {
    const hit = FIELD_ALIASES[field].some((alias) =>
      alias.length <= 4 ? folded.includes(` ${alias} `) : fuzzyContains(folded.trim(), alias) >= 0.85,
    );
    if (hit) n++;
  }
  return n;
}

/**
 * A header row too damaged to map (a poor scan of the repeated header): its first cell reads like
 * "STT" and at least two other cells loosely name a field. Such a row is skipped, never read as a task.
 */
export function looksLikeHeaderRow(cells: readonly HeaderCellLike[]): boolean {
  const filled = [...cells].filter((c) => c.text.trim()).sort((a, b) => a.col - b.col);
  if (filled.length < 3) return false;
  const first = foldWords(filled[0].text).replace(/ /gu, '').replace(/5/gu, 's').replace(/[1il]/gu, 't');
  if (stringSimilarity(first, 'stt') < 0.6) return false;
  let n = 0;
  for (const cell of filled.slice(1)) {
    if ((Object.keys(FIELD_ALIASES) as TaskField[]).some((f) => scoreHeaderCell(cell.text, f) >= 0.6)) n++;
  }
  return n >= 2;
}
