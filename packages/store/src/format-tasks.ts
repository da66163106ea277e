import type { TaskItem } from './store.js';

export type TaskFormat = 'json' | 'csv' | 'ndjson';

export const CSV_COLUMNS = [
  'document_id',
  'group_code',
  'group_title',
  'code',
  'title',
  'content',
  'leads',
  'partners',
  'collaborator_role',
  'period',
  'period_from',
  'period_to',
  'recurring',
  'confidence',
  'pages',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvRow(t: TaskItem): string[] {
  return [
    t.documentId,
    t.group.code,
    t.group.title,
    t.code,
    t.title,
    t.content,
    t.leads.join('; '),
    t.partners.join('; '),
    t.collaboratorRole,
    t.period.text,
    t.period.from === null ? '' : String(t.period.from),
    t.period.to === null ? '' : String(t.period.to),
    t.period.recurring ? 'true' : 'false',
    String(t.confidence),
    [...new Set(t.provenance.map((p) => p.page + 1))].join('; '),
  ];
}

/**
 * Tasks as text for the API and `sohoa tasks`: CSV (header row, CRLF line ends, lists joined with "; ",
 * pages 1-based), NDJSON (one task per line) or a JSON array.
 */
export function formatTasks(items: readonly TaskItem[], format: TaskFormat): string {
  switch (format) {
    case 'csv':
      return [CSV_COLUMNS.join(','), ...items.map((t) => csvRow(t).map(csvField).join(','))].join('\r\n') + '\r\n';
    case 'ndjson':
      return items.map((t) => JSON.stringify(t)).join('\n') + (items.length ? '\n' : '');
    case 'json':
      return JSON.stringify(items, null, 2) + '\n';
  }
}

export const TASK_FORMAT_CONTENT_TYPES: Record<TaskFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
  json: 'application/json; charset=utf-8',
};
