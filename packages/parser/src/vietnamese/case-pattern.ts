export type CasePattern = 'lower' | 'upper' | 'title' | 'mixed' | 'none';

/** Case shape of a word: "cac" lower, "CAC" upper, "Cac" title, "iPhone" mixed, "123" none. */
export function casePatternOf(word: string): CasePattern {
  const cased = [...word].filter((c) => c.toLowerCase() !== c.toUpperCase());
  if (cased.length === 0) return 'none';
  const isUpper = (c: string) => c === c.toUpperCase();
  if (cased.every(isUpper)) return cased.length === 1 && [...word].length > 1 && !isUpper(word[0]) ? 'mixed' : 'upper';
  if (cased.every((c) => !isUpper(c))) return 'lower';
  if (isUpper(cased[0]) && cased.slice(1).every((c) => !isUpper(c)) && cased[0] === [...word][0]) return 'title';
  return 'mixed';
}

/**
 * Gives `target` the case shape of `source`: ("CAC", "các") -> "CÁC", ("Nhiem", "nhiệm") -> "Nhiệm".
 * Mixed shapes are copied letter by letter when both have the same length, else target is kept.
 */
export function applyCasePattern(source: string, target: string): string {
  switch (casePatternOf(source)) {
    case 'upper':
      return target.toUpperCase();
    case 'lower':
      return target.toLowerCase();
    case 'title': {
      const chars = [...target.toLowerCase()];
      return chars.length ? chars[0].toUpperCase() + chars.slice(1).join('') : target;
    }
    case 'mixed': {
      const s = [...source];
      const t = [...target];
      if (s.length !== t.length) return target;
      return t.map((c, i) => (s[i] === s[i].toUpperCase() && s[i] !== s[i].toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
    }
    default:
      return target;
  }
}
