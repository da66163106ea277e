import { baseLetter } from './align-chars.js';

/** Lowercase, diacritics-free, alphanumeric-only skeleton: what survives even the eng model's garbling. */
export function skeleton(line: string): string {
  return baseLetter(line.toLowerCase()).replace(/[^a-z0-9]/g, '');
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const curr = [i];
    for (let j = 1; j <= b.length; j++) {
      curr[j] = Math.min(prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j] + 1, curr[j - 1] + 1);
    }
    prev = curr;
  }
  return prev[b.length];
}

/** 1 - normalized edit distance of the skeletons; 0 for unrelated lines, 1 for identical skeletons. */
export function lineSimilarity(truth: string, ocr: string): number {
  const a = skeleton(truth);
  const b = skeleton(ocr);
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  return 1 - levenshtein(a, b) / longest;
}

export interface LinePair {
  truthIndex: number;
  ocrIndex: number;
  similarity: number;
}

/**
 * Monotone alignment of truth lines with OCR lines (Needleman-Wunsch maximising total similarity, free
 * gaps), keeping pairs at or above `minSimilarity`. OCR lines that are noise (page specks, a split line)
 * stay unpaired instead of shifting every later pair.
 */
export function alignLines(truthLines: string[], ocrLines: string[], minSimilarity = 0.5): LinePair[] {
  const n = truthLines.length;
  const m = ocrLines.length;
  const sim: number[][] = truthLines.map((t) => ocrLines.map((o) => lineSimilarity(t, o)));
  const score: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const s = sim[i - 1][j - 1];
      const pair = s >= minSimilarity ? score[i - 1][j - 1] + s : -Infinity;
      score[i][j] = Math.max(pair, score[i - 1][j], score[i][j - 1]);
    }
  }
  const pairs: LinePair[] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const s = sim[i - 1][j - 1];
    if (s >= minSimilarity && score[i][j] === score[i - 1][j - 1] + s) {
      pairs.push({ truthIndex: i - 1, ocrIndex: j - 1, similarity: s });
      i--;
      j--;
    } else if (score[i][j] === score[i - 1][j]) i--;
    else j--;
  }
  return pairs.reverse();
}
