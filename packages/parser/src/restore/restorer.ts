import { assessGarbling } from './assess-garbling.js';
import { decodeSlots, localScores, oneOffSlot, reusableSlot, type Slot } from './beam-decoder.js';
import type { CandidateIndex } from './candidate-index.js';
import { isStrippedForm, type ChannelModel } from './channel-model.js';
import { applyCasePattern, hasInnerCapital, hasIrregularCase, hasVowelMark, isAllCaps, regularCase } from './case-pattern.js';
import type { LanguageModel } from './language-model.js';
import { lmForm, NUM, UNK } from './lm-units.js';
import { restoreTokens, speckStops, splitSequences, type RestoreToken } from './restore-tokens.js';
import { skeletonOf, stripDiacritics } from './text-core.js';

export type RestoreMode = 'full' | 'post-correct';

export interface RestoreOptions {
  /**
   * 'full': text without (or with garbled) diacritics; 'post-correct': mostly right OCR, change little.
   * Left out, `assessGarbling` picks one.
   */
  mode?: RestoreMode;
  explain?: boolean;
}

export interface ExplainedToken {
  input: string;
  output: string;
  alternatives: { text: string; score: number }[];
  confidence: number;
  flagged: boolean;
}

export interface RestoreResult {
  text: string;
  /** Number of word tokens whose text changed. */
  changes: number;
  tokens?: ExplainedToken[];
}

interface Candidate {
  /** Lowercase output, or the token itself for the keep option. */
  text: string;
  lm: number;
  channel: number;
  keep: boolean;
}

interface WordSlot {
  token: number;
  candidates: Candidate[];
  fixed: boolean;
  /** The decoder's view of the candidates (built once per cached candidate list). */
  slot: Slot | undefined;
  /** Case pattern to put on the output when the token's own is OCR noise ("BỘ Chính" -> "Bộ"). */
  casing: string | undefined;
  /** The token's outputs per candidate, cached per token type (with its own casing only). */
  outputs: (string | undefined)[] | undefined;
}

// Word slots and candidates are built by these two alone, so every one has the same shape: objects
// of mixed shapes made the optimised restoreParagraph bail out and recompile several times per pass.
function wordSlotOf(
  token: number,
  fixed: boolean,
  candidates: Candidate[],
  slot?: Slot,
  casing?: string,
  outputs?: (string | undefined)[],
): WordSlot {
  return { token, candidates, fixed, slot, casing, outputs };
}

function candidateOf(text: string, lm: number, channel: number, keep: boolean): Candidate {
  return { text, lm, channel, keep };
}

// Each field takes both kinds of value it will hold (undefined and an object; a small integer and a
// fraction) before any text is restored, so the shapes settle before the optimiser sees them rather
// than changing under optimised code mid-document.
for (const channel of [0, -0.5]) candidateOf('', 0, channel, false);
wordSlotOf(0, false, [candidateOf('', 0, 0, false)], undefined, undefined, undefined);
wordSlotOf(0, false, [candidateOf('', 0, 0, false)], { lm: new Int32Array(0), channel: new Float64Array(0), listId: -1 }, '', ['']);

/** The candidates of one lowercase token under one mode, with what the decoder and output need of them. */
interface CandidateList {
  candidates: Candidate[];
  slot: Slot;
}

const NO_SCORES = Float64Array.of(0);

function toSlot(candidates: Candidate[], reused: boolean): Slot {
  const lm = new Int32Array(candidates.length);
  const channel = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    lm[i] = candidates[i].lm;
    channel[i] = candidates[i].channel;
  }
  return reused ? reusableSlot(lm, channel) : oneOffSlot(lm, channel);
}

