import { BOS, ID_SCALE } from '../../packages/parser/src/restore/lm-units.js';
import type { LmArrays } from '../../packages/parser/src/restore/lm-format.js';
import { findKey, type MergedCounts } from './count-ngrams.js';

export interface KneserNeyOptions {
  vocab: string[];
  bigrams: MergedCounts;
  trigrams: MergedCounts;
  /** Weight of one smoothing-corpus (Wikipedia) occurrence relative to one in-domain occurrence. */
  wikiWeight: number;
  /** Keep a trigram only if its weighted count reaches this. */
  minTrigramCount: number;
  /** Keep a bigram only if its weighted KN count reaches this (or it is the history of a kept trigram). */
  minBigramCount: number;
}

interface Discounts {
  d1: number;
  d2: number;
  d3: number;
}

/** Modified Kneser-Ney discounts (Chen & Goodman) from the counts-of-counts of integer counts. */
function estimateDiscounts(values: Float64Array): Discounts {
  const n = [0, 0, 0, 0, 0];
  for (const v of values) if (v >= 1 && v <= 4 && Number.isInteger(v)) n[v]++;
  const y = n[1] / (n[1] + 2 * n[2]);
  const clamp = (d: number, max: number): number => (Number.isFinite(d) ? Math.min(Math.max(d, 0.05), max) : 0.5);
  return { d1: clamp(1 - 2 * y * (n[2] / n[1]), 1), d2: clamp(2 - 3 * y * (n[3] / n[2]), 2), d3: clamp(3 - 4 * y * (n[4] / n[3]), 3) };
}

function discount(c: number, d: Discounts): number {
  if (c >= 3) return d.d3;
  if (c >= 2) return d.d2;
  if (c >= 1) return d.d1;
  return c * d.d1;
}

/**
 * Interpolated modified Kneser-Ney over syllable trigrams, stored in backoff form: every kept n-gram
 * carries its full interpolated log10 probability and every history its log10 interpolation weight.
 * In-domain and smoothing counts are mixed as c = domain + wikiWeight * wiki; for continuation counts an
 * n-gram type seen only in the smoothing corpus counts wikiWeight instead of 1.
 */
