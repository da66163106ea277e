/**
 * Text metrics for OCR and restoration evals: CER, WER, order-free word overlap, similarity.
 * Inputs are compared after `normalizeForEval` (NFC, whitespace collapsed) so layout differences
 * (line wraps, double spaces) do not count as errors; only the characters and words do.
 */

/** NFC, every run of whitespace (including form feeds and line breaks) -> one space, trimmed. */
export function normalizeForEval(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Levenshtein distance between two sequences of small integers (two rows, O(n*m) time, O(m) memory). */
export function editDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev = new Int32Array(m + 1);
  let curr = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    curr[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= m; j++) {
      const substitution = prev[j - 1] + (ai === b[j - 1] ? 0 : 1);
      const deletion = prev[j] + 1;
      const insertion = curr[j - 1] + 1;
      curr[j] = substitution < deletion ? (substitution < insertion ? substitution : insertion) : deletion < insertion ? deletion : insertion;
    }
    const swap = prev;
    prev = curr;
    curr = swap;
  }
  return prev[m];
}

/** Code points, so a precomposed Vietnamese letter ("ệ") is one character, as a reader counts it. */
function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

export function words(s: string): string[] {
  const n = normalizeForEval(s);
  return n === '' ? [] : n.split(' ');
}

/** Map words to integers so word-level edit distance reuses the numeric Levenshtein. */
function wordIds(aWords: string[], bWords: string[]): [number[], number[]] {
  const ids = new Map<string, number>();
  const id = (w: string): number => {
    let v = ids.get(w);
    if (v === undefined) {
      v = ids.size;
      ids.set(w, v);
    }
    return v;
  };
  return [aWords.map(id), bWords.map(id)];
}

export interface ErrorCounts {
  /** Edit operations (insertions, deletions, substitutions) turning the reference into the hypothesis. */
  edits: number;
  /** Reference length in the same unit (code points or words). */
  length: number;
}

/** Raw counts behind CER/WER, so rates can be pooled over many pages (sum of edits / sum of lengths). */
export function errorCounts(ref: string, hyp: string, unit: 'char' | 'word'): ErrorCounts {
  if (unit === 'char') {
    const r = codePoints(normalizeForEval(ref));
    return { edits: editDistance(r, codePoints(normalizeForEval(hyp))), length: r.length };
  }
  const [r, h] = wordIds(words(ref), words(hyp));
  return { edits: editDistance(r, h), length: r.length };
}

/** Character error rate: edits / reference length. Empty reference: 0 if hypothesis empty, else 1. */
export function cer(ref: string, hyp: string): number {
  const r = codePoints(normalizeForEval(ref));
  const h = codePoints(normalizeForEval(hyp));
  if (r.length === 0) return h.length === 0 ? 0 : 1;
  return editDistance(r, h) / r.length;
}

/** Word error rate: word edits / reference word count. Empty reference: 0 if hypothesis empty, else 1. */
export function wer(ref: string, hyp: string): number {
  const [r, h] = wordIds(words(ref), words(hyp));
  if (r.length === 0) return h.length === 0 ? 0 : 1;
  return editDistance(r, h) / r.length;
}

export interface OverlapScore {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Order-free word overlap (bag of words, multiset intersection). Used for table pages, where the
 * reading order of cells differs legitimately between OCR engines and the truth.
 */
export function wordOverlap(ref: string, hyp: string): OverlapScore {
  const r = words(ref);
  const h = words(hyp);
  if (r.length === 0 && h.length === 0) return { precision: 1, recall: 1, f1: 1 };
  if (r.length === 0 || h.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const counts = new Map<string, number>();
  for (const w of r) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of h) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  const precision = common / h.length;
  const recall = common / r.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function wordOverlapF1(ref: string, hyp: string): number {
  return wordOverlap(ref, hyp).f1;
}

/** 1 - edit distance / longer length, over normalised code points: 1 = identical, 0 = nothing shared. */
export function similarity(a: string, b: string): number {
  const x = codePoints(normalizeForEval(a));
  const y = codePoints(normalizeForEval(b));
  const longer = Math.max(x.length, y.length);
  if (longer === 0) return 1;
  return 1 - editDistance(x, y) / longer;
}

export interface DiffSpan {
  /** Reference words replaced or deleted (empty for an insertion). */
  ref: string;
  /** Hypothesis words put in their place (empty for a deletion). */
  hyp: string;
}

/**
 * Where two texts differ, word by word: runs of consecutive edits on the cheapest alignment, for
 * reading what an OCR engine got wrong ("Quảng" -> "Quáng"). Memory is O(n*m) words: fine for a page.
 */
export function wordDiff(ref: string, hyp: string): DiffSpan[] {
  const rw = words(ref);
  const hw = words(hyp);
  const [r, h] = wordIds(rw, hw);
  const n = r.length;
  const m = h.length;
  const d = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => i * (m + 1) + j;
  for (let i = 0; i <= n; i++) d[at(i, 0)] = i;
  for (let j = 0; j <= m; j++) d[at(0, j)] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      d[at(i, j)] = Math.min(d[at(i - 1, j - 1)] + (r[i - 1] === h[j - 1] ? 0 : 1), d[at(i - 1, j)] + 1, d[at(i, j - 1)] + 1);
    }
  }
  const spans: DiffSpan[] = [];
  let refRun: string[] = [];
  let hypRun: string[] = [];
  const flush = (): void => {
    if (refRun.length || hypRun.length) spans.push({ ref: refRun.reverse().join(' '), hyp: hypRun.reverse().join(' ') });
    refRun = [];
    hypRun = [];
  };
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && r[i - 1] === h[j - 1] && d[at(i, j)] === d[at(i - 1, j - 1)]) {
      flush();
      i--;
      j--;
    } else if (i > 0 && j > 0 && d[at(i, j)] === d[at(i - 1, j - 1)] + 1) {
      refRun.push(rw[i - 1]);
      hypRun.push(hw[j - 1]);
      i--;
      j--;
    } else if (i > 0 && d[at(i, j)] === d[at(i - 1, j)] + 1) {
      refRun.push(rw[i - 1]);
      i--;
    } else {
      hypRun.push(hw[j - 1]);
      j--;
    }
  }
  flush();
  return spans.reverse();
}
