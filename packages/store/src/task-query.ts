import { SohoaError } from '@sohoa/core';
import { escapeLike, foldText } from './fold-text.js';
import type { SqlValue } from './sql-driver.js';
import type { TaskFilter } from './task-filter.js';
import type { UnitKeyFn } from './unit-key.js';

export interface WhereClause {
  sql: string;
  params: SqlValue[];
}

const ROMAN_OR_NUMBER = /^[IVXLCDM\d.]+$/i;

function invalid(reason: string): SohoaError {
  return new SohoaError('INVALID_INPUT', reason, { stage: 'store' });
}

/** Search terms: words, or "quoted phrases" kept together; each must start a word of the folded text. */
export function searchTerms(q: string): string[] {
  const terms: string[] = [];
  for (const m of q.matchAll(/"([^"]*)"|([^\s"]+)/g)) {
    const folded = foldText(m[1] ?? m[2] ?? '');
    if (folded) terms.push(folded);
  }
  return terms.slice(0, 12);
}

/**
 * The WHERE clause for a task filter over `tasks t` (cursor excluded, so the same clause counts the
 * total). Every value is a parameter; LIKE patterns escape their wildcards.
 */
export function taskWhere(filter: TaskFilter, unitKey: UnitKeyFn): WhereClause {
  const conditions: string[] = [];
  const params: SqlValue[] = [];

  if (filter.revision !== undefined) {
    conditions.push('t.revision = ?');
    params.push(filter.revision);
  } else {
    conditions.push('t.is_current = 1');
  }
  if (filter.document) {
    conditions.push('t.document_id = ?');
    params.push(filter.document);
  }

  const unitCondition = (name: string, value: string, role: 'lead' | 'partner' | null) => {
    const key = unitKey(value);
    if (!key) throw invalid(`${name} must contain a letter or a digit`);
    // The key, or a longer key it starts at a word boundary ("UBND" finds "UBND tỉnh", not "UBNDX"): the
    // range [key, key + "!") holds exactly those, since keys have no character below "!" but the space.
    conditions.push(
      `t.id IN (SELECT u.task_id FROM task_units u WHERE u.unit_key >= ? AND u.unit_key < ?${role ? ' AND u.role = ?' : ''})`,
    );
    params.push(key, `${key}!`);
    if (role) params.push(role);
  };
  if (filter.lead) unitCondition('lead', filter.lead, 'lead');
  if (filter.partner) unitCondition('partner', filter.partner, 'partner');
  if (filter.unit) unitCondition('unit', filter.unit, null);

  if (filter.group) {
    const group = filter.group.trim();
    if (ROMAN_OR_NUMBER.test(group)) {
      conditions.push('upper(t.group_code) = ?');
      params.push(group.replace(/\.$/, '').toUpperCase());
    } else {
      conditions.push(`(' ' || t.group_key || ' ') LIKE ? ESCAPE '\\'`);
      params.push(`% ${escapeLike(foldText(group))} %`);
    }
  }

  if (filter.year !== undefined) {
    // A missing end is open ("từ năm 2026" covers 2031; "đến 2030" covers 2024); no years at all, no match.
    conditions.push(
      '(t.period_recurring = 1 OR ((t.period_from IS NOT NULL OR t.period_to IS NOT NULL)' +
        ' AND (t.period_from IS NULL OR t.period_from <= ?) AND (t.period_to IS NULL OR t.period_to >= ?)))',
    );
    params.push(filter.year, filter.year);
  }

  if (filter.q) {
    for (const term of searchTerms(filter.q)) {
      conditions.push(`t.search_text LIKE ? ESCAPE '\\'`);
      params.push(`% ${escapeLike(term)}%`);
    }
  }

  return { sql: conditions.join(' AND '), params };
}
