import type { BBox, OcrPage, OcrWord } from '@sohoa/core';
import { describe, expect, it } from 'vitest';
import { parseDocument } from './parse-document.js';
import { reconstructTable } from './reconstruct-table.js';

/** A cell of a synthetic table: its printed lines and how many columns it spans. */
interface CellSpec {
  lines: string[];
  span?: number;
}

const CHAR_W = 14;
const SPACE_W = 8;
const WORD_H = 22;
const LINE_STEP = 30;
const PAD_TOP = 15;
const PAD_BOTTOM = 12;

/**
 * Lays a table out on a page the way OCR reports it: words with boxes (and "|" glyphs where OCR reads a
 * ruling as text), plus ruling segments broken into pieces as on a scan; a spanning cell has no
 * vertical ruling inside it.
 */
function makeTablePage(index: number, opts: { width: number; height: number; edges: number[]; top: number; rows: CellSpec[][]; ruled: boolean; extraWords?: OcrWord[]; openBottom?: boolean; middle?: boolean; lostRuling?: number }): OcrPage {
  const words: OcrWord[] = [...(opts.extraWords ?? [])];
  const horizontal: BBox[] = [];
  const vertical: BBox[] = [];
  const left = opts.edges[0];
  const right = opts.edges[opts.edges.length - 1];
  let y = opts.top;
  const hline = (yy: number): void => {
    const mid = (left + right) / 2;
    horizontal.push([left, yy - 1, mid - 3, yy + 2], [mid + 2, yy - 1, right, yy + 2]);
  };
  hline(y);
  for (const row of opts.rows) {
    const height = PAD_TOP + Math.max(...row.map((c) => c.lines.length)) * LINE_STEP + PAD_BOTTOM;
    let col = 0;
    for (const cell of row) {
      const span = cell.span ?? 1;
      const x0 = opts.edges[col];
      const rowLines = Math.max(...row.map((c) => c.lines.length));
      const shift = opts.middle ? ((rowLines - cell.lines.length) * LINE_STEP) / 2 : 0;
      cell.lines.forEach((line, k) => {
        let x = x0 + 12;
        const wy = y + PAD_TOP + shift + k * LINE_STEP;
        for (const text of line.split(' ').filter(Boolean)) {
          const w = [...text].length * CHAR_W;
          words.push({ text, bbox: [x, wy, x + w, wy + WORD_H], confidence: 90 });
          x += w + SPACE_W;
        }
      });
      for (let e = col; e <= col + span; e++) {
        if (e === col || e === col + span) {
          const ex = opts.edges[e];
          if (!vertical.some((v) => v[0] === ex - 1 && v[1] === y)) vertical.push([ex - 1, y, ex + 2, y + height]);
        }
      }
      col += span;
    }
    y += height;
    const lost = opts.lostRuling === opts.rows.indexOf(row);
    if (!(opts.openBottom && row === opts.rows[opts.rows.length - 1]) && !lost) hline(y);
  }
  // A heading underline above the table crosses nothing and must not become a table line.
  horizontal.push([opts.width / 2 - 200, opts.top - 60, opts.width / 2 + 200, opts.top - 57]);
  words.push({ text: '|', bbox: [opts.edges[1] - 2, opts.top + 20, opts.edges[1] + 4, opts.top + 42], confidence: 30 });
  const text = '';
  return {
    index,
    source: 'ocr',
    width: opts.width,
    height: opts.height,
    dpi: 300,
    skewDeg: 0,
    meanConfidence: 90,
    text,
    blocks: [{ bbox: [0, 0, opts.width, opts.height], confidence: 90, lines: [{ text: '', bbox: [0, 0, opts.width, opts.height], confidence: 90, words }] }],
    rulings: opts.ruled ? { horizontal, vertical } : undefined,
  };
}

const EDGES = [100, 230, 760, 1300, 1740, 2180, 2700, 3000];
const HEADER: CellSpec[] = [
  { lines: ['STT'] },
  { lines: ['Nhiệm vụ/Dự án'] },
  { lines: ['Nội dung chính'] },
  { lines: ['Đơn vị chủ trì'] },
  { lines: ['Đơn vị phối hợp'] },
  { lines: ['Vai trò hợp tác', 'của Viettel'] },
  { lines: ['Giai đoạn'] },
];

const PAGE_1_ROWS: CellSpec[][] = [
  HEADER,
  [{ lines: ['I'] }, { lines: ['NHÓM 1: PHÁT TRIỂN HẠ TẦNG SỐ'], span: 6 }],
  [
    { lines: ['1.1'] },
    { lines: ['Nâng cấp hạ tầng Trung', 'tâm dữ liệu tỉnh'] },
    { lines: ['Đầu tư, nâng cấp hạ tầng', 'CNTT đáp ứng mô hình 2', 'cấp.'] },
    { lines: ['Sở Khoa học và', 'Công nghệ'] },
    { lines: ['Các sở, ban, ngành;', 'Công an tỉnh'] },
    { lines: ['Tư vấn, cung cấp', 'các giải pháp'] },
    { lines: ['2026-2029'] },
  ],
  [
    { lines: ['1.2'] },
    { lines: ['Nâng cấp mạng WAN'] },
    { lines: ['Triển khai các giải pháp', 'bảo mật (Firewall, NAC,'] },
    { lines: ['Sở KH&CN'] },
    { lines: ['Sở Tài chính', 'Sở Nội vụ', 'Công an tỉnh'] },
    { lines: ['Khảo sát, tư vấn'] },
    { lines: ['2026 - 2027'] },
  ],
];

