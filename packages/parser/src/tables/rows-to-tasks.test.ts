import { describe, expect, it } from 'vitest';
import { rowsToTasks } from './rows-to-tasks.js';
import type { TableRow } from './table-types.js';

/** A row from plain cell texts (one line each); `span` marks a cell covering several columns. */
function row(page: number, ...texts: (string | [string, number])[]): TableRow {
  let col = 0;
  const cells = texts.map((t) => {
    const [text, span] = Array.isArray(t) ? t : [t, 1];
    const cell = { col, span, lines: text ? [text] : [], text };
    col += span;
    return cell;
  });
  return { page, cells };
}

describe('rowsToTasks', () => {
  it('reads a two-level header ("Đơn vị thực hiện" over "Chủ trì | Phối hợp") and skips the column-number row', () => {
    const rows = [
      row(0, 'TT', 'Tên nhiệm vụ', ['Đơn vị thực hiện', 2], 'Thời gian hoàn thành'),
      row(0, '', '', 'Chủ trì', 'Phối hợp', ''),
      row(0, '(1)', '(2)', '(3)', '(4)', '(5)'),
      row(0, '1', 'Số hóa hồ sơ', 'Sở Nội vụ', 'Sở Tư pháp; Công an tỉnh', 'Quý IV/2026'),
    ];
    const { tasks, warnings } = rowsToTasks(rows);
    expect(warnings).toEqual([]);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      code: '1',
      title: 'Số hóa hồ sơ',
      leads: ['Sở Nội vụ'],
      partners: ['Sở Tư pháp', 'Công an tỉnh'],
      period: { text: 'Quý IV/2026', from: 2026, to: 2026, recurring: false },
    });
  });

  it('skips a damaged repeated header instead of reading it into the task above', () => {
    const header = row(0, 'STT', 'Nhiệm vụ/Dự án', 'Nội dung chính', 'Đơn vị chủ trì', 'Giai đoạn');
    const rows = [
      header,
      row(0, '1', 'Việc A', 'Làm A', 'Sở Y tế', '2025'),
      row(1, 'SIT', 'Nhiem vu/Du an', 'Noi dung chinh', 'Pon vi chii tri', 'Giai doan'),
      row(1, 'S1T', 'Nhiệm vu/Dy', 'Nôi dung chỉnh', 'Đơn vi chu tri', 'Giai doạn'),
      row(1, '', '', 'và B', '', ''),
    ];
    const { tasks } = rowsToTasks(rows);
    expect(tasks).toHaveLength(1);
    expect(tasks[0].content).toBe('Làm A và B');
    expect(tasks[0].provenance.map((p) => p.page)).toEqual([0, 1]);
  });

  it('a group row may be merged into the STT column ("II. NHÓM 2: ..." across the table)', () => {
    const rows = [
      row(0, 'STT', 'Nhiệm vụ', 'Nội dung chính', 'Đơn vị chủ trì', 'Giai đoạn'),
      row(0, ['II. NHÓM 2: AN TOÀN THÔNG TIN', 5]),
      row(0, '2.1', 'Việc', 'Làm', 'Công an tỉnh', 'Thường xuyên'),
    ];
    const { tasks } = rowsToTasks(rows);
    expect(tasks[0].group).toEqual({ code: 'II', title: 'NHÓM 2: AN TOÀN THÔNG TIN' });
  });

  it('reads groups numbered 1, 2 when their heading spans the table', () => {
    const rows = [
      row(0, 'STT', 'Nhiệm vụ', 'Nội dung chính', 'Đơn vị chủ trì', 'Giai đoạn'),
      row(0, '1', ['NHÓM HẠ TẦNG SỐ', 4]),
      row(0, '1.1', 'Việc', 'Làm', 'Sở Y tế', '2025'),
      row(0, '2', ['NHÓM DỮ LIỆU', 4]),
      row(0, '2.1', 'Việc khác', 'Làm', 'Sở Y tế', '2026'),
    ];
    const { tasks } = rowsToTasks(rows);
    expect(tasks.map((t) => [t.group.code, t.group.title, t.code])).toEqual([
      ['1', 'NHÓM HẠ TẦNG SỐ', '1.1'],
      ['2', 'NHÓM DỮ LIỆU', '2.1'],
    ]);
  });

  it('restores a dropped dot from the sequence and says so', () => {
    const rows = [
      row(0, 'STT', 'Nhiệm vụ', 'Nội dung chính', 'Đơn vị chủ trì', 'Giai đoạn'),
      row(0, '1.2', 'Việc', 'Làm', 'Sở Y tế', '2025'),
      row(0, '13', 'Việc tiếp', 'Làm', 'Sở Y tế', '2026'),
      row(0, '1.41', 'Việc nữa', 'Làm', 'Sở Y tế', '2026'),
      row(0, '1⁄5', 'Việc năm', 'Làm', 'Sở Y tế', '2026'),
      // A skipped number is the document's, not OCR's: kept.
      row(0, '1.6', 'Việc sau', 'Làm', 'Sở Y tế', '2026'),
    ];
    const { tasks, warnings } = rowsToTasks(rows);
    expect(tasks.map((t) => t.code)).toEqual(['1.2', '1.3', '1.4', '1.5', '1.6']);
    expect(warnings.some((w) => w.includes('"13" read as 1.3'))).toBe(true);
  });

  it('in strict mode a number that cannot follow joins the task above, with a warning', () => {
    const rows = [
      row(0, 'STT', 'Nhiệm vụ', 'Nội dung chính', 'Đơn vị chủ trì', 'Giai đoạn'),
      row(0, '1.4', 'Việc', 'Làm', 'Sở Y tế', '2025'),
      row(0, '7', '', 'tiếp', '', ''),
      row(0, '1.5', 'Việc khác', 'Làm', 'Sở Y tế', '2025'),
    ];
    const strict = rowsToTasks(rows, { strictSequence: true });
    expect(strict.tasks.map((t) => t.code)).toEqual(['1.4', '1.5']);
    expect(strict.tasks[0].content).toBe('Làm tiếp');
    expect(strict.warnings.some((w) => w.includes('cannot follow 1.4'))).toBe(true);
    expect(rowsToTasks(rows).tasks.map((t) => t.code)).toEqual(['1.4', '7', '1.5']);
  });
});
