import { describe, expect, it } from 'vitest';
import { scoreTasks } from './eval-tasks.js';

const task = (group: string, code: string, title: string, period = { text: '2025', from: 2025, to: 2025, recurring: false }) => ({
  group: { code: group, title: 'NHÓM' },
  code,
  title,
  content: 'Nội dung',
  leads: ['Sở Y tế'],
  partners: [],
  collaboratorRole: '',
  period,
});

describe('scoreTasks', () => {
  it('matches by group and code, counts invented and missed, scores fields', () => {
    const truth = [task('I', '1', 'Việc một'), task('I', '2', 'Việc hai'), task('II', '1', 'Việc ba')];
    const got = [task('I', '1', 'Việc một'), task('I', '2', 'Viec hai'), task('II', '2', 'Việc ba')];
    const s = scoreTasks(truth, got);
    expect(s).toMatchObject({ truthTasks: 3, found: 2, invented: 1, missed: 1, periodExact: 1, unitsExact: 1 });
    expect(s.missedKeys).toEqual(['II|1']);
    expect(s.inventedKeys).toEqual(['II|2']);
    expect(s.fieldSimilarity).toBeGreaterThan(0.95);
    expect(s.fieldSimilarity).toBeLessThan(1);
    expect(s.worstFields[0]).toMatchObject({ key: 'I|2', field: 'title' });
  });

  it('a duplicate key is invented, and a wrong period is not exact', () => {
    const truth = [task('I', '1', 'A')];
    const got = [task('I', '1', 'A', { text: '2026', from: 2026, to: 2026, recurring: false }), task('I', '1', 'A')];
    const s = scoreTasks(truth, got);
    expect(s.invented).toBe(1);
    expect(s.periodExact).toBe(0);
  });
});