/** Tuned on held-out text (scripts/eval-restore.ts). */
export const TUNING = {
  lmWeight: 1.2,
  beamWidth: 6,
  /** States scoring more than this (log10) below the best are dropped. */
  beamGap: 7,
  /** Mixture weight of "typed without diacritics" vs the eng OCR channel in full mode. */
  strippedShare: 0.9,
  maxCandidates: 10,
  /** Candidates whose channel score trails the best one by more than this (log10) are dropped. */
  candidateGap: 99,
  /** ... and so are those whose channel score plus unigram log-probability trails the best by more than this. */
  priorGap: 3,
  /** Keeping an unknown token (not in the vocabulary) costs this much in log10. */
  keepUnknown: -5.5,
  /** Turning a small number into a word ("13" -> "là") costs this much on top of the channel. */
  numberToWord: -2,
  /** post-correct: a valid word is only replaced when the replacement wins by this margin (log10). */
  postMargin: 1.5,
  /** Below this channel score a candidate is not worth considering. */
  channelFloor: -7,
  /** Passes of local right-context rescoring after the beam search. */
  rescoringPasses: 0,
};

/** The tuning the candidate lists depend on (part of the candidate table's fingerprint). */
export function candidateTuning(): Record<string, number> {
  const { strippedShare, maxCandidates, candidateGap, priorGap, keepUnknown, channelFloor } = TUNING;
  return { strippedShare, maxCandidates, candidateGap, priorGap, keepUnknown, channelFloor };
}

const VIETNAMESE_LIST_LETTERS = 'abcdđeghiklmnopqrstuvxy';
const ROMAN = /^[IVXLC]+$/;
const LOOKALIKE = /[\p{N}¥¢€£&@]/u;

export class Restorer {
  private readonly cache = { full: new Map<string, CandidateList>(), 'post-correct': new Map<string, CandidateList>() };
  private readonly fixedSlots = new Map<number, Slot>();
  private readonly forms = new Map<string, string>();
  private readonly traits = new Map<string, TokenTraits>();

  constructor(
    readonly lm: LanguageModel,
    readonly index: CandidateIndex,
    readonly channels: { eng: ChannelModel; vie: ChannelModel },
    /** Full-mode candidate lists of the syllable skeletons, computed at build time (candidate-table.ts). */
    private readonly candidateTable?: Map<string, [number, number, number][]>,
  ) {}

