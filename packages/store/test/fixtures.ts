import { createHash } from 'node:crypto';
import type { DocumentResult, Task } from '@sohoa/core';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function task(overrides: Partial<Task> & Pick<Task, 'code' | 'title'>): Task {
  return {
    group: { code: 'I', title: 'PHÁT TRIỂN HẠ TẦNG SỐ' },
    content: '',
    leads: [],
    partners: [],
    collaboratorRole: 'Tư vấn, cung cấp các giải pháp triển khai thực hiện',
    period: { text: '2025-2030', from: 2025, to: 2030, recurring: false },
    provenance: [{ page: 0, bbox: [10, 20, 300, 60] }],
    confidence: 0.9,
    ...overrides,
  };
}

/** Plan 1125/KH-UBND in miniature: the units, groups and periods the filters are tested on. */
export function planTasks(): Task[] {
  return [
    task({
      code: '1',
      title: 'Nâng cấp hạ tầng Trung tâm tích hợp dữ liệu tại Văn phòng UBND tỉnh',
      content: 'Đầu tư, nâng cấp hạ tầng CNTT đáp ứng mô hình 2 cấp.',
      leads: ['Trung tâm Điều hành thông tin tỉnh'],
      partners: ['Trung tâm Phục vụ hành chính công tỉnh', 'Ban Tiếp công dân'],
    }),
    task({
      code: '2',
      title: 'Bảo đảm an toàn thông tin, an ninh mạng cho hệ thống chính quyền số',
      content: 'Giám sát an ninh mạng (SOC), "diễn tập" ứng cứu sự cố,\nkiểm tra định kỳ.',
      leads: ['Sở KH&CN'],
      partners: ['Công an tỉnh', 'VP UBND tỉnh'],
      period: { text: '2025-2026', from: 2025, to: 2026, recurring: false },
      provenance: [{ page: 1 }],
    }),
    task({
      group: { code: 'II', title: 'NHÓM 2: CHÍNH QUYỀN SỐ' },
      code: '1',
      title: 'Xây dựng, nâng cấp các cơ sở dữ liệu (CSDL) chuyên ngành',
      content: 'Các phần mềm quản lý chuyên ngành theo hướng dẫn Bộ ngành dọc.',
      leads: ['Sở Khoa học và Công nghệ'],
      partners: ['Sở GD&ĐT', 'UBND các xã, phường'],
      period: { text: '2027', from: 2027, to: 2027, recurring: false },
      provenance: [{ page: 1 }, { page: 2 }],
      confidence: 0.75,
    }),
    task({
      group: { code: 'III', title: 'HOÀN THIỆN THỂ CHẾ VÀ PHÁT TRIỂN NGUỒN NHÂN LỰC SỐ' },
      code: '1',
      title: 'Tổ chức các lớp đào tạo, hướng dẫn kỹ năng số',
      content: 'Tổ chức các khoá đào tạo, tập huấn về kỹ năng số cho cán bộ, công chức',
      leads: ['Sở Giáo dục và Đào tạo', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ'],
      partners: ['Phòng Hành chính - Tổ chức'],
      period: { text: 'Thường xuyên', from: null, to: null, recurring: true },
      provenance: [{ page: 2 }],
      confidence: 0.6,
    }),
  ];
}

export function makeDocument(name: string, tasks: Task[] = planTasks(), pipelineVersion = '0.1.0'): DocumentResult {
  const pages = [
    { index: 0, source: 'ocr' as const, dpi: 300, skewDeg: 0.4, meanConfidence: 0.91, text: `${name}\nKẾ HOẠCH triển khai` },
    { index: 1, source: 'ocr' as const, dpi: 300, skewDeg: -0.2, meanConfidence: 0.88, text: 'Bảng nhiệm vụ' },
    { index: 2, source: 'text-layer' as const, dpi: null, skewDeg: null, meanConfidence: null, text: 'Nơi nhận' },
  ];
  return {
    id: sha256(name),
    source: { path: `inbox/${name}.pdf`, bytes: 123_456, pages: pages.length, kind: 'scanned' },
    metadata: {
      number: '1125/KH-UBND',
      issuer: 'Ủy ban nhân dân tỉnh Quảng Trị',
      date: '2025-09-25',
      place: 'Quảng Trị',
      title: 'Triển khai Thỏa thuận hợp tác về Chuyển đổi số tỉnh Quảng Trị giai đoạn 2025-2030',
      signer: 'Hoàng Nam',
    },
    pages,
    text: pages.map((p) => p.text).join('\f'),
    tasks,
    warnings: ['page 3: table continues without a header'],
    pipelineVersion,
  };
}

/** `count` simple tasks, for pagination and benchmarks. */
export function manyTasks(count: number, seed = 0): Task[] {
  const units = ['Sở KH&CN', 'Sở Tài chính', 'Công an tỉnh', 'UBND các huyện', 'Sở TN&MT', 'Văn phòng UBND tỉnh'];
  return Array.from({ length: count }, (_, i) =>
    task({
      group: { code: ['I', 'II', 'III', 'IV'][i % 4], title: ['HẠ TẦNG SỐ', 'CHÍNH QUYỀN SỐ', 'KINH TẾ SỐ', 'XÃ HỘI SỐ'][i % 4] },
      code: String(i + 1),
      title: `Nhiệm vụ số ${seed}-${i + 1}: triển khai nền tảng ${i % 7 === 0 ? 'an ninh mạng' : 'dữ liệu số'}`,
      content: `Nội dung chính của nhiệm vụ ${i + 1}, phối hợp các đơn vị liên quan.`,
      leads: [units[i % units.length]],
      partners: [units[(i + 2) % units.length], units[(i + 3) % units.length]],
      period: i % 5 === 0 ? { text: 'Thường xuyên', from: null, to: null, recurring: true } : { text: `${2025 + (i % 3)}-2030`, from: 2025 + (i % 3), to: 2030, recurring: false },
      provenance: [{ page: i % 10 }],
    }),
  );
}
