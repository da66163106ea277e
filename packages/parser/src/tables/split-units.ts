import { cleanCellText, foldWords } from './cell-text.js';

/** First words of a unit name: a line starting with one of these may be a new unit. */
const UNIT_HEADS = [
  'so', 'ban', 'van phong', 'ubnd', 'uy ban', 'hdnd', 'cong an', 'bo chi huy', 'trung tam', 'phong', 'cac',
  'tap doan', 'bo', 'tinh uy', 'huyen uy', 'thanh uy', 'dang uy', 'chi cuc', 'cuc', 'tong cong ty', 'cong ty',
  'truong', 'vien', 'benh vien', 'hoi', 'doan', 'lien doan', 'mat tran', 'bao', 'dai', 'kho bac', 'ngan hang',
  'chi nhanh', 'viettel', 'vnpt', 'buu dien', 'thanh tra', 'toa an', 'vien kiem sat', 'quy', 'ban quan ly',
  'bao hiem', 'tinh doan', 'doan thanh nien', 'lien minh', 'hop tac xa', 'doanh nghiep', 'mobifone', 'fpt', 'bo doi',
  'bo chi huy', 'nha may', 'nha xuat ban', 'hoc vien', 'uy ban', 'ubmttq', 'tap the',
];
/** Words a wrapped unit name cannot end on (the name continues on the next line). */
const OPEN_ENDINGS = new Set([
  'so', 'ban', 'phong', 'van', 'trung', 'tam', 'uy', 'cong', 'bo', 'cac', 'va', 'cua', 'chi', 'tap', 'doan', 'tong',
  'dich', 'khoa', 'nha', 'ubnd', 'hdnd', 'phuc', 'voi', 'thuoc', 'truc',
]);

function startsWithUnitHead(line: string): boolean {
  const f = foldWords(line);
  return UNIT_HEADS.some((h) => f === h || f.startsWith(h + ' '));
}

function endsOpen(line: string): boolean {
  if (/[,&\-–(/]\s*$/u.test(line)) return true;
  const words = foldWords(line).split(' ');
  return OPEN_ENDINGS.has(words[words.length - 1] ?? '');
}

/**
 * Regroups the printed lines of a unit cell into one string per unit: a line starts a new unit when it
 * begins with a bullet, or with a unit word ("Sở", "UBND", "Công an", ...) while the line above is a
 * complete name (not ending on "và", "Văn phòng", a comma...). Other lines are wrapped text and join
 * the line above with a space. Semicolons still split afterwards.
 */
export function unitLinesToText(lines: readonly string[]): string {
  const kept = lines.map((l) => cleanCellText(l)).filter((l) => l.length > 0);
  if (kept.length <= 1) return kept.join(' ');
  const units: string[] = [];
  for (const line of kept) {
    const prev = units[units.length - 1];
    const bullet = /^[-+•–]\s*/u.test(line);
    const starts = prev === undefined || bullet || /;\s*$/u.test(prev) || (startsWithUnitHead(line) && !endsOpen(prev));
    if (starts) units.push(line);
    else units[units.length - 1] = `${prev} ${line}`;
  }
  return units.join('; ');
}

/** "A; B; C." -> ["A", "B", "C"]; leading bullets and trailing punctuation dropped; empty items gone. */
export function splitUnits(text: string): string[] {
  return cleanCellText(text)
    .split(/\s*;\s*/u)
    .map((u) => u.replace(/^[-+•–]\s*/u, '').replace(/[\s.,;:]+$/u, '').trim())
    .filter((u) => u.length > 0);
}