  restore(text: string, opts: RestoreOptions = {}): RestoreResult {
    const mode = opts.mode ?? (assessGarbling(text).garbled ? 'full' : 'post-correct');
    // Paragraphs (split at blank lines, which end every sequence anyway) are decoded one at a time,
    // so a long document never holds all its tokens at once.
    const parts = text.normalize('NFC').split(/(\n[ \t\r]*\n\s*)/);
    const listMarker = { last: '' };
    const out: string[] = [];
    const tokens: ExplainedToken[] = [];
    let changes = 0;
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 1) {
        out.push(parts[i]);
        continue;
      }
      for (const chunk of sentenceChunks(parts[i], CHUNK_CHARS)) {
        const part = this.restoreParagraph(chunk, mode, opts.explain === true, listMarker);
        out.push(part.text);
        changes += part.changes;
        if (part.tokens) tokens.push(...part.tokens);
      }
    }
    const result: RestoreResult = { text: out.join(''), changes };
    if (opts.explain) result.tokens = tokens;
    return result;
  }

  private restoreParagraph(text: string, mode: RestoreMode, explain: boolean, listMarker: { last: string }): RestoreResult {
    const tokens = restoreTokens(text);
    const outputs: string[] = [];
    for (let i = 0; i < tokens.length; i++) outputs.push(tokens[i].text);
    const explained: (ExplainedToken | undefined)[] = [];
    let changes = 0;
    // A speck read as a stop between two words becomes the space it hides, before the model reads the line.
    for (const i of speckStops(tokens)) {
      tokens[i] = { text: ' ', kind: 'space', start: tokens[i].start };
      outputs[i] = ' ';
      changes++;
    }
    for (const sequence of splitSequences(tokens)) {
      const slots: Slot[] = [];
      const words: (WordSlot | undefined)[] = [];
      for (let k = 0; k < sequence.length; k++) {
        const ti = sequence[k];
        const word = this.wordSlot(tokens, sequence, k, mode, listMarker);
        words.push(word);
        if (word) {
          const only = word.candidates.length === 1 ? word.candidates[0] : undefined;
          slots.push(word.slot ?? (only && only.channel === 0 ? this.fixedSlot(only.lm) : toSlot(word.candidates, false)));
        }
        else {
          const t = tokens[ti];
          slots.push(this.fixedSlot(t.kind === 'number' ? NUM : this.lm.id(t.text)));
        }
      }
      const choice = decodeSlots(this.lm, slots, TUNING.lmWeight, TUNING.beamWidth, TUNING.beamGap);
      // Right-context rescoring: each choice against its neighbours on the final path; switching to a
      // better local candidate can only raise the path score.
      for (let pass = 0; pass < TUNING.rescoringPasses; pass++) {
        for (let k = 0; k < slots.length; k++) {
          if (slots[k].lm.length < 2) continue;
          const scores = localScores(this.lm, slots, choice, k, TUNING.lmWeight);
          let best = choice[k];
          for (let c = 0; c < scores.length; c++) if (scores[c] > scores[best] + 1e-9) best = c;
          choice[k] = best;
        }
      }
      for (let k = 0; k < sequence.length; k++) {
        const word = words[k];
        if (!word) continue;
        const token = tokens[word.token];
        let chosen = choice[k];
        const keepIdx = keepIndex(word.candidates);
        const needScores = explain || (mode === 'post-correct' && keepIdx >= 0 && chosen !== keepIdx);
        const scores = needScores && slots[k].lm.length > 1 ? localScores(this.lm, slots, choice, k, TUNING.lmWeight) : NO_SCORES;
        if (mode === 'post-correct' && keepIdx >= 0 && chosen !== keepIdx) {
          const keep = word.candidates[keepIdx];
          const knownWord = keep.lm !== UNK;
          const margin = scores[chosen] - scores[keepIdx];
          if (knownWord ? margin < TUNING.postMargin : word.candidates[chosen].channel < TUNING.channelFloor + 2) chosen = keepIdx;
        }
        const cand = word.candidates[chosen];
        const casing = word.casing ?? token.text;
        let output = word.outputs?.[chosen];
        if (output === undefined) {
          output = !cand.keep ? applyCasePattern(casing, cand.text) : casing !== token.text ? regularCase(casing) : token.text;
          if (word.outputs) word.outputs[chosen] = output;
        }
        if (output !== token.text) changes++;
        outputs[word.token] = output;
        if (explain) {
          const confidence = softmaxShare(scores, chosen);
          const flagged =
            (cand.keep && cand.lm === UNK && (LOOKALIKE.test(token.text) || word.candidates.length === 1) && !word.fixed) ||
            (!word.fixed && confidence < 0.6);
          explained[word.token] = {
            input: token.text,
            output,
            alternatives: word.candidates
              .map((c, i) => ({ text: c.keep ? token.text : applyCasePattern(token.text, c.text), score: round(scores[i] ?? 0) }))
              .sort((a, b) => b.score - a.score)
              .slice(0, 5),
            confidence: round(confidence),
            flagged,
          };
        }
      }
    }
    const result: RestoreResult = { text: outputs.join(''), changes };
    if (explain) result.tokens = explained.filter((t): t is ExplainedToken => t !== undefined);
    return result;
  }

  /** Candidates of one token, or undefined for tokens the language model only reads (punctuation, numbers). */
  private wordSlot(tokens: RestoreToken[], sequence: number[], k: number, mode: RestoreMode, listMarker: { last: string }): WordSlot | undefined {
    const ti = sequence[k];
    const token = tokens[ti];
    const next = tokens[sequence[k + 1]];
    if (token.kind === 'punct') return undefined;
    const traits = this.traitsOf(token.text);
    const lower = traits.lower;
    const form = (traits.form ??= this.formOf(lower));
    if (token.kind === 'number') {
      if (mode !== 'full' || token.text.length > 2 || !next || next.kind !== 'word') return undefined;
      const prev = tokens[sequence[k - 1]];
      if (!prev || prev.kind !== 'word') return undefined;
      const words = this.candidates(lower, 'full').candidates.filter((c) => !c.keep);
      if (words.length === 0) return undefined;
      const candidates = [candidateOf(token.text, NUM, 0, true)];
      for (const c of words) candidates.push(candidateOf(c.text, c.lm, c.channel + TUNING.numberToWord, c.keep));
      return wordSlotOf(ti, false, candidates);
    }
    // List markers "a)", "b)", ... "d)", "đ)": the letter follows the Vietnamese alphabet, not the model.
    if (next?.text === ')' && [...lower].length === 1 && VIETNAMESE_LIST_LETTERS.includes(stripDiacritics(lower)) && isLineStart(tokens, ti)) {
      let letter = stripDiacritics(lower);
      if (mode === 'full' && letter === 'd' && listMarker.last === 'd') letter = 'đ';
      if (mode === 'post-correct') letter = lower;
      listMarker.last = letter;
      return wordSlotOf(ti, true, [candidateOf(letter, this.lm.id(letter), 0, letter === lower)]);
    }
    if (traits.roman && (next?.text === '.' || isLineStart(tokens, ti))) return this.keepOnly(ti, token.text, form);
    if (traits.innerCapital) return this.keepOnly(ti, token.text, form);
    const list = (traits.lists[mode] ??= this.candidates(lower, mode));
    const { candidates, slot } = list;
    if (traits.irregularCase) return wordSlotOf(ti, false, candidates, slot, regularCase(token.text));
    // An all-caps word with Vietnamese vowel marks between lowercase words is a capitalised word read
    // with a capital too many ("BỘ Chính trị"); acronyms carry no vowel marks.
    if (traits.allCaps && traits.vowelMark && this.amongLowercase(tokens, sequence, k)) {
      return wordSlotOf(ti, false, candidates, slot, regularCase(token.text));
    }
    if (traits.allCaps && !this.inCapsRun(tokens, sequence, k)) {
      // An acronym stays, except that a stripped "ND"/"QD" may be the corpus acronym "NĐ"/"QĐ".
      const variants = mode === 'full' ? this.index.acronymVariants(lower) : [];
      if (variants.length === 0) return this.keepOnly(ti, token.text, form);
      const acronym = this.keepOnly(ti, token.text, form);
      for (const id of variants) acronym.candidates.push(candidateOf(this.lm.vocab[id], id, 0, false));
      return acronym;
    }
    // The token's own outputs are cached with its type (per mode: the lists differ).
    const outputs = (traits.outputs[mode] ??= new Array<string | undefined>(candidates.length).fill(undefined));
    return wordSlotOf(ti, false, candidates, slot, undefined, outputs);
  }

  private keepOnly(token: number, text: string, form: string): WordSlot {
    return wordSlotOf(token, true, [candidateOf(text, this.lm.id(form), 0, true)]);
  }

  /** Both neighbouring words (at least one present) have lowercase letters. */
  private amongLowercase(tokens: RestoreToken[], sequence: number[], k: number): boolean {
    const lowerAt = (j: number): boolean | undefined => {
      const t = tokens[sequence[j]];
      return t === undefined || t.kind !== 'word' ? undefined : /\p{Ll}/u.test(t.text);
    };
    const prev = lowerAt(k - 1);
    const next = lowerAt(k + 1);
    if (prev === undefined && next === undefined) return false;
    return prev !== false && next !== false;
  }

  private traitsOf(text: string): TokenTraits {
    let traits = this.traits.get(text);
    if (!traits) {
      traits = tokenTraits(text);
      if (this.traits.size > 100_000) this.traits.clear();
      this.traits.set(text, traits);
    }
    return traits;
  }

  private fixedSlot(id: number): Slot {
    let slot = this.fixedSlots.get(id);
    if (!slot) {
      slot = reusableSlot(Int32Array.of(id), Float64Array.of(0));
      this.fixedSlots.set(id, slot);
    }
    return slot;
  }

  private formOf(lower: string): string {
    let form = this.forms.get(lower);
    if (form === undefined) {
      form = lmForm(lower);
      if (this.forms.size > 100_000) this.forms.clear();
      this.forms.set(lower, form);
    }
    return form;
  }

  /**
   * An all-caps token is restored only inside a run of all-caps words ("CAC NHIEM VU"); alone it is an
   * acronym. The run may pass over a number or a stop between its words: "NHOM 2: BAO DAM ..." is one
   * heading.
   */
  private inCapsRun(tokens: RestoreToken[], sequence: number[], k: number): boolean {
    const isCapsWord = (j: number): boolean => {
      const t = tokens[sequence[j]];
      if (t === undefined || t.kind !== 'word') return false;
      const traits = this.traitsOf(t.text);
      return (traits.capsWord ??= traits.allCaps && this.index.hasSkeleton(skeletonOf(traits.lower)));
    };
    // the nearest word on one side, over at most two numbers or punctuation marks
    const neighbour = (step: 1 | -1): number => {
      for (let j = k + step, skipped = 0; j >= 0 && j < sequence.length; j += step) {
        if (tokens[sequence[j]].kind === 'word') return j;
        if (++skipped > 2) break;
      }
      return -1;
    };
    if (!isCapsWord(k)) return false;
    const before = neighbour(-1);
    const after = neighbour(1);
    return (before >= 0 && isCapsWord(before)) || (after >= 0 && isCapsWord(after));
  }

  /** Candidates for a lowercase token under the mode's channel, best first, with a keep option. */
  private candidates(lower: string, mode: RestoreMode): CandidateList {
    const cache = this.cache[mode];
    const hit = cache.get(lower);
    if (hit) return hit;
    const stored = mode === 'full' ? this.candidateTable?.get(lower) : undefined;
    let candidates: Candidate[];
    if (stored) {
      // Pushed, not mapped: Array.prototype.map makes holey arrays, and lists of two kinds made the
      // optimised restoreParagraph bail out.
      candidates = [];
      for (const [lm, channel, keep] of stored) candidates.push(candidateOf(keep ? lower : this.lm.vocab[lm], lm, channel ?? -Infinity, keep === 1));
    } else candidates = this.computeCandidates(lower, mode);
    if (cache.size > 100_000) cache.clear();
    const list = { candidates, slot: toSlot(candidates, true) };
    cache.set(lower, list);
    return list;
  }

  /** The candidate table's entry for a skeleton, computed afresh (scripts/lm/build-candidates.ts). */
  candidateTableEntry(skeleton: string): [number, number, number][] {
    return this.computeCandidates(skeleton, 'full').map((c) => [c.lm, c.channel, c.keep ? 1 : 0]);
  }

  private computeCandidates(lower: string, mode: RestoreMode): Candidate[] {
    const channel = mode === 'full' ? this.channels.eng : this.channels.vie;
    const form = this.formOf(lower);
    const formId = this.lm.id(form);
    const formIsWord = formId !== UNK && this.index.isSyllable[formId] === 1;
    const deep = !this.index.hasSkeleton(skeletonOf(lower)) || LOOKALIKE.test(lower);
    const ids = this.index.generate(lower, channel, deep);
    const logStripped = Math.log10(TUNING.strippedShare);
    const logOcr = Math.log10(1 - TUNING.strippedShare);
    const scored: Candidate[] = [];
    // A channel score is at most 0 (at most logOcr for a candidate that is not the token with marks
    // dropped), so a candidate whose best possible score plus its unigram already trails the best
    // prior so far by more than priorGap would be pruned below: its alignment is never computed.
    const boundPrunes = channel.maxScore <= 0 && TUNING.candidateGap >= -TUNING.channelFloor;
    let runningPrior = -Infinity;
    for (const id of ids) {
      const text = this.lm.vocab[id];
      const stripped = mode === 'full' && isStrippedForm(text, lower);
      if (boundPrunes && id !== formId) {
        // (1e-9: logAdd of the two shares is 0 only up to rounding)
        const bound = (mode === 'full' && !stripped ? logOcr : 0) + 1e-9;
        if (bound + this.lm.unigram(id) < runningPrior - TUNING.priorGap) continue;
      }
      let score: number;
      if (mode === 'full') {
        const ocr = logOcr + channel.score(text, lower);
        score = stripped ? logAdd(logStripped, ocr) : ocr;
      } else {
        score = channel.score(text, lower);
      }
      if (score < TUNING.channelFloor && id !== formId) continue;
      scored.push(candidateOf(text, id, score, id === formId && form === lower));
      if (score + this.lm.unigram(id) > runningPrior) runningPrior = score + this.lm.unigram(id);
    }
    let bestChannel = -Infinity;
    for (const c of scored) if (c.channel > bestChannel) bestChannel = c.channel;
    let bestPrior = -Infinity;
    for (const c of scored) if (c.channel + this.lm.unigram(c.lm) > bestPrior) bestPrior = c.channel + this.lm.unigram(c.lm);
    for (let i = scored.length - 1; i >= 0; i--) {
      const c = scored[i];
      if (c.lm === formId) continue;
      if (c.channel < bestChannel - TUNING.candidateGap || c.channel + this.lm.unigram(c.lm) < bestPrior - TUNING.priorGap) scored.splice(i, 1);
    }
    scored.sort((a, b) => b.channel + this.lm.unigram(b.lm) - (a.channel + this.lm.unigram(a.lm)));
    if (scored.length > TUNING.maxCandidates) {
      const kept = scored.slice(0, TUNING.maxCandidates);
      const self = scored.find((c) => c.lm === formId);
      if (self && !kept.includes(self)) kept.push(self);
      scored.length = 0;
      scored.push(...kept);
    }
    if (!formIsWord || form !== lower) {
      // The token as typed: a known non-syllable word (brand, foreign term) keeps freely, an unknown one at a cost.
      const known = formId !== UNK && !formIsWord;
      scored.push(candidateOf(lower, formId, known ? 0 : TUNING.keepUnknown, true));
    }
    return scored;
  }
}

