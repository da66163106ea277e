import { assessGarbling } from './assess-garbling.js';
import { decodeSlots, localScores, type Slot } from './beam-decoder.js';
import type { CandidateIndex } from './candidate-index.js';
import { isStrippedForm, type ChannelModel } from './channel-model.js';
import { applyCasePattern, hasInnerCapital, hasIrregularCase, hasVowelMark, isAllCaps, regularCase } from './case-pattern.js';
import type { LanguageModel } from './language-model.js';
import { lmForm, NUM, UNK } from './lm-units.js';
import { restoreTokens, splitSequences, type RestoreToken } from './restore-tokens.js';
import { stripDiacritics } from './text-core.js';

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
  slot?: Slot;
  /** Case pattern to put on the output when the token's own is OCR noise ("BỘ Chính" -> "Bộ"). */
  casing?: string;
}

function toSlot(candidates: Candidate[]): Slot {
  return { lm: Int32Array.from(candidates, (c) => c.lm), channel: Float64Array.from(candidates, (c) => c.channel) };
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

const VIETNAMESE_LIST_LETTERS = 'abcdđeghiklmnopqrstuvxy';
const ROMAN = /^[IVXLC]+$/;
const LOOKALIKE = /[\p{N}¥¢€£&@]/u;

export class Restorer {
  private readonly cache = { full: new Map<string, Candidate[]>(), 'post-correct': new Map<string, Candidate[]>() };
  private readonly slotCache = new WeakMap<Candidate[], Slot>();
  private readonly fixedSlots = new Map<number, Slot>();
  private readonly forms = new Map<string, string>();
  private readonly traits = new Map<string, TokenTraits>();

  constructor(
    readonly lm: LanguageModel,
    readonly index: CandidateIndex,
    readonly channels: { eng: ChannelModel; vie: ChannelModel },
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
      const part = this.restoreParagraph(parts[i], mode, opts.explain === true, listMarker);
      out.push(part.text);
      changes += part.changes;
      if (part.tokens) tokens.push(...part.tokens);
    }
    const result: RestoreResult = { text: out.join(''), changes };
    if (opts.explain) result.tokens = tokens;
    return result;
  }

  private restoreParagraph(text: string, mode: RestoreMode, explain: boolean, listMarker: { last: string }): RestoreResult {
    const tokens = restoreTokens(text);
    const outputs = tokens.map((t) => t.text);
    const explained: (ExplainedToken | undefined)[] = [];
    let changes = 0;
    for (const sequence of splitSequences(tokens)) {
      const slots: Slot[] = [];
      const words: (WordSlot | undefined)[] = [];
      for (let k = 0; k < sequence.length; k++) {
        const ti = sequence[k];
        const word = this.wordSlot(tokens, sequence, k, mode, listMarker);
        words.push(word);
        if (word) slots.push(word.slot ?? toSlot(word.candidates));
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
        const keepIdx = word.candidates.findIndex((c) => c.keep);
        const needScores = explain || (mode === 'post-correct' && keepIdx >= 0 && chosen !== keepIdx);
        const scores = needScores && slots[k].lm.length > 1 ? localScores(this.lm, slots, choice, k, TUNING.lmWeight) : Float64Array.of(0);
        if (mode === 'post-correct' && keepIdx >= 0 && chosen !== keepIdx) {
          const keep = word.candidates[keepIdx];
          const knownWord = keep.lm !== UNK;
          const margin = scores[chosen] - scores[keepIdx];
          if (knownWord ? margin < TUNING.postMargin : word.candidates[chosen].channel < TUNING.channelFloor + 2) chosen = keepIdx;
        }
        const cand = word.candidates[chosen];
        const casing = word.casing ?? token.text;
        const output = !cand.keep ? applyCasePattern(casing, cand.text) : casing !== token.text ? regularCase(casing) : token.text;
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
    let traits = this.traits.get(token.text);
    if (!traits) {
      traits = tokenTraits(token.text);
      if (this.traits.size > 100_000) this.traits.clear();
      this.traits.set(token.text, traits);
    }
    const lower = traits.lower;
    const form = this.formOf(lower);
    if (token.kind === 'number') {
      if (mode !== 'full' || token.text.length > 2 || !next || next.kind !== 'word') return undefined;
      const prev = tokens[sequence[k - 1]];
      if (!prev || prev.kind !== 'word') return undefined;
      const words = this.candidates(lower, 'full').filter((c) => !c.keep);
      if (words.length === 0) return undefined;
      return {
        token: ti,
        fixed: false,
        candidates: [
          { text: token.text, lm: NUM, channel: 0, keep: true },
          ...words.map((c) => ({ ...c, channel: c.channel + TUNING.numberToWord })),
        ],
      };
    }
    // List markers "a)", "b)", ... "d)", "đ)": the letter follows the Vietnamese alphabet, not the model.
    if (next?.text === ')' && [...lower].length === 1 && VIETNAMESE_LIST_LETTERS.includes(stripDiacritics(lower)) && isLineStart(tokens, ti)) {
      let letter = stripDiacritics(lower);
      if (mode === 'full' && letter === 'd' && listMarker.last === 'd') letter = 'đ';
      if (mode === 'post-correct') letter = lower;
      listMarker.last = letter;
      return { token: ti, fixed: true, candidates: [{ text: letter, lm: this.lm.id(letter), channel: 0, keep: letter === lower }] };
    }
    if (traits.roman && (next?.text === '.' || isLineStart(tokens, ti))) return this.keepOnly(ti, token.text, form);
    if (traits.innerCapital) return this.keepOnly(ti, token.text, form);
    const candidates = this.candidates(lower, mode);
    const slot = this.slotCache.get(candidates);
    if (traits.irregularCase) return { token: ti, fixed: false, candidates, slot, casing: regularCase(token.text) };
    // An all-caps word with Vietnamese vowel marks between lowercase words is a capitalised word read
    // with a capital too many ("BỘ Chính trị"); acronyms carry no vowel marks.
    if (traits.allCaps && traits.vowelMark && this.amongLowercase(tokens, sequence, k)) {
      return { token: ti, fixed: false, candidates, slot, casing: regularCase(token.text) };
    }
    if (traits.allCaps && !this.inCapsRun(tokens, sequence, k)) {
      // An acronym stays, except that a stripped "ND"/"QD" may be the corpus acronym "NĐ"/"QĐ".
      const variants = mode === 'full' ? this.index.acronymVariants(lower) : [];
      if (variants.length === 0) return this.keepOnly(ti, token.text, form);
      const acronym = this.keepOnly(ti, token.text, form);
      for (const id of variants) acronym.candidates.push({ text: this.lm.vocab[id], lm: id, channel: 0, keep: false });
      return acronym;
    }
    return { token: ti, fixed: false, candidates, slot };
  }

  private keepOnly(token: number, text: string, form: string): WordSlot {
    return { token, fixed: true, candidates: [{ text, lm: this.lm.id(form), channel: 0, keep: true }] };
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

  private fixedSlot(id: number): Slot {
    let slot = this.fixedSlots.get(id);
    if (!slot) {
      slot = { lm: Int32Array.of(id), channel: Float64Array.of(0) };
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

  /** An all-caps token is restored only inside a run of all-caps words ("CAC NHIEM VU"); alone it is an acronym. */
  private inCapsRun(tokens: RestoreToken[], sequence: number[], k: number): boolean {
    const isCapsWord = (j: number): boolean => {
      const t = tokens[sequence[j]];
      return t !== undefined && t.kind === 'word' && isAllCaps(t.text) && this.index.hasSkeleton(stripDiacritics(t.text.toLowerCase()));
    };
    if (!isCapsWord(k)) return false;
    return (k > 0 && isCapsWord(k - 1)) || (k + 1 < sequence.length && isCapsWord(k + 1));
  }

  /** Candidates for a lowercase token under the mode's channel, best first, with a keep option. */
  private candidates(lower: string, mode: RestoreMode): Candidate[] {
    const cache = this.cache[mode];
    const hit = cache.get(lower);
    if (hit) return hit;
    const channel = mode === 'full' ? this.channels.eng : this.channels.vie;
    const form = this.formOf(lower);
    const formId = this.lm.id(form);
    const formIsWord = formId !== UNK && this.index.isSyllable[formId] === 1;
    const deep = !this.index.hasSkeleton(stripDiacritics(lower)) || LOOKALIKE.test(lower);
    const ids = this.index.generate(lower, channel, deep);
    const logStripped = Math.log10(TUNING.strippedShare);
    const logOcr = Math.log10(1 - TUNING.strippedShare);
    const scored: Candidate[] = [];
    for (const id of ids) {
      const text = this.lm.vocab[id];
      let score: number;
      if (mode === 'full') {
        const ocr = logOcr + channel.score(text, lower);
        score = isStrippedForm(text, lower) ? logAdd(logStripped, ocr) : ocr;
      } else {
        score = channel.score(text, lower);
      }
      if (score < TUNING.channelFloor && id !== formId) continue;
      scored.push({ text, lm: id, channel: score, keep: id === formId && form === lower });
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
      scored.push({ text: lower, lm: formId, channel: known ? 0 : TUNING.keepUnknown, keep: true });
    }
    if (cache.size > 100_000) cache.clear();
    cache.set(lower, scored);
    this.slotCache.set(scored, toSlot(scored));
    return scored;
  }
}

interface TokenTraits {
  lower: string;
  roman: boolean;
  innerCapital: boolean;
  irregularCase: boolean;
  allCaps: boolean;
  vowelMark: boolean;
}

function tokenTraits(text: string): TokenTraits {
  return {
    lower: text.toLowerCase(),
    roman: ROMAN.test(text),
    innerCapital: hasInnerCapital(text),
    irregularCase: hasIrregularCase(text),
    allCaps: isAllCaps(text),
    vowelMark: hasVowelMark(text),
  };
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