const PAGE_2_ROWS: CellSpec[][] = [
  HEADER,
  [{ lines: [''] }, { lines: [''] }, { lines: ['giám sát tập trung).'] }, { lines: [''] }, { lines: [''] }, { lines: [''] }, { lines: [''] }],
  [{ lines: ['II'] }, { lines: ['NHÓM 2: BẢO ĐẢM AN TOÀN THÔNG TIN MẠNG'], span: 6 }],
  [
    { lines: ['2.1.'] },
    { lines: ['Xây dựng Trung tâm SOC'] },
    { lines: ['Giám sát an toàn thông', 'tin mạng toàn tỉnh'] },
    { lines: ['Công an tỉnh'] },
    { lines: ['Sở KH&CN'] },
    { lines: ['Tư vấn, cung cấp'] },
    { lines: ['Thường xuyên, hằng', 'năm'] },
  ],
];

const landscape = { width: 3300, height: 2550, edges: EDGES };

function pages(ruled: boolean): OcrPage[] {
  return [
    makeTablePage(0, { ...landscape, top: 300, rows: PAGE_1_ROWS, ruled }),
    makeTablePage(1, { ...landscape, top: 150, rows: PAGE_2_ROWS, ruled }),
  ];
}

function expectTasks(result: ReturnType<typeof parseDocument>): void {
  expect(result.tasks.map((t) => [t.group.code, t.code])).toEqual([
    ['I', '1.1'],
    ['I', '1.2'],
    ['II', '2.1'],
  ]);
  const [a, b, c] = result.tasks;
  expect(a).toMatchObject({
    group: { code: 'I', title: 'NHÓM 1: PHÁT TRIỂN HẠ TẦNG SỐ' },
    title: 'Nâng cấp hạ tầng Trung tâm dữ liệu tỉnh',
    content: 'Đầu tư, nâng cấp hạ tầng CNTT đáp ứng mô hình 2 cấp.',
    leads: ['Sở Khoa học và Công nghệ'],
    partners: ['Các sở, ban, ngành', 'Công an tỉnh'],
    collaboratorRole: 'Tư vấn, cung cấp các giải pháp',
    period: { text: '2026-2029', from: 2026, to: 2029, recurring: false },
  });
  expect(b).toMatchObject({
    title: 'Nâng cấp mạng WAN',
    // The row continued on page 2 (empty STT under the repeated header).
    content: 'Triển khai các giải pháp bảo mật (Firewall, NAC, giám sát tập trung).',
    leads: ['Sở KH&CN'],
    partners: ['Sở Tài chính', 'Sở Nội vụ', 'Công an tỉnh'],
    collaboratorRole: 'Khảo sát, tư vấn',
    period: { text: '2026 - 2027', from: 2026, to: 2027, recurring: false },
  });
  expect(b.provenance.map((p) => p.page)).toEqual([0, 1]);
  expect(b.provenance.every((p) => p.bbox && p.bbox[2] > p.bbox[0])).toBe(true);
  expect(c).toMatchObject({
    group: { code: 'II', title: 'NHÓM 2: BẢO ĐẢM AN TOÀN THÔNG TIN MẠNG' },
    code: '2.1',
    title: 'Xây dựng Trung tâm SOC',
    content: 'Giám sát an toàn thông tin mạng toàn tỉnh',
    leads: ['Công an tỉnh'],
    partners: ['Sở KH&CN'],
    collaboratorRole: 'Tư vấn, cung cấp',
    period: { text: 'Thường xuyên, hằng năm', from: null, to: null, recurring: true },
  });
  for (const t of result.tasks) expect(t.confidence).toBeCloseTo(0.9, 2);
}

