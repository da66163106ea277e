import type { ChannelModel } from './channel-model.js';
import type { LanguageModel } from './language-model.js';
import { isValidSyllable, stripDiacritics } from './text-core.js';

const LETTER = /\p{L}/u;

/**
 * Skeleton index of the syllable inventory: every vocabulary word that is a valid Vietnamese syllable,
 * keyed by its form without diacritics ("tinh" -> tình, tính, tinh, tỉnh, ...), most frequent first.
 */
export class CandidateIndex {
  private readonly bySkeleton = new Map<string, number[]>();
  /** Vocabulary ids that are valid Vietnamese syllables. */
  readonly isSyllable: Uint8Array;
  /** Acronyms spelled with Đ ("nđ", "bcđ"), keyed by their plain-d form, so "ND" can become "NĐ". */
  private readonly acronymsWithD = new Map<string, number[]>();

  constructor(private readonly lm: LanguageModel) {
    this.isSyllable = new Uint8Array(lm.size);
    lm.vocab.forEach((w, id) => {
      if (!LETTER.test(w)) return;
      // Cheap rejections first (no syllable is longer than "nghiêng" or uses f, j, w, z): the grammar
      // check is the slow part of loading.
      if (w.length > 7 || /[fjwz0-9]/.test(w) || !isValidSyllable(w)) {
        const plain = w.replace(/đ/g, 'd');
        if (plain !== w && plain === stripDiacritics(w)) this.acronymsWithD.set(plain, [...(this.acronymsWithD.get(plain) ?? []), id]);
        return;
      }
      this.isSyllable[id] = 1;
      const skeleton = stripDiacritics(w);
      const list = this.bySkeleton.get(skeleton);
      if (list) list.push(id);
      else this.bySkeleton.set(skeleton, [id]);
    });
    for (const list of this.bySkeleton.values()) list.sort((a, b) => lm.unigram(b) - lm.unigram(a));
  }

  lookup(skeleton: string): readonly number[] {
    return this.bySkeleton.get(skeleton) ?? [];
  }

  acronymVariants(lower: string): readonly number[] {
    return this.acronymsWithD.get(lower) ?? [];
  }

  hasSkeleton(skeleton: string): boolean {
    return this.bySkeleton.has(skeleton);
  }

  /**
   * Syllables the OCR token may stand for: its own skeleton, then skeletons reached by undoing one or
   * two look-alike substitutions of the channel ("s6" -> "so", "ctia" -> "cua", "1a" -> "la").
   */
  generate(token: string, channel: ChannelModel, deep: boolean): Set<number> {
    const out = new Set<number>();
    const seen = new Set<string>();
    const visit = (variant: string): void => {
      const skeleton = stripDiacritics(variant);
      if (seen.has(skeleton)) return;
      seen.add(skeleton);
      for (const id of this.lookup(skeleton)) out.add(id);
    };
    visit(token);
    const singles = substitutions(token, channel);
    for (const v of singles) visit(v);
    if (deep) for (const v of singles) for (const w of substitutions(v, channel)) visit(w);
    if (deep && out.size === 0) {
      // eng sometimes drops a marked vowel altogether ("th" for "thủ"): try putting one back.
      const chars = [...stripDiacritics(token)];
      for (let i = 0; i <= chars.length; i++) {
        for (const vowel of 'aeiouy') visit([...chars.slice(0, i), vowel, ...chars.slice(i)].join(''));
      }
    }
    return out;
  }
}

function substitutions(token: string, channel: ChannelModel): string[] {
  const chars = [...token];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    for (let len = 1; len <= 3 && i + len <= chars.length; len++) {
      const sub = chars.slice(i, i + len).join('');
      const truths = channel.byOcr.get(sub);
      if (!truths) continue;
      const before = chars.slice(0, i).join('');
      const after = chars.slice(i + len).join('');
      const done = new Set<string>();
      for (const { truth } of truths) {
        const skeleton = stripDiacritics(truth);
        if (done.has(skeleton)) continue;
        done.add(skeleton);
        out.push(before + skeleton + after);
      }
    }
  }
  return out;
}
