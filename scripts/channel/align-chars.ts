/**
 * Character-level alignment of a truth line with its OCR reading, and its reduction to "segments":
 * every truth character owns the OCR substring it became (possibly empty, possibly several characters),
 * so one-to-many confusions ("ư" -> "ir", "ủ" -> "ti") and deletions fall out of one backtrace.
 */

export interface AlignOp {
  /** truth character, or null for an OCR insertion */
  t: string | null;
  /** OCR character, or null for a deletion */
  o: string | null;
}

/** Base letter of a Vietnamese character ("ệ" -> "e", "đ" -> "d"), for cheaper look-alike substitutions. */
export function baseLetter(ch: string): string {
  return ch.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

// A substitution between characters with the same base letter costs less than an unrelated one, so the
// backtrace pairs "ế" with "é" rather than with a neighbour when both would cost the same.
function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  return baseLetter(a).toLowerCase() === baseLetter(b).toLowerCase() ? 0.6 : 1;
}

/** Levenshtein alignment over code points with backtrace. Ties prefer substitution, then insertion. */
export function alignChars(truth: string, ocr: string): AlignOp[] {
  const t = Array.from(truth);
  const o = Array.from(ocr);
  const n = t.length;
  const m = o.length;
  const w = m + 1;
  const cost = new Float64Array((n + 1) * w);
  for (let j = 0; j <= m; j++) cost[j] = j;
  for (let i = 1; i <= n; i++) {
    cost[i * w] = i;
    for (let j = 1; j <= m; j++) {
      const sub = cost[(i - 1) * w + j - 1] + substitutionCost(t[i - 1], o[j - 1]);
      const del = cost[(i - 1) * w + j] + 1;
      const ins = cost[i * w + j - 1] + 1;
      cost[i * w + j] = Math.min(sub, del, ins);
    }
  }
  const ops: AlignOp[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = cost[i * w + j];
    if (i > 0 && j > 0 && Math.abs(here - (cost[(i - 1) * w + j - 1] + substitutionCost(t[i - 1], o[j - 1]))) < 1e-9) {
      ops.push({ t: t[i - 1], o: o[j - 1] });
      i--;
      j--;
    } else if (j > 0 && Math.abs(here - (cost[i * w + j - 1] + 1)) < 1e-9) {
      ops.push({ t: null, o: o[j - 1] });
      j--;
    } else {
      ops.push({ t: t[i - 1], o: null });
      i--;
    }
  }
  return ops.reverse();
}

export interface Segment {
  truth: string;
  ocr: string;
}

/**
 * One segment per truth character. OCR insertions attach to the neighbouring truth character that was
 * itself misread (previous first, then next); between two correct characters they attach to the
 * previous one. This turns "ư"->"i" + inserted "r" into the single event "ư"->"ir".
 * Insertions before the first or after the last truth character are dropped when that character was
 * read correctly or when a space separates them from it: on a noisy page they are specks and margin
 * marks read as ":" or "-", not misreadings.
 */
export function toSegments(ops: AlignOp[]): Segment[] {
  const segments: Segment[] = [];
  const isError = (s: Segment | undefined): boolean => s !== undefined && s.truth !== s.ocr;
  let pending = '';
  // Collect insertions between truth characters, then decide where they go once the next truth
  // character's fate is known.
  for (const op of ops) {
    if (op.t === null) {
      pending += op.o ?? '';
      continue;
    }
    const seg: Segment = { truth: op.t, ocr: op.o ?? '' };
    if (pending !== '' && segments.length === 0) {
      if (isError(seg)) seg.ocr = pending.replace(/^.*\s/su, '') + seg.ocr;
      pending = '';
    }
    if (pending !== '') {
      const prev = segments[segments.length - 1];
      if (isError(prev) || !isError(seg)) prev.ocr += pending;
      else seg.ocr = pending + seg.ocr;
      pending = '';
    }
    segments.push(seg);
  }
  const last = segments[segments.length - 1];
  if (pending !== '' && isError(last)) last.ocr += pending.replace(/\s.*$/su, '');
  return segments;
}
