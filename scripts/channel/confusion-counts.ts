import type { Segment } from './align-chars.js';

/** Longest OCR substring one truth unit may become in the model (the decoder's candidate window). */
export const MAX_OCR_LEN = 3;

/**
 * Counts of truth unit -> OCR substring over aligned lines, one engine. Unigram units count every truth
 * character; bigram units count every adjacent pair, so for both P(ocr | truth) = count / truthCount
 * sums to 1 before pruning. Only bigrams that show joint errors (both characters misread, e.g.
 * "rn" -> "m") are worth shipping; the rest are products of two unigram events.
 */
export class ConfusionCounts {
  readonly pairs = new Map<string, Map<string, number>>();
  readonly truthCounts = new Map<string, number>();
  readonly jointErrors = new Map<string, number>();
  chars = 0;
  errors = 0;

  private add(truth: string, ocr: string): void {
    this.truthCounts.set(truth, (this.truthCounts.get(truth) ?? 0) + 1);
    if (Array.from(ocr).length > MAX_OCR_LEN) return;
    let row = this.pairs.get(truth);
    if (row === undefined) this.pairs.set(truth, (row = new Map()));
    row.set(ocr, (row.get(ocr) ?? 0) + 1);
  }

  addLine(segments: Segment[]): void {
    for (let i = 0; i < segments.length; i++) {
      const a = segments[i];
      this.chars++;
      if (a.truth !== a.ocr) this.errors++;
      this.add(a.truth, a.ocr);
      const b = segments[i + 1];
      if (b === undefined) continue;
      const bigram = a.truth + b.truth;
      this.add(bigram, a.ocr + b.ocr);
      if (a.truth !== a.ocr && b.truth !== b.ocr) this.jointErrors.set(bigram, (this.jointErrors.get(bigram) ?? 0) + 1);
    }
  }

  /** The shipped form: pairs with count >= minCount, bigram rows only where joint errors recur. */
  toModel(minCount: number): { pairs: [string, string, number][]; truthCounts: Record<string, number> } {
    const pairs: [string, string, number][] = [];
    const truthCounts: Record<string, number> = {};
    const truths = [...this.pairs.keys()].sort();
    for (const truth of truths) {
      const isBigram = Array.from(truth).length === 2;
      if (isBigram && (this.jointErrors.get(truth) ?? 0) < minCount) continue;
      const row = [...this.pairs.get(truth)!.entries()].filter(([, c]) => c >= minCount).sort((x, y) => y[1] - x[1]);
      if (row.length === 0) continue;
      truthCounts[truth] = this.truthCounts.get(truth)!;
      for (const [ocr, c] of row) pairs.push([truth, ocr, c]);
    }
    return { pairs, truthCounts };
  }

  private splitsIntoUnigrams(bigram: string, ocr: string): boolean {
    const [t0, t1] = Array.from(bigram);
    const o = Array.from(ocr);
    for (let k = 0; k <= o.length; k++) {
      const a = o.slice(0, k).join('');
      const b = o.slice(k).join('');
      if ((this.pairs.get(t0)?.get(a) ?? 0) > 0 && (this.pairs.get(t1)?.get(b) ?? 0) > 0) return true;
    }
    return false;
  }

  /** Most frequent non-identity unigram-or-joint events, for the model card. */
  topConfusions(limit: number): { truth: string; ocr: string; count: number; p: number }[] {
    const out: { truth: string; ocr: string; count: number; p: number }[] = [];
    for (const [truth, row] of this.pairs) {
      const isBigram = Array.from(truth).length === 2;
      for (const [ocr, count] of row) {
        if (ocr === truth) continue;
        // A bigram event that splits into two seen unigram events is not a confusion of its own.
        if (isBigram && this.splitsIntoUnigrams(truth, ocr)) continue;
        out.push({ truth, ocr, count, p: count / this.truthCounts.get(truth)! });
      }
    }
    return out.sort((a, b) => b.count - a.count).slice(0, limit);
  }
}