/** What the restorer knows of one token type (its text as typed), computed once. */
interface TokenTraits {
  lower: string;
  form?: string;
  roman: boolean;
  innerCapital: boolean;
  irregularCase: boolean;
  allCaps: boolean;
  vowelMark: boolean;
  /** All caps, and its skeleton is that of a syllable (inCapsRun). */
  capsWord?: boolean;
  lists: { full?: CandidateList; 'post-correct'?: CandidateList };
  outputs: { full?: (string | undefined)[]; 'post-correct'?: (string | undefined)[] };
}

function tokenTraits(text: string): TokenTraits {
  return {
    lower: text.toLowerCase(),
    form: undefined,
    roman: ROMAN.test(text),
    innerCapital: hasInnerCapital(text),
    irregularCase: hasIrregularCase(text),
    allCaps: isAllCaps(text),
    vowelMark: hasVowelMark(text),
    capsWord: undefined,
    lists: { full: undefined, 'post-correct': undefined },
    outputs: { full: undefined, 'post-correct': undefined },
  };
}

function keepIndex(candidates: Candidate[]): number {
  for (let i = 0; i < candidates.length; i++) if (candidates[i].keep) return i;
  return -1;
}

/** A paragraph longer than this is tokenized and decoded in pieces (see sentenceChunks). */
const CHUNK_CHARS = 8192;
const SENTENCE_END_LINE = /[.;:!?]\s*\n\s*/g;

