import { readLm, type LmHeader } from './lm-format.js';
import { ID_SCALE, UNK } from './lm-units.js';

const CACHE_MASK = (1 << 16) - 1;

function hashIds(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b) ^ Math.imul(c + 0x165667b1, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

function filterBit(hash: number): number {
  return Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) >>> 8;
}

/**
 * Open-addressing table from packed n-gram key to its values, key and values interleaved in one
 * Float64Array so a probe touches one cache line (this is the hot loop of the decoder).
 */
class NgramTable {
  readonly data: Float64Array;
  readonly stride: number;
  readonly mask: number;
  constructor(count: number, width: number) {
    let size = 1;
    while (size < count * 2) size <<= 1;
    this.stride = width + 1;
    this.data = new Float64Array(size * this.stride).fill(-1);
    this.mask = size - 1;
  }
  /** Returns the offset of the slot's first value. */
  insert(hash: number, key: number): number {
    let s = hash & this.mask;
    while (this.data[s * this.stride] !== -1) s = (s + 1) & this.mask;
    this.data[s * this.stride] = key;
    return s * this.stride + 1;
  }
  /** Offset of the first value of `key`, or -1. */
  find(hash: number, key: number): number {
    const data = this.data;
    const stride = this.stride;
    let s = hash & this.mask;
    for (;;) {
      const k = data[s * stride];
      if (k === key) return s * stride + 1;
      if (k === -1) return -1;
      s = (s + 1) & this.mask;
    }
  }
}

/** A loaded syllable trigram model: log10 P(w | u v) in backoff form, O(1) hash lookups. */
export class LanguageModel {
  readonly vocab: string[];
  readonly header: LmHeader;
  private readonly ids: Map<string, number>;
  private readonly uniProb: Float32Array;
  private readonly uniBackoff: Float32Array;
  private readonly bi: NgramTable;
  private readonly tri: NgramTable;
  /**
   * One bit per trigram hash (2^24 bits, 2 MB, small enough to stay in the CPU cache): most trigrams the
   * decoder asks for are not stored, and this answers "no" without touching the 30 MB table.
   */
  private readonly triFilter = new Int32Array(1 << 19);
  private readonly cacheKeys = new Float64Array(CACHE_MASK + 1).fill(-1);
  private readonly cacheValues = new Float32Array(CACHE_MASK + 1);

  constructor(file: Uint8Array) {
    const { header, arrays } = readLm(file);
    this.header = header;
    this.vocab = arrays.vocab;
    this.ids = new Map(arrays.vocab.map((w, i) => [w, i]));
    this.uniProb = arrays.uniProb;
    this.uniBackoff = arrays.uniBackoff;
    // Bigram slots hold [log10 prob, log10 backoff, 1 if some trigram continues this history].
    this.bi = new NgramTable(arrays.biKeys.length, 3);
    for (let i = 0; i < arrays.biKeys.length; i++) {
      const key = arrays.biKeys[i];
      const v = Math.floor(key / ID_SCALE);
      const o = this.bi.insert(hashIds(0, v, key - v * ID_SCALE), key);
      this.bi.data[o] = arrays.biProb[i];
      this.bi.data[o + 1] = arrays.biBackoff[i];
    }
    this.tri = new NgramTable(arrays.triKeys.length, 1);
    const sq = ID_SCALE * ID_SCALE;
    let lastHistory = -1;
    for (let i = 0; i < arrays.triKeys.length; i++) {
      const key = arrays.triKeys[i];
      const u = Math.floor(key / sq);
      const rest = key - u * sq;
      const v = Math.floor(rest / ID_SCALE);
      const hash = hashIds(u, v, rest - v * ID_SCALE);
      const o = this.tri.insert(hash, key);
      this.tri.data[o] = arrays.triProb[i];
      const bit = filterBit(hash);
      this.triFilter[bit >>> 5] |= 1 << (bit & 31);
      // Keys are sorted, so the trigrams of one history are consecutive: flag it once.
      const history = u * ID_SCALE + v;
      if (history !== lastHistory) {
        lastHistory = history;
        const h = this.bi.find(hashIds(0, u, v), history);
        if (h >= 0) this.bi.data[h + 2] = 1;
      }
    }
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

  /** log10 P(w | v), v < 0 meaning no history. */
  bigram(v: number, w: number): number {
    if (v < 0) return this.uniProb[w];
    const s = this.bi.find(hashIds(0, v, w), v * ID_SCALE + w);
    if (s >= 0) return this.bi.data[s];
    return this.uniBackoff[v] + this.uniProb[w];
  }

  /** log10 P(w | u v) if the trigram is stored, else NaN (the decoder then combines the parts itself). */
  storedTrigram(u: number, v: number, w: number): number {
    const hash = hashIds(u, v, w);
    const bit = filterBit(hash);
    if ((this.triFilter[bit >>> 5] & (1 << (bit & 31))) === 0) return NaN;
    const s = this.tri.find(hash, (u * ID_SCALE + v) * ID_SCALE + w);
    return s >= 0 ? this.tri.data[s] : NaN;
  }

  /**
   * The history (u, v) for a run of lookups (its bigram slot, -1 if none): its log10 backoff weight
   * and whether any trigram continues it (if none, the trigram table need not be probed at all).
   */
  historySlot(u: number, v: number): number {
    return u < 0 ? -1 : this.bi.find(hashIds(0, u, v), u * ID_SCALE + v);
  }

  backoffAt(historySlot: number): number {
    return historySlot < 0 ? 0 : this.bi.data[historySlot + 1];
  }

  hasTrigramsAt(historySlot: number): boolean {
    return historySlot >= 0 && this.bi.data[historySlot + 2] === 1;
  }

  /** log10 P(w | u v); u < 0 falls back to the bigram. */
  trigram(u: number, v: number, w: number): number {
    if (u < 0) return this.bigram(v, w);
    const key = (u * ID_SCALE + v) * ID_SCALE + w;
    const hash = hashIds(u, v, w);
    // Text repeats its phrases and the beam revisits the same trigrams: a small direct-mapped cache
    // that stays in the CPU cache answers most lookups without touching the big tables.
    const c = hash & CACHE_MASK;
    if (this.cacheKeys[c] === key) return this.cacheValues[c];
    const value = this.computeTrigram(u, v, w, key, hash);
    this.cacheKeys[c] = key;
    this.cacheValues[c] = value;
    return value;
  }

  private computeTrigram(u: number, v: number, w: number, key: number, hash: number): number {
    const s = this.tri.find(hash, key);
    if (s >= 0) return this.tri.data[s];
    const h = this.bi.find(hashIds(0, u, v), u * ID_SCALE + v);
    const backoff = h >= 0 ? this.bi.data[h + 1] : 0;
    return backoff + this.bigram(v, w);
  }
}
