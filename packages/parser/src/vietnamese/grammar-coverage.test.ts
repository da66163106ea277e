import { describe, it, expect } from 'vitest';
import { measureGrammarCoverage, classifyRejection } from './grammar-coverage.js';

describe('measureGrammarCoverage', () => {
  it('counts and classifies what the grammar rejects in plan text', async () => {
    const lines = [
      'Xây dựng Trung tâm Điều hành an ninh mạng (Security Operations Center, viết tắt: SOC)',
      'Nâng cấp hệ thống Mạng WAN toàn tỉnh Quảng Trị (Firewall, NAC, giám sát tập trung), ô tô 5 m3',
    ];
    const c = await measureGrammarCoverage(lines);
    expect(c.words).toBe(34);
    expect(c.top.map(([w]) => w).sort()).toEqual(['Center', 'Firewall', 'm3', 'NAC', 'Operations', 'Security', 'SOC', 'WAN'].sort());
    expect(c.rejected).toBe(8);
    expect(c.byClass).toEqual({ acronym: 3, 'single-letter': 0, 'foreign-letters': 2, 'no-marks': 3, other: 0 });
  });

  it('classifies rejections', () => {
    expect(classifyRejection('UBND')).toBe('acronym');
    expect(classifyRejection('b')).toBe('single-letter');
    expect(classifyRejection('Firewall')).toBe('foreign-letters');
    expect(classifyRejection('Müller')).toBe('foreign-letters');
    expect(classifyRejection('thuc')).toBe('no-marks');
    expect(classifyRejection('câp')).toBe('other');
  });
});
