import { readLmQuantised, type LmHeader } from './lm-format.js';
import { ID_SCALE, UNK } from './lm-units.js';

/**
 * Index of word `w` in the sorted run `packed[lo, hi)` of `word << 8 | code` entries, or -1. Runs are
 * short (4 trigrams per history on average): binary search narrows long ones, a scan finishes.
 */
export function findPacked(packed: Int32Array, lo: number, hi: number, w: number): number {
  const first = w << 8;
  while (hi - lo > 8) {
    const mid = (lo + hi) >>> 1;
    if (packed[mid] < first) lo = mid + 1;
    else hi = mid + 1;
  }
  for (; lo < hi; lo++) {
    const x = packed[lo];
    if (x >= first) return x < first + 256 ? lo : -1;
  }
  return -1;
}

/**
 * A loaded syllable trigram model: log10 P(w | u v) in backoff form, in compressed-row arrays of int32
 * (about 9 MB for 0.5 M bigrams and 1 M trigrams). The bigrams of word v are a sorted run, and so are
 * the trigrams of each bigram history; each entry packs the word id with its 8-bit quantised log10
 * probability (the model file's own precision), so a lookup reads one int. Small enough to stay in the
 * CPU cache, which the decoder's millions of lookups per second depend on (hash tables of doubles took
 * 66 MB and were slower).
 */
export class LanguageModel {
  readonly vocab: string[];
  readonly header: LmHeader;
  private readonly ids: Map<string, number>;
  readonly uniProb: Float32Array;
  readonly uniBackoff: Float32Array;
  /** log10 value of each 8-bit probability code. */
  readonly probTable: Float32Array;
  /** Bigrams (v, w) of word v sit at biStart[v] .. biStart[v + 1] - 1, sorted by w. */
  readonly biStart: Int32Array;
  /** w << 8 | probability code. */
  readonly biPacked: Int32Array;
  /** log10 backoff weight of each bigram as a trigram history. */
  readonly biBackoff: Float32Array;
  /** Trigrams (u, v, w) continuing bigram i = (u, v) sit at triStart[i] .. triStart[i + 1] - 1, sorted by w. */
  readonly triStart: Int32Array;
  /** w << 8 | probability code. */
  readonly triPacked: Int32Array;

  constructor(file: Uint8Array) {
    const q = readLmQuantised(file);
    this.header = q.header;
    this.vocab = q.vocab;
    this.ids = new Map(q.vocab.map((w, i) => [w, i]));
    this.probTable = q.probTable;
    this.uniProb = Float32Array.from(q.uniProb, (c) => q.probTable[c]);
    this.uniBackoff = Float32Array.from(q.uniBackoff, (c) => q.backoffTable[c]);
    this.biBackoff = Float32Array.from(q.biBackoff, (c) => q.backoffTable[c]);
    const size = q.vocab.length;
    const n2 = q.biKeys.length;
    const n3 = q.triKeys.length;
    // Keys are sorted (u, v, w) numbers, so rows come out in order: count per row, then prefix sums.
    this.biStart = new Int32Array(size + 1);
    this.biPacked = new Int32Array(n2);
    for (let i = 0; i < n2; i++) {
      const key = q.biKeys[i];
      const v = Math.floor(key / ID_SCALE);
      this.biStart[v + 1]++;
      this.biPacked[i] = ((key - v * ID_SCALE) << 8) | q.biProb[i];
    }
    for (let v = 0; v < size; v++) this.biStart[v + 1] += this.biStart[v];
    this.triStart = new Int32Array(n2 + 1);
    this.triPacked = new Int32Array(n3);
    let b = 0;
    for (let i = 0; i < n3; i++) {
      const key = q.triKeys[i];
      const history = Math.floor(key / ID_SCALE);
      while (b < n2 && q.biKeys[b] < history) b++;
      // Pruning keeps the history bigram of every kept trigram (scripts/lm/kneser-ney.ts).
      if (q.biKeys[b] !== history) throw new Error(`language model is malformed: trigram ${key} has no history bigram`);
      this.triStart[b + 1]++;
      this.triPacked[i] = ((key - history * ID_SCALE) << 8) | q.triProb[i];
    }
    for (let i = 0; i < n2; i++) this.triStart[i + 1] += this.triStart[i];
  }

  get size(): number {
    return this.vocab.length;
  }

  id(form: string): number {
    return this.ids.get(form) ?? UNK;
  }

  has(form: string): boolean {
    return this.ids.has(form);
  }

  unigram(w: number): number {
    return this.uniProb[w];
  }

  /** Index of the bigram (v, w), -1 if not stored or v < 0 (no history). */
  bigramIndex(v: number, w: number): number {
    return v < 0 ? -1 : findPacked(this.biPacked, this.biStart[v], this.biStart[v + 1], w);
  }

  /** log10 P(w | v), v < 0 meaning no history. */
  bigram(v: number, w: number): number {
    if (v < 0) return this.uniProb[w];
    const i = findPacked(this.biPacked, this.biStart[v], this.biStart[v + 1], w);
    if (i >= 0) return this.probTable[this.biPacked[i] & 255];
    return this.uniBackoff[v] + this.uniProb[w];
  }

  /** log10 P(w | u v); u < 0 falls back to the bigram. */
  trigram(u: number, v: number, w: number): number {
    if (u < 0) return this.bigram(v, w);
    const h = this.bigramIndex(u, v);
    if (h < 0) return this.bigram(v, w);
    const t = findPacked(this.triPacked, this.triStart[h], this.triStart[h + 1], w);
    if (t >= 0) return this.probTable[this.triPacked[t] & 255];
    return this.biBackoff[h] + this.bigram(v, w);
  }
}
