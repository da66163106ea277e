import { findPacked, type LanguageModel } from './language-model.js';
import { LmScoreMemo } from './lm-score-memo.js';
import { BOS, EOS } from './lm-units.js';

/** One position of a sequence: candidate LM ids and their (weighted) channel log10 scores. */
export interface Slot {
  lm: Int32Array;
  channel: Float64Array;
  /** Id of a candidate list that recurs (one per token type), whose LM scores are memoised; -1 if none. */
  listId: number;
}

let listIds = 0;

/** A slot for a candidate list the caller reuses for every occurrence of its token. */
export function reusableSlot(lm: Int32Array, channel: Float64Array): Slot {
  return { lm, channel, listId: listIds++ };
}

/** A slot used once. */
export function oneOffSlot(lm: Int32Array, channel: Float64Array): Slot {
  return { lm, channel, listId: -1 };
}

/**
 * Scratch buffers reused across calls: the decoder runs per sequence, thousands of times per document.
 * Every buffer is allocated twice in the constructor: V8 folds a field that was only ever stored once
 * into optimised code as a constant, and the first regrowth mid-document then threw away the decoder's
 * compiled code (about 100 ms of compiling, each time, on a first pass of one second).
 */
class Scratch {
  // Beam states, current and next (see decodeSlots).
  stU = new Int32Array(0);
  stV = new Int32Array(0);
  stH = new Int32Array(0);
  stScore = new Float64Array(0);
  stCand = new Int32Array(0);
  nU = new Int32Array(0);
  nV = new Int32Array(0);
  nH = new Int32Array(0);
  nScore = new Float64Array(0);
  nCand = new Int32Array(0);
  at = new Int32Array(0);
  best = new Float64Array(0);
  bestBack = new Int32Array(0);
  order = new Int32Array(0);
  history = new Int32Array(0);
  scores = new Float64Array(0);
  scores32 = new Int32Array(0);
  constructor() {
    this.allocateBeam(8);
    // Room for sequences of 5,000 tokens: growing (a rare path) also costs a recompile.
    this.allocate(256, 1 << 16);
  }
  growBeam(beam: number): void {
    if (this.stU.length < beam) this.allocateBeam(beam);
  }
  grow(size: number, historySize: number): void {
    if (this.best.length < size || this.history.length < historySize) this.allocate(Math.max(size * 2, this.best.length), Math.max(historySize * 2, this.history.length));
  }
  private allocateBeam(beam: number): void {
    [this.stU, this.stV, this.stH, this.stCand, this.nU, this.nV, this.nH, this.nCand, this.at, this.order] = Array.from({ length: 10 }, () => new Int32Array(beam));
    this.stScore = new Float64Array(beam);
    this.nScore = new Float64Array(beam);
  }
  private allocate(size: number, historySize: number): void {
    if (this.best.length !== size) {
      this.best = new Float64Array(size);
      this.bestBack = new Int32Array(size);
      this.scores = new Float64Array(size * 2);
      this.scores32 = new Int32Array(this.scores.buffer);
    }
    if (this.history.length !== historySize) this.history = new Int32Array(historySize);
  }
}
const scratch = new Scratch();
const memos = new WeakMap<LanguageModel, LmScoreMemo>();
/** The end of sentence as a one-candidate slot, so P(</s> | u v) is memoised like any other score. */
const endSlots = new WeakMap<LanguageModel, Slot>();

/**
 * LM scores of K candidates after one history, as doubles at `at`: K log10 probabilities, then (as
 * int32 in the same memory, from double at + K) the bigram index of (last history word, candidate),
 * -1 if not stored: the history the next step needs if that candidate is chosen. The scoring loop
 * reads K contiguous doubles (one cache line for most lists), and only winners read their index.
 */
export function entrySize(K: number): number {
  return K + ((K + 1) >> 1);
}

/** Writes backoff + log10 P(w | v) and the bigram index of (v, w) of every candidate w into the entry at `at`. */
function writeBigramScores(lm: LanguageModel, v: number, cands: Int32Array, backoff: number, out: Float64Array, out32: Int32Array, at: number): void {
  const { biStart, biPacked, probTable, uniProb, uniBackoff } = lm;
  const lo = biStart[v];
  const hi = biStart[v + 1];
  const K = cands.length;
  const indices = 2 * (at + K);
  for (let c = 0; c < K; c++) {
    const w = cands[c];
    const j = findPacked(biPacked, lo, hi, w);
    out[at + c] = backoff + (j >= 0 ? probTable[biPacked[j] & 255] : uniBackoff[v] + uniProb[w]);
    out32[indices + c] = j;
  }
}

/** Turns backed-off scores of the entry at `at` into log10 P(w | u v) where the trigram (history h, w) is stored. */
function applyTrigrams(lm: LanguageModel, h: number, cands: Int32Array, out: Float64Array, at: number): void {
  const { triStart, triPacked, probTable } = lm;
  const lo = triStart[h];
  const hi = triStart[h + 1];
  if (lo === hi) return;
  for (let c = 0; c < cands.length; c++) {
    const t = findPacked(triPacked, lo, hi, cands[c]);
    if (t >= 0) out[at + c] = probTable[triPacked[t] & 255];
  }
}

/**
 * Offset in `memo.arena` of the entry (see entrySize) of the slot's candidates after history (u, v),
 * h being the bigram index of (u, v) or -1 (no history, or not stored: the bigram alone counts).
 */