describe('reconstructTable', () => {
  it('builds the ruled grid with the spanning group cell', () => {
    const table = reconstructTable(pages(true)[0]);
    expect(table.method).toBe('ruled');
    expect(table.columns).toBe(7);
    expect(table.rows).toHaveLength(4);
    const group = table.rows[1].cells;
    expect(group.map((c) => [c.col, c.span, c.text])).toEqual([
      [0, 1, 'I'],
      [1, 6, 'NHÓM 1: PHÁT TRIỂN HẠ TẦNG SỐ'],
    ]);
    expect(table.rows[2].cells[5].lines).toEqual(['Tư vấn, cung cấp', 'các giải pháp']);
    expect(table.rows[0].cells[5].text).toBe('Vai trò hợp tác của Viettel');
  });

  it('ruled pages -> tasks, repeated header skipped, continuation across the page break', () => {
    const result = parseDocument({ pages: pages(true) });
    expectTasks(result);
    expect(result.warnings.filter((w) => w.startsWith('page'))).toEqual([]);
  });

  it('the same table without rulings (born-digital text layer) -> the same tasks', () => {
    const bare = pages(false).map((p) => ({ ...p, source: 'text-layer' as const }));
    expect(reconstructTable(bare[0]).method).toBe('borderless');
    const result = parseDocument({ pages: bare });
    expectTasks(result);
  });

  it('borderless cells centred vertically (the STT sits mid-row) still make the same tasks', () => {
    const centred = [
      makeTablePage(0, { ...landscape, top: 300, rows: PAGE_1_ROWS, ruled: false, middle: true }),
      makeTablePage(1, { ...landscape, top: 150, rows: PAGE_2_ROWS, ruled: false, middle: true }),
    ].map((p) => ({ ...p, source: 'text-layer' as const }));
    expectTasks(parseDocument({ pages: centred }));
  });

  it('a borderless page without a repeated header keeps the columns of the page before; page numbers stay out', () => {
    const pageNumber = (n: string): OcrWord => ({ text: n, bbox: [1640, 2450, 1660, 2472], confidence: 95 });
    const runningHead = (n: string): OcrWord => ({ text: n, bbox: [1640, 40, 1660, 62], confidence: 95 });
    const noHeader = [
      makeTablePage(0, { ...landscape, top: 300, rows: PAGE_1_ROWS, ruled: false, extraWords: [pageNumber('7')] }),
      makeTablePage(1, { ...landscape, top: 150, rows: PAGE_2_ROWS.slice(1), ruled: false, extraWords: [runningHead('8'), pageNumber('8')] }),
    ];
    expectTasks(parseDocument({ pages: noHeader }));
  });

  it('portrait page, rulings with a missing vertical segment only inside the spanning cell', () => {
    const edges = [80, 160, 520, 900, 1150, 1400, 1700, 1900];
    const page = makeTablePage(0, { width: 2000, height: 2800, edges, top: 400, rows: PAGE_1_ROWS, ruled: true });
    const table = reconstructTable(page);
    expect(table.method).toBe('ruled');
    expect(table.rows[1].cells[1].span).toBe(6);
  });

  it('a row cut by the page break (no closing ruling) is still read', () => {
    const ruled = [
      makeTablePage(0, { ...landscape, top: 300, rows: PAGE_1_ROWS, ruled: true, openBottom: true }),
      makeTablePage(1, { ...landscape, top: 150, rows: PAGE_2_ROWS, ruled: true }),
    ];
    expect(reconstructTable(ruled[0]).rows).toHaveLength(4);
    expectTasks(parseDocument({ pages: ruled }));
  });

  it('two rows merged by a ruling lost on the scan are cut apart at the second number', () => {
    const lost = [
      makeTablePage(0, { ...landscape, top: 300, rows: PAGE_1_ROWS, ruled: true, lostRuling: 2 }),
      makeTablePage(1, { ...landscape, top: 150, rows: PAGE_2_ROWS, ruled: true }),
    ];
    expect(reconstructTable(lost[0]).rows).toHaveLength(4);
    expectTasks(parseDocument({ pages: lost }));
  });

  it('reads OCR look-alikes in numbers: "l.2" is 1.2, a lone "I" in a full row is 1, "Il" heading is II', () => {
    const rows: CellSpec[][] = [
      HEADER,
      [{ lines: ['Il'] }, { lines: ['NHÓM HAI'], span: 6 }],
      [{ lines: ['I'] }, { lines: ['Việc một'] }, { lines: ['Nội dung'] }, { lines: ['Sở Y tế'] }, { lines: ['Sở Tài chính'] }, { lines: ['Tư vấn'] }, { lines: ['2026'] }],
      [{ lines: ['l.2'] }, { lines: ['Việc hai'] }, { lines: ['Nội dung'] }, { lines: ['Sở Y tế'] }, { lines: ['Sở Tài chính'] }, { lines: ['Tư vấn'] }, { lines: ['2027'] }],
    ];
    const result = parseDocument({ pages: [makeTablePage(0, { ...landscape, top: 300, rows, ruled: true })] });
    expect(result.tasks.map((t) => [t.group.code, t.group.title, t.code, t.title])).toEqual([
      ['II', 'NHÓM HAI', '1', 'Việc một'],
      ['II', 'NHÓM HAI', '1.2', 'Việc hai'],
    ]);
  });

  it('a page without a table gives no rows', () => {
    const page = makeTablePage(0, { ...landscape, top: 300, rows: [], ruled: false });
    page.blocks[0].lines[0].words = [{ text: 'Kính', bbox: [100, 100, 160, 122], confidence: 95 }];
    expect(reconstructTable(page).method).toBe('none');
  });
});
