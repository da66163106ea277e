import { engPrior, viePrior, type PriorPair } from './channel-prior.js';
import { removeTone, stripDiacritics } from './text-core.js';

export interface ChannelJson {
  version: 1;
  models: Record<string, { pairs: [string, string, number][]; truthCounts: Record<string, number> }>;
}

interface Op {
  ocr: string;
  chars: string[];
  logp: number;
}

interface TruthPlan {
  chars: string[];
  /** Ops of the truth character at i, and of the pair at i, i + 1. */
  ops1: (OpIndex | undefined)[];
  ops2: (OpIndex | undefined)[];
}

/** The ops of one truth substring, by the first OCR character they produce (so a cell tries only those that match). */
interface OpIndex {
  /** Ops producing nothing (the truth substring dropped). */
  empty: Op[];
  byFirst: Map<string, Op[]>;
}

/** Below this many observations of a truth substring the learned estimate is too noisy to replace the prior. */
const MIN_LEARNED_TRUTH = 30;
const SUBSTITUTE_FLOOR = -4;
const DELETE_FLOOR = -4.5;
const INSERT_FLOOR = -4.5;
const IDENTITY_DEFAULT = Math.log10(0.95);

/**
 * P(ocr substring | truth substring) of one OCR engine: learned counts from `models/channel.json`
 * where the truth substring was seen often enough, the hand prior elsewhere. Scores a whole
 * (truth syllable, OCR token) pair by the best alignment, in log10.
 */
export class ChannelModel {
  readonly byTruth = new Map<string, Op[]>();
  private readonly opIndex = new Map<string, OpIndex>();
  /** Per truth word: its characters and the ops that may start at each of them (a word is scored against many tokens). */
  private readonly truthPlans = new Map<string, TruthPlan>();
  private lastOcr = '';
  private lastOcrChars: string[] = [];
  private dp = new Float64Array(256);
  /** OCR substring -> truth substrings it may stand for (non-identity), for candidate generation. */
  readonly byOcr = new Map<string, { truth: string; logp: number }[]>();
  /** OCR substring (1-3 characters) -> the distinct skeletons of the truths in `byOcr`, in its order. */
  readonly skeletonsByOcr = new Map<string, string[]>();
  /** Most characters one substitution of `skeletonsByOcr` can remove from a token (bounds candidate search). */
  readonly maxShrink: number;
  readonly learnedTruths: number;
  /** Upper bound of `score`: 0 unless some substitution is more likely than certain (a bad model). */
  readonly maxScore: number;

  constructor(prior: PriorPair[], learned?: ChannelJson['models'][string]) {
    const learnedTruth = new Set<string>();
    if (learned) {
      for (const [truth, n] of Object.entries(learned.truthCounts)) if (n >= MIN_LEARNED_TRUTH) learnedTruth.add(truth);
      for (const [truth, ocr, count] of learned.pairs) {
        if (!learnedTruth.has(truth)) continue;
        this.add(truth, ocr, count / learned.truthCounts[truth]);
      }
    }
    this.learnedTruths = learnedTruth.size;
    for (const [truth, ocr, p] of prior) if (!learnedTruth.has(truth)) this.add(truth, ocr, p);
    for (const [truth, ops] of this.byTruth) {
      for (const op of ops) {
        if (op.ocr === truth || op.logp < -2.5) continue;
        const list = this.byOcr.get(op.ocr) ?? [];
        list.push({ truth, logp: op.logp });
        this.byOcr.set(op.ocr, list);
      }
    }
    for (const [truth, ops] of this.byTruth) {
      const index: OpIndex = { empty: [], byFirst: new Map() };
      for (const op of ops) {
        if (op.chars.length === 0) index.empty.push(op);
        else index.byFirst.set(op.chars[0], [...(index.byFirst.get(op.chars[0]) ?? []), op]);
      }
      this.opIndex.set(truth, index);
    }
    let maxLogp = IDENTITY_DEFAULT;
    for (const ops of this.byTruth.values()) for (const op of ops) maxLogp = Math.max(maxLogp, op.logp);
    this.maxScore = maxLogp <= 0 ? 0 : Infinity;
    let maxShrink = 0;
    for (const [ocr, truths] of this.byOcr) {
      const length = [...ocr].length;
      if (length < 1 || length > 3) continue;
      const skeletons = [...new Set(truths.map((t) => stripDiacritics(t.truth)))];
      this.skeletonsByOcr.set(ocr, skeletons);
      for (const skeleton of skeletons) maxShrink = Math.max(maxShrink, length - [...skeleton].length);
    }
    this.maxShrink = maxShrink;
  }

