/**
 * Abbreviations that Vietnamese plans use inside unit names ("Sở KH&CN", "VP UBND tỉnh"). They are
 * expanded before a name is folded, so every spelling of one unit gets one key. Seeded into the
 * `unit_aliases` table by migration 2; rows added there later are honoured by the next store opened.
 *
 * `caseSensitive` guards short abbreviations that are also ordinary syllables once accents are gone
 * ("ca", "vp"): they only count when printed in capitals.
 */
export interface UnitAlias {
  alias: string;
  expansion: string;
  caseSensitive: boolean;
}

export const DEFAULT_UNIT_ALIASES: readonly UnitAlias[] = [
  { alias: 'KH&CN', expansion: 'Khoa học và Công nghệ', caseSensitive: false },
  { alias: 'KHCN', expansion: 'Khoa học và Công nghệ', caseSensitive: false },
  { alias: 'KH-CN', expansion: 'Khoa học và Công nghệ', caseSensitive: false },
  { alias: 'GD&ĐT', expansion: 'Giáo dục và Đào tạo', caseSensitive: false },
  { alias: 'GDĐT', expansion: 'Giáo dục và Đào tạo', caseSensitive: false },
  { alias: 'TN&MT', expansion: 'Tài nguyên và Môi trường', caseSensitive: false },
  { alias: 'TNMT', expansion: 'Tài nguyên và Môi trường', caseSensitive: false },
  { alias: 'NN&PTNT', expansion: 'Nông nghiệp và Phát triển nông thôn', caseSensitive: false },
  { alias: 'NNPTNT', expansion: 'Nông nghiệp và Phát triển nông thôn', caseSensitive: false },
  { alias: 'TT&TT', expansion: 'Thông tin và Truyền thông', caseSensitive: false },
  { alias: 'TTTT', expansion: 'Thông tin và Truyền thông', caseSensitive: false },
  { alias: 'VH-TT&DL', expansion: 'Văn hóa, Thể thao và Du lịch', caseSensitive: false },
  { alias: 'VH,TT&DL', expansion: 'Văn hóa, Thể thao và Du lịch', caseSensitive: false },
  { alias: 'VHTTDL', expansion: 'Văn hóa, Thể thao và Du lịch', caseSensitive: false },
  { alias: 'UBND', expansion: 'Ủy ban nhân dân', caseSensitive: false },
  { alias: 'HĐND', expansion: 'Hội đồng nhân dân', caseSensitive: false },
  { alias: 'VP', expansion: 'Văn phòng', caseSensitive: true },
  { alias: 'CA', expansion: 'Công an', caseSensitive: true },
];