export function buildKneserNey(opts: KneserNeyOptions): { arrays: LmArrays; stats: Record<string, number> } {
  const { vocab, bigrams, trigrams, wikiWeight: w } = opts;
  const V = vocab.length;
  const S2 = ID_SCALE;
  const S3 = ID_SCALE * ID_SCALE;

  // Bigram-level KN counts: continuation counts N1+(. b c), except after <s> where raw counts are used.
  const biCount = new Float64Array(bigrams.keys.length);
  for (let i = 0; i < bigrams.keys.length; i++) {
    if (Math.floor(bigrams.keys[i] / S2) === BOS) biCount[i] = bigrams.domain[i] + w * bigrams.wiki[i];
  }
  const triCount = new Float64Array(trigrams.keys.length);
  for (let i = 0; i < trigrams.keys.length; i++) {
    const key = trigrams.keys[i];
    triCount[i] = trigrams.domain[i] + w * trigrams.wiki[i];
    const type = trigrams.domain[i] > 0 ? 1 : w;
    const j = findKey(bigrams.keys, key % S3);
    if (j >= 0 && Math.floor(bigrams.keys[j] / S2) !== BOS) biCount[j] += type;
  }
  // Unigram-level KN counts: N1+(. c) over bigram types.
  const uniCount = new Float64Array(V);
  for (let i = 0; i < bigrams.keys.length; i++) {
    const type = bigrams.domain[i] > 0 ? 1 : w;
    uniCount[bigrams.keys[i] % S2] += type;
  }

  const d1 = estimateDiscounts(uniCount);
  const d2 = estimateDiscounts(biCount);
  const domainOnlyTri = new Float64Array(trigrams.keys.length);
  for (let i = 0; i < trigrams.keys.length; i++) domainOnlyTri[i] = trigrams.wiki[i] === 0 ? trigrams.domain[i] : 0;
  const d3 = estimateDiscounts(domainOnlyTri);

  // Unigrams, interpolated with the uniform distribution.
  let uniTotal = 0;
  let uniDiscounted = 0;
  for (let i = 0; i < V; i++) {
    if (i === BOS) continue;
    uniTotal += uniCount[i];
    uniDiscounted += Math.min(discount(uniCount[i], d1), uniCount[i]);
  }
  const uniProbLinear = new Float64Array(V);
  const uniformShare = uniDiscounted / uniTotal / V;
  for (let i = 0; i < V; i++) {
    uniProbLinear[i] = i === BOS ? 0 : Math.max(uniCount[i] - discount(uniCount[i], d1), 0) / uniTotal + uniformShare;
  }

  // Bigrams: groups by history b are contiguous in the sorted keys.
  const uniBackoffLinear = new Float64Array(V).fill(1);
  const biProbLinear = new Float64Array(bigrams.keys.length);
  for (let start = 0; start < bigrams.keys.length; ) {
    const h = Math.floor(bigrams.keys[start] / S2);
    let end = start;
    let total = 0;
    let discounted = 0;
    while (end < bigrams.keys.length && Math.floor(bigrams.keys[end] / S2) === h) {
      total += biCount[end];
      discounted += Math.min(discount(biCount[end], d2), biCount[end]);
      end++;
    }
    const gamma = total > 0 ? discounted / total : 1;
    uniBackoffLinear[h] = gamma;
    for (let i = start; i < end; i++) {
      const c = bigrams.keys[i] % S2;
      const alpha = total > 0 ? Math.max(biCount[i] - discount(biCount[i], d2), 0) / total : 0;
      biProbLinear[i] = alpha + gamma * uniProbLinear[c];
    }
    start = end;
  }

  // Trigrams: groups by history (a, b) are contiguous.
  const biBackoffLinear = new Float64Array(bigrams.keys.length).fill(1);
  const triProbLinear = new Float64Array(trigrams.keys.length);
  const keepTri = new Uint8Array(trigrams.keys.length);
  const keepBi = new Uint8Array(bigrams.keys.length);
  for (let start = 0; start < trigrams.keys.length; ) {
    const h = Math.floor(trigrams.keys[start] / S2);
    let end = start;
    let total = 0;
    let discounted = 0;
    while (end < trigrams.keys.length && Math.floor(trigrams.keys[end] / S2) === h) {
      total += triCount[end];
      discounted += Math.min(discount(triCount[end], d3), triCount[end]);
      end++;
    }
    const gamma = discounted / total;
    const hi = findKey(bigrams.keys, h);
    if (hi >= 0) biBackoffLinear[hi] = gamma;
    const b = h % S2;
    for (let i = start; i < end; i++) {
      const c = trigrams.keys[i] % S2;
      const bi = findKey(bigrams.keys, b * S2 + c);
      const lower = bi >= 0 ? biProbLinear[bi] : uniBackoffLinear[b] * uniProbLinear[c];
      triProbLinear[i] = Math.max(triCount[i] - discount(triCount[i], d3), 0) / total + gamma * lower;
      if (triCount[i] >= opts.minTrigramCount && hi >= 0) {
        keepTri[i] = 1;
        keepBi[hi] = 1;
      }
    }
    start = end;
  }
  for (let i = 0; i < bigrams.keys.length; i++) if (biCount[i] >= opts.minBigramCount) keepBi[i] = 1;

  const pick = (keys: Float64Array, keep: Uint8Array, values: Float64Array[]): [Float64Array, ...Float32Array[]] => {
    let n = 0;
    for (const k of keep) n += k;
    const outKeys = new Float64Array(n);
    const outValues = values.map(() => new Float32Array(n));
    let j = 0;
    for (let i = 0; i < keys.length; i++) {
      if (!keep[i]) continue;
      outKeys[j] = keys[i];
      values.forEach((v, vi) => (outValues[vi][j] = Math.log10(v[i])));
      j++;
    }
    return [outKeys, ...outValues];
  };
  const [biKeys, biProb, biBackoff] = pick(bigrams.keys, keepBi, [biProbLinear, biBackoffLinear]);
  const [triKeys, triProb] = pick(trigrams.keys, keepTri, [triProbLinear]);
  const uniProb = new Float32Array(V);
  const uniBackoff = new Float32Array(V);
  for (let i = 0; i < V; i++) {
    uniProb[i] = i === BOS ? -99 : Math.log10(uniProbLinear[i]);
    uniBackoff[i] = Math.log10(uniBackoffLinear[i]);
  }
  return {
    arrays: { vocab, uniProb, uniBackoff, biKeys, biProb, biBackoff, triKeys, triProb },
    stats: {
      bigramTypes: bigrams.keys.length,
      trigramTypes: trigrams.keys.length,
      keptBigrams: biKeys.length,
      keptTrigrams: triKeys.length,
      discountsUni: d1.d1,
      discountsBi: d2.d1,
      discountsTri: d3.d1,
    },
  };
}