/**
 * Cuts a long paragraph after line breaks that follow a sentence end, where the decoder's sequences
 * end anyway (splitSequences), into pieces of at least `size` characters: the output is the same, and
 * a long document without blank lines never has all its tokens in memory at once.
 */
function sentenceChunks(text: string, size: number): string[] {
  if (text.length <= size) return [text];
  const out: string[] = [];
  let start = 0;
  for (;;) {
    SENTENCE_END_LINE.lastIndex = start + size;
    const m = SENTENCE_END_LINE.exec(text);
    const end = m ? m.index + m[0].length : text.length;
    out.push(text.slice(start, end));
    if (end >= text.length) return out;
    start = end;
  }
}

function isLineStart(tokens: RestoreToken[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j];
    if (t.kind !== 'space') return false;
    if (/[\n\f]/.test(t.text)) return true;
  }
  return true;
}

function logAdd(a: number, b: number): number {
  const hi = Math.max(a, b);
  if (hi === -Infinity) return hi;
  return hi + Math.log10(10 ** (a - hi) + 10 ** (b - hi));
}

function softmaxShare(scores: Float64Array, chosen: number): number {
  if (scores.length < 2) return 1;
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let total = 0;
  for (const s of scores) total += 10 ** (s - max);
  return 10 ** (scores[chosen] - max) / total;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
