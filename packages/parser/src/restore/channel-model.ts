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
  /** OCR substring -> truth substrings it may stand for (non-identity), for candidate generation. */
  readonly byOcr = new Map<string, { truth: string; logp: number }[]>();
  readonly learnedTruths: number;
  private readonly cache = new Map<string, number>();

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
  }

  private add(truth: string, ocr: string, p: number): void {
    if (p <= 0) return;
    const list = this.byTruth.get(truth) ?? [];
    list.push({ ocr, chars: [...ocr], logp: Math.log10(p) });
    this.byTruth.set(truth, list);
  }

  /** log10 P(ocr | truth) of the best character alignment; both lowercase NFC. */
  score(truth: string, ocr: string): number {
    const key = truth + '\u0000' + ocr;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const t = [...truth];
    const o = [...ocr];
    const n = t.length;
    const m = o.length;
    const width = m + 1;
    const dp = new Float64Array((n + 1) * width).fill(-Infinity);
    dp[0] = 0;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= m; j++) {
        const here = dp[i * width + j];
        if (here === -Infinity) continue;
        if (j < m) relax(i, j + 1, here + INSERT_FLOOR);
        if (i === n) continue;
        relax(i + 1, j, here + DELETE_FLOOR);
        let identitySeen = false;
        for (let a = 1; a <= 2 && i + a <= n; a++) {
          const sub = a === 1 ? t[i] : t[i] + t[i + 1];
          const ops = this.byTruth.get(sub);
          if (!ops) continue;
          for (const op of ops) {
            const len = op.chars.length;
            if (j + len > m) continue;
            let match = true;
            for (let k = 0; k < len && match; k++) match = o[j + k] === op.chars[k];
            if (!match) continue;
            if (a === 1 && len === 1 && o[j] === t[i]) identitySeen = true;
            relax(i + a, j + len, here + op.logp);
          }
        }
        if (j < m) relax(i + 1, j + 1, here + (o[j] === t[i] ? (identitySeen ? -Infinity : IDENTITY_DEFAULT) : SUBSTITUTE_FLOOR));
      }
    }
    const result = dp[n * width + m];
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(key, result);
    return result;

    function relax(i: number, j: number, v: number): void {
      if (v > dp[i * width + j]) dp[i * width + j] = v;
    }
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
