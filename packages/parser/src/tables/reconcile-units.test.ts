import type { Task } from '@sohoa/core';
import { describe, expect, it } from 'vitest';
import { cleanUnitName, reconcileUnits } from './reconcile-units.js';

function task(code: string, leads: string[], partners: string[] = []): Task {
  return {
    group: { code: 'I', title: 'Nhóm' },
    code,
    title: `Nhiệm vụ ${code}`,
    content: '',
    leads,
    partners,
    collaboratorRole: '',
    period: { text: '2026', from: 2026, to: 2026, recurring: false },
    provenance: [],
    confidence: 1,
  } as Task;
}

describe('cleanUnitName', () => {
  it('drops the specks OCR reads around and inside a unit name', () => {
    expect(cleanUnitName("':Sở Khoa học và Công nghệ")).toBe('Sở Khoa học và Công nghệ');
    expect(cleanUnitName('Sở Giáo dục và Đào tạo...”')).toBe('Sở Giáo dục và Đào tạo');
    expect(cleanUnitName('UBND các xã, [phường')).toBe('UBND các xã, phường');
    expect(cleanUnitName('Sở Nông nghiệp.. và Môi trường')).toBe('Sở Nông nghiệp và Môi trường');
  });

  it('keeps what belongs to the name', () => {
    expect(cleanUnitName('Viễn thông Quảng Trị (VNPT)')).toBe('Viễn thông Quảng Trị (VNPT)');
    expect(cleanUnitName('UBND TP. Huế')).toBe('UBND TP. Huế');
    expect(cleanUnitName('Trung tâm XTĐT, Thương mại và Du lịch tỉnh')).toBe('Trung tâm XTĐT, Thương mại và Du lịch tỉnh');
  });
});

describe('reconcileUnits', () => {
  const KHCN = 'Sở Khoa học và Công nghệ';
  const VP = 'Văn phòng UBND tỉnh';

  it('replaces rarer misreadings of a unit named more often elsewhere in the plan', () => {
    const out = reconcileUnits([
      task('1', [KHCN], [VP]),
      task('2', [KHCN], [VP, 'Sở Tài chính']),
      task('3', ['Sở KhoahQc và Công nghệ'], ['Vặn phòng UBND tỉnh']),
      task('4', ['Sởkhoahọocvà Công nghệ'], ['Văn phòng UBND tỉnh Ể']),
    ]);
    expect(out.map((t) => [t.leads, t.partners])).toEqual([
      [[KHCN], [VP]],
      [[KHCN], [VP, 'Sở Tài chính']],
      [[KHCN], [VP]],
      [[KHCN], [VP]],
    ]);
  });

  it('never merges two good names a letter apart, nor on a tie', () => {
    const tasks = [
      task('1', ['UBND huyện Tân Uyên']),
      task('2', ['UBND huyện Tân Uyên']),
      task('3', ['UBND huyện Tân Yên']),
      task('4', ['Sở Xây dựng']),
      task('5', ['Sở Xây dựng tỉnh']),
      task('6', ['Công an tỉnh'], ['Sở KhoahQc và Công nghệ']),
      task('7', [KHCN]),
    ];
    expect(reconcileUnits(tasks).map((t) => [...t.leads, ...t.partners])).toEqual([
      ['UBND huyện Tân Uyên'],
      ['UBND huyện Tân Uyên'],
      ['UBND huyện Tân Yên'],
      ['Sở Xây dựng'],
      ['Sở Xây dựng tỉnh'],
      ['Công an tỉnh', 'Sở KhoahQc và Công nghệ'], // one copy each: no majority to follow
      [KHCN],
    ]);
  });

  it('does not list a unit twice in one task after merging', () => {
    const out = reconcileUnits([task('1', [KHCN]), task('2', [KHCN]), task('3', ['Sở Tài chính'], [KHCN, 'Sở Khoa học và Cõng nghệ'])]);
    expect(out[2].partners).toEqual([KHCN]);
  });
});
