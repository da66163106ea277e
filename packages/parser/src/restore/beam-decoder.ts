import type { LanguageModel } from './language-model.js';
import { BOS, EOS } from './lm-units.js';

/** One position of a sequence: candidate LM ids and their (weighted) channel log10 scores. */
export interface Slot {
  lm: Int32Array;
  channel: Float64Array;
}


/** Scratch buffers reused across calls: the decoder runs per sequence, thousands of times per document. */
class Scratch {
  best = new Float64Array(256);
  bestBack = new Int32Array(256);
  order: number[] = [];
  history = new Int32Array(4096);
  grow(size: number, historySize: number): void {
    if (this.best.length < size) {
      this.best = new Float64Array(size * 2);
      this.bestBack = new Int32Array(size * 2);
    }
    if (this.history.length < historySize) this.history = new Int32Array(historySize * 2);
  }
}
const scratch = new Scratch();

/**
 * Viterbi over trigram states (candidate at i-1, candidate at i) with beam pruning. Returns the chosen
 * candidate index of every slot. The sequence is wrapped in <s> ... </s>.
 */
export function decodeSlots(lm: LanguageModel, slots: Slot[], lmWeight: number, beam: number, beamGap: number): Int32Array {
  const n = slots.length;
  const choice = new Int32Array(n);
  if (n === 0) return choice;
  // history[(i * beam + j) * 2] = candidate of state j at step i, [+1] = its back pointer.
  scratch.grow(0, n * beam * 2);
  const history = scratch.history;
  let stU = new Int32Array(beam);
  let stV = new Int32Array(beam);
  let stScore = new Float64Array(beam);
  let stCand = new Int32Array(beam);
  let nU = new Int32Array(beam);
  let nV = new Int32Array(beam);
  let nScore = new Float64Array(beam);
  let nCand = new Int32Array(beam);
  let count = 1;
  stU[0] = -1;
  stV[0] = BOS;
  stScore[0] = 0;
  stCand[0] = 0;
  let prevK = 1;
  const memoV = new Int32Array(beam);
  const vIndex = new Int32Array(beam);
  let bigramMemo = new Float64Array(beam * 16);
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    const K = slot.lm.length;
    const size = prevK * K;
    scratch.grow(size, 0);
    const best = scratch.best;
    const bestBack = scratch.bestBack;
    best.fill(-Infinity, 0, size);
    // States share their last word: P(w | v) is memoised per (v, candidate) for this step, and the
    // trigram table is only probed for histories that have trigram continuations.
    let distinct = 0;
    for (let s = 0; s < count; s++) {
      let j = 0;
      while (j < distinct && memoV[j] !== stV[s]) j++;
      if (j === distinct) memoV[distinct++] = stV[s];
      vIndex[s] = j;
    }
    if (bigramMemo.length < distinct * K) bigramMemo = new Float64Array(distinct * K * 2);
    bigramMemo.fill(NaN, 0, distinct * K);
    for (let s = 0; s < count; s++) {
      const base = stScore[s];
      const u = stU[s];
      const v = stV[s];
      const row = stCand[s] * K;
      const history = lm.historySlot(u, v);
      const backoff = lm.backoffAt(history);
      const hasTrigrams = lm.hasTrigramsAt(history);
      const memoRow = vIndex[s] * K;
      for (let c = 0; c < K; c++) {
        const w = slot.lm[c];
        let p = hasTrigrams ? lm.storedTrigram(u, v, w) : NaN;
        if (p !== p) {
          let b = bigramMemo[memoRow + c];
          if (b !== b) b = bigramMemo[memoRow + c] = lm.bigram(v, w);
          p = backoff + b;
        }
        const score = base + lmWeight * p + slot.channel[c];
        if (score > best[row + c]) {
          best[row + c] = score;
          bestBack[row + c] = s;
        }
      }
    }
    let top = -Infinity;
    for (let k = 0; k < size; k++) if (best[k] > top) top = best[k];
    // Top `beam` states by insertion into a short sorted list (no comparator sort in the hot loop).
    const order = scratch.order;
    order.length = 0;
    const floor = top - beamGap;
    for (let k = 0; k < size; k++) {
      const score = best[k];
      if (score <= floor) continue;
      if (order.length === beam && score <= best[order[beam - 1]]) continue;
      let j = order.length < beam ? order.length : beam - 1;
      while (j > 0 && best[order[j - 1]] < score) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = k;
    }
    for (let j = 0; j < order.length; j++) {
      const k = order[j];
      const s = bestBack[k];
      const c = k % K;
      nU[j] = stV[s];
      nV[j] = slot.lm[c];
      nScore[j] = best[k];
      nCand[j] = c;
      history[(i * beam + j) * 2] = c;
      history[(i * beam + j) * 2 + 1] = s;
    }
    count = order.length;
    [stU, nU] = [nU, stU];
    [stV, nV] = [nV, stV];
    [stScore, nScore] = [nScore, stScore];
    [stCand, nCand] = [nCand, stCand];
    prevK = K;
  }
  let state = 0;
  let bestFinal = -Infinity;
  for (let s = 0; s < count; s++) {
    const score = stScore[s] + lmWeight * lm.trigram(stU[s], stV[s], EOS);
    if (score > bestFinal) {
      bestFinal = score;
      state = s;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    choice[i] = history[(i * beam + state) * 2];
    state = history[(i * beam + state) * 2 + 1];
  }
  return choice;
}

/**
 * Log10 score of every candidate of slot i with the rest of the path fixed: its channel score plus the
 * three trigrams it takes part in (left and right context).
 */
export function localScores(lm: LanguageModel, slots: Slot[], choice: Int32Array, i: number, lmWeight: number): Float64Array {
  const idAt = (j: number): number => (j < 0 ? (j === -1 ? BOS : -1) : j >= slots.length ? (j === slots.length ? EOS : -1) : slots[j].lm[choice[j]]);
  const p2 = idAt(i - 2);
  const p1 = idAt(i - 1);
  const n1 = idAt(i + 1);
  const n2 = idAt(i + 2);
  const slot = slots[i];
  const out = new Float64Array(slot.lm.length);
  for (let c = 0; c < slot.lm.length; c++) {
    const w = slot.lm[c];
    let s = lm.trigram(p2, p1, w);
    if (n1 >= 0) s += lm.trigram(p1, w, n1);
    if (n2 >= 0) s += lm.trigram(w, n1, n2);
    out[c] = lmWeight * s + slot.channel[c];
  }
  return out;
}
