import { describe, expect, it } from 'vitest';
import { csvField, formatTasks } from './format-tasks.js';
import type { TaskItem } from './store.js';

const item: TaskItem = {
  documentId: 'a'.repeat(64),
  group: { code: 'I', title: 'HẠ TẦNG SỐ' },
  code: '1.1',
  title: 'Nâng cấp, mở rộng "Trung tâm"',
  content: 'Dòng 1\nDòng 2',
  leads: ['Sở KH&CN', 'Sở Tài chính'],
  partners: [],
  collaboratorRole: '',
  period: { text: 'Thường xuyên', from: null, to: null, recurring: true },
  provenance: [{ page: 2 }],
  confidence: 0.5,
};

describe('formatTasks', () => {
  it('quotes CSV fields only when RFC 4180 needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('writes a header, CRLF rows and "; "-joined lists', () => {
    const csv = formatTasks([item], 'csv');
    const lines = csv.split('\r\n');
    expect(lines[0].startsWith('document_id,group_code,group_title,code,title,content,leads,partners')).toBe(true);
    expect(lines[1]).toBe(`${'a'.repeat(64)},I,HẠ TẦNG SỐ,1.1,"Nâng cấp, mở rộng ""Trung tâm""","Dòng 1\nDòng 2",Sở KH&CN; Sở Tài chính,,,Thường xuyên,,,true,0.5,3`);
    expect(lines[2]).toBe('');
    expect(formatTasks([], 'csv').split('\r\n')).toHaveLength(2);
  });

  it('writes one JSON object per NDJSON line, and a JSON array', () => {
    expect(formatTasks([item, item], 'ndjson').split('\n').filter(Boolean).map((l) => JSON.parse(l))).toEqual([item, item]);
    expect(formatTasks([], 'ndjson')).toBe('');
    expect(JSON.parse(formatTasks([item], 'json'))).toEqual([item]);
  });
});
