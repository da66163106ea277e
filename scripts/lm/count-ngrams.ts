import { BOS, EOS, ID_SCALE } from '../../packages/parser/src/restore/lm-units.js';

export interface NgramCounts {
  keys: Float64Array;
  counts: Float64Array;
}

/**
 * Counts the bigrams or trigrams of a token stream (lines wrapped in <s> ... </s>) by sorting packed
 * keys and run-length counting: no hash map, so tens of millions of n-grams stay in typed arrays.
 */
export function countNgrams(stream: Uint32Array, order: 2 | 3): NgramCounts {
  const keys = new Float64Array(stream.length);
  let n = 0;
  for (let i = order - 1; i < stream.length; i++) {
    const c = stream[i];
    const b = stream[i - 1];
    if (c === BOS || b === EOS) continue;
    if (order === 2) {
      keys[n++] = b * ID_SCALE + c;
      continue;
    }
    const a = stream[i - 2];
    if (b === BOS || a === EOS) continue;
    keys[n++] = (a * ID_SCALE + b) * ID_SCALE + c;
  }
  const sorted = keys.subarray(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const outKeys = new Float64Array(distinct);
  const outCounts = new Float64Array(distinct);
  let j = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) outKeys[++j] = sorted[i];
    outCounts[j]++;
  }
  return { keys: outKeys, counts: outCounts };
}

export interface MergedCounts {
  keys: Float64Array;
  domain: Float64Array;
  wiki: Float64Array;
}

/** Merges the sorted counts of the in-domain and the smoothing corpus into one sorted table. */
export function mergeCounts(a: NgramCounts, b: NgramCounts): MergedCounts {
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.keys.length || j < b.keys.length) {
    if (j >= b.keys.length || (i < a.keys.length && a.keys[i] < b.keys[j])) i++;
    else if (i >= a.keys.length || b.keys[j] < a.keys[i]) j++;
    else {
      i++;
      j++;
    }
    n++;
  }
  const keys = new Float64Array(n);
  const domain = new Float64Array(n);
  const wiki = new Float64Array(n);
  i = 0;
  j = 0;
  let k = 0;
  while (i < a.keys.length || j < b.keys.length) {
    if (j >= b.keys.length || (i < a.keys.length && a.keys[i] < b.keys[j])) {
      keys[k] = a.keys[i];
      domain[k] = a.counts[i++];
    } else if (i >= a.keys.length || b.keys[j] < a.keys[i]) {
      keys[k] = b.keys[j];
      wiki[k] = b.counts[j++];
    } else {
      keys[k] = a.keys[i];
      domain[k] = a.counts[i++];
      wiki[k] = b.counts[j++];
    }
    k++;
  }
  return { keys, domain, wiki };
}

/** Index of `key` in a sorted array, or -1. */
export function findKey(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = keys[mid];
    if (v < key) lo = mid + 1;
    else if (v > key) hi = mid - 1;
    else return mid;
  }
  return -1;
}