function memoisedScores(memo: LmScoreMemo, lm: LanguageModel, slot: Slot, h: number, v: number): number {
  // History keys: the bigram index of (u, v), or past all bigrams, v alone.
  const key = h >= 0 ? h : lm.biPacked.length + v;
  const found = memo.find(slot.listId, key);
  if (found >= 0) return found;
  const at = memo.insert(slot.listId, key, entrySize(slot.lm.length));
  writeBigramScores(lm, v, slot.lm, h >= 0 ? lm.biBackoff[h] : 0, memo.arena, memo.arena32, at);
  if (h >= 0) applyTrigrams(lm, h, slot.lm, memo.arena, at);
  return at;
}

// The decoder's per-model state is made outside it: code that runs once per model, inside the
// decoder, made its optimised code bail out (never-run code has no type feedback) and recompile.
function memoOf(lm: LanguageModel): LmScoreMemo {
  let memo = memos.get(lm);
  if (!memo) {
    memo = new LmScoreMemo(lm.biPacked.length + lm.size);
    memos.set(lm, memo);
  }
  return memo;
}

function endSlotOf(lm: LanguageModel): Slot {
  let slot = endSlots.get(lm);
  if (!slot) {
    slot = reusableSlot(Int32Array.of(EOS), Float64Array.of(0));
    endSlots.set(lm, slot);
  }
  return slot;
}

/**
 * Viterbi over trigram states (candidate at i-1, candidate at i) with beam pruning. Returns the chosen
 * candidate index of every slot. The sequence is wrapped in <s> ... </s>.
 */
export function decodeSlots(lm: LanguageModel, slots: Slot[], lmWeight: number, beam: number, beamGap: number): Int32Array {
  const n = slots.length;
  const choice = new Int32Array(n);
  if (n === 0) return choice;
  const memo = memoOf(lm);
  memo.trim();
  // history[(i * beam + j) * 2] = candidate of state j at step i, [+1] = its back pointer.
  scratch.grow(0, n * beam * 2);
  const history = scratch.history;
  // A state: the words (u, v) of its history, the bigram index of (u, v) (-1 if none), its score,
  // its candidate index, and where its LM scores for the current step were written.
  scratch.growBeam(beam);
  let { stU, stV, stH, stScore, stCand, nU, nV, nH, nScore, nCand } = scratch;
  const at = scratch.at;
  let count = 1;
  stU[0] = -1;
  stV[0] = BOS;
  stH[0] = -1;
  stScore[0] = 0;
  stCand[0] = 0;
  let prevK = 1;
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    const cands = slot.lm;
    const channel = slot.channel;
    const K = cands.length;
    const size = prevK * K;
    scratch.grow(Math.max(size, count * K), 0);
    const best = scratch.best;
    const bestBack = scratch.bestBack;
    best.fill(-Infinity, 0, size);
    // Candidate lists of recurring tokens meet the same histories again and again: their scores come
    // from the memo; others are looked up into scratch space, one run per state.
    const memoised = slot.listId >= 0;
    for (let s = 0; s < count; s++) {
      const h = stH[s];
      if (memoised) at[s] = memoisedScores(memo, lm, slot, h, stV[s]);
      else {
        at[s] = s * entrySize(K);
        writeBigramScores(lm, stV[s], cands, h < 0 ? 0 : lm.biBackoff[h], scratch.scores, scratch.scores32, at[s]);
        if (h >= 0) applyTrigrams(lm, h, cands, scratch.scores, at[s]);
      }
    }
    const lmScores = memoised ? memo.arena : scratch.scores;
    const nextHistory = memoised ? memo.arena32 : scratch.scores32;
    let top = -Infinity;
    for (let s = 0; s < count; s++) {
      const base = stScore[s];
      const row = stCand[s] * K;
      const from = at[s];
      for (let c = 0; c < K; c++) {
        const score = base + lmWeight * lmScores[from + c] + channel[c];
        if (score > best[row + c]) {
          best[row + c] = score;
          bestBack[row + c] = s;
          if (score > top) top = score;
        }
      }
    }
    // Top `beam` states by insertion into a short sorted list (no comparator sort in the hot loop).
    const order = scratch.order;
    let kept = 0;
    const floor = top - beamGap;
    for (let k = 0; k < size; k++) {
      const score = best[k];
      if (score <= floor) continue;
      if (kept === beam && score <= best[order[beam - 1]]) continue;
      let j = kept < beam ? kept++ : beam - 1;
      while (j > 0 && best[order[j - 1]] < score) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = k;
    }
    for (let j = 0; j < kept; j++) {
      const k = order[j];
      const s = bestBack[k];
      const c = k % K;
      nU[j] = stV[s];
      nV[j] = cands[c];
      nH[j] = nextHistory[2 * (at[s] + K) + c];
      nScore[j] = best[k];
      nCand[j] = c;
      history[(i * beam + j) * 2] = c;
      history[(i * beam + j) * 2 + 1] = s;
    }
    count = kept;
    // Swapped by hand: destructuring swaps run the array iterator until the loop is optimised.
    let swap = stU;
    stU = nU;
    nU = swap;
    swap = stV;
    stV = nV;
    nV = swap;
    swap = stH;
    stH = nH;
    nH = swap;
    swap = stCand;
    stCand = nCand;
    nCand = swap;
    const swapScore = stScore;
    stScore = nScore;
    nScore = swapScore;
    prevK = K;
  }
  let state = 0;
  let bestFinal = -Infinity;
  const eos = endSlotOf(lm);
  for (let s = 0; s < count; s++) at[s] = memoisedScores(memo, lm, eos, stH[s], stV[s]);
  for (let s = 0; s < count; s++) {
    const score = stScore[s] + lmWeight * memo.arena[at[s]];
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