  private add(truth: string, ocr: string, p: number): void {
    if (p <= 0) return;
    const list = this.byTruth.get(truth) ?? [];
    list.push({ ocr, chars: [...ocr], logp: Math.log10(p) });
    this.byTruth.set(truth, list);
  }

  /** log10 P(ocr | truth) of the best character alignment; both lowercase NFC. */
  score(truth: string, ocr: string): number {
    const { chars: t, ops1, ops2 } = this.truthPlan(truth);
    if (ocr !== this.lastOcr) {
      this.lastOcr = ocr;
      this.lastOcrChars = [...ocr];
    }
    const o = this.lastOcrChars;
    const n = t.length;
    const m = o.length;
    const width = m + 1;
    if (this.dp.length < (n + 1) * width) this.dp = new Float64Array((n + 1) * width * 2);
    const dp = this.dp;
    dp.fill(-Infinity, 0, (n + 1) * width);
    dp[0] = 0;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= m; j++) {
        const here = dp[i * width + j];
        if (here === -Infinity) continue;
        if (j < m && here + INSERT_FLOOR > dp[i * width + j + 1]) dp[i * width + j + 1] = here + INSERT_FLOOR;
        if (i === n) continue;
        const down = (i + 1) * width + j;
        if (here + DELETE_FLOOR > dp[down]) dp[down] = here + DELETE_FLOOR;
        let identitySeen = false;
        for (let a = 1; a <= 2 && i + a <= n; a++) {
          const index = a === 1 ? ops1[i] : ops2[i];
          if (!index) continue;
          for (const op of index.empty) {
            const cell = (i + a) * width + j;
            if (here + op.logp > dp[cell]) dp[cell] = here + op.logp;
          }
          const ops = j < m ? index.byFirst.get(o[j]) : undefined;
          if (!ops) continue;
          for (const op of ops) {
            const len = op.chars.length;
            if (j + len > m) continue;
            let match = true;
            for (let k = 1; k < len && match; k++) match = o[j + k] === op.chars[k];
            if (!match) continue;
            if (a === 1 && len === 1 && o[j] === t[i]) identitySeen = true;
            const cell = (i + a) * width + j + len;
            if (here + op.logp > dp[cell]) dp[cell] = here + op.logp;
          }
        }
        if (j < m) {
          const v = here + (o[j] === t[i] ? (identitySeen ? -Infinity : IDENTITY_DEFAULT) : SUBSTITUTE_FLOOR);
          if (v > dp[down + 1]) dp[down + 1] = v;
        }
      }
    }
    return dp[n * width + m];
  }

  private truthPlan(truth: string): TruthPlan {
    let plan = this.truthPlans.get(truth);
    if (!plan) {
      const chars = [...truth];
      const ops1: (OpIndex | undefined)[] = [];
      const ops2: (OpIndex | undefined)[] = [];
      for (let i = 0; i < chars.length; i++) {
        ops1.push(this.opIndex.get(chars[i]));
        ops2.push(i + 1 < chars.length ? this.opIndex.get(chars[i] + chars[i + 1]) : undefined);
      }
      plan = { chars, ops1, ops2 };
      if (this.truthPlans.size > 100_000) this.truthPlans.clear();
      this.truthPlans.set(truth, plan);
    }
    return plan;
  }
}

/**
 * True when `ocr` is `truth` with some marks dropped: each character equal, tone removed, or fully
 * stripped. This is the "typed without diacritics" channel of full restoration.
 */
export function isStrippedForm(truth: string, ocr: string): boolean {
  const t = [...truth];
  const o = [...ocr];
  if (t.length !== o.length) return false;
  for (let i = 0; i < t.length; i++) {
    if (o[i] === t[i]) continue;
    if (o[i] === removeTone(t[i]) || o[i] === stripDiacritics(t[i])) continue;
    return false;
  }
  return true;
}

export function buildChannels(json: ChannelJson | undefined): { eng: ChannelModel; vie: ChannelModel } {
  return {
    eng: new ChannelModel(engPrior(), json?.models.eng),
    vie: new ChannelModel(viePrior(), json?.models.vie),
  };
}
