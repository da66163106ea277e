import type { ChannelModel } from './channel-model.js';
import type { LanguageModel } from './language-model.js';
import { isValidSyllable, skeletonOf, stripDiacritics } from './text-core.js';

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
  /** Longest skeleton, in code points: no variant longer than this can be a syllable. */
  private readonly maxSkeletonLength: number = 0;
  /** Every prefix and every suffix of a skeleton ('' included): a variant built around a piece that is neither cannot be one. */
  private readonly prefixes = new Set<string>();
  private readonly suffixes = new Set<string>();

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
    for (const skeleton of this.bySkeleton.keys()) {
      const chars = [...skeleton];
      this.maxSkeletonLength = Math.max(this.maxSkeletonLength, chars.length);
      for (let i = 0; i <= chars.length; i++) {
        this.prefixes.add(chars.slice(0, i).join(''));
        this.suffixes.add(chars.slice(i).join(''));
      }
    }
  }

  lookup(skeleton: string): readonly number[] {
    return this.bySkeleton.get(skeleton) ?? [];
  }

  acronymVariants(lower: string): readonly number[] {
    return this.acronymsWithD.get(lower) ?? [];
  }

  /** Every skeleton of the inventory. */
  skeletons(): IterableIterator<string> {
    return this.bySkeleton.keys();
  }

  hasSkeleton(skeleton: string): boolean {
    return this.bySkeleton.has(skeleton);
  }

  /**
   * Syllables the OCR token may stand for: its own skeleton, then skeletons reached by undoing one or
   * two look-alike substitutions of the channel ("s6" -> "so", "ctia" -> "cua", "1a" -> "la").
   * Variants that cannot shrink to the length of any skeleton are never built: for a long foreign
   * word ("authenticator") that is all of them, and building them was most of the first-pass time.
   */
  generate(token: string, channel: ChannelModel, deep: boolean): Set<number> {
    const out = new Set<number>();
    const seen = new Set<string>();
    const maxLength = this.maxSkeletonLength;
    const visit = (skeleton: string, length: number): void => {
      if (length > maxLength || seen.has(skeleton)) return;
      seen.add(skeleton);
      const ids = this.bySkeleton.get(skeleton);
      if (ids) for (const id of ids) out.add(id);
    };
    const own = skeletonOf(token);
    const ownLength = codePointLength(own);
    visit(own, ownLength);
    // One substitution removes at most `maxShrink` characters, two at most twice that.
    const reach = ownLength - channel.maxShrink * (deep ? 2 : 1);
    // Level one keeps every variant (level two starts from them); level two only builds the
    // variants that can be skeletons.
    const singles = reach <= maxLength ? substitutions(token, channel) : [];
    for (const v of singles) visit(v.skeleton, v.length);
    if (deep) {
      for (const v of singles) {
        if (v.length - channel.maxShrink > maxLength) continue;
        for (const w of substitutions(v.variant, channel, this.prefixes, this.suffixes)) visit(w.skeleton, w.length);
      }
    }
    if (deep && out.size === 0 && ownLength + 1 <= maxLength) {
      // eng sometimes drops a marked vowel altogether ("th" for "thủ"): try putting one back.
      const chars = [...own];
      for (let i = 0; i <= chars.length; i++) {
        const before = chars.slice(0, i).join('');
        const after = chars.slice(i).join('');
        for (const vowel of 'aeiouy') visit(before + vowel + after, ownLength + 1);
      }
    }
    return out;
  }
}

interface Variant {
  /** The token with one substitution undone. */
  variant: string;
  /** Its `stripDiacritics` form, and that form's length in code points. */
  skeleton: string;
  length: number;
}

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/**
 * Every variant of `token` with one OCR substring (1-3 characters) replaced by a truth skeleton; with
 * `prefixes` and `suffixes`, only those whose skeleton is made of a skeleton prefix, the replacement
 * and a skeleton suffix (the others cannot be syllables).
 */
function substitutions(token: string, channel: ChannelModel, prefixes?: Set<string>, suffixes?: Set<string>): Variant[] {
  if (isAscii(token)) return asciiSubstitutions(token, channel, prefixes, suffixes);
  const chars = [...token];
  const n = chars.length;
  // Prefixes and suffixes, as typed and stripped (stripping works character by character).
  const before: string[] = [''];
  const strippedBefore: string[] = [''];
  const lengthBefore: number[] = [0];
  for (let i = 0; i < n; i++) {
    const stripped = skeletonOf(chars[i]);
    before.push(before[i] + chars[i]);
    strippedBefore.push(strippedBefore[i] + stripped);
    lengthBefore.push(lengthBefore[i] + codePointLength(stripped));
  }
  const out: Variant[] = [];
  for (let i = 0; i < n; i++) {
    // A longer prefix of a non-prefix is not one either.
    if (prefixes && !prefixes.has(strippedBefore[i])) break;
    let sub = '';
    for (let len = 1; len <= 3 && i + len <= n; len++) {
      sub += chars[i + len - 1];
      const skeletons = channel.skeletonsByOcr.get(sub);
      if (!skeletons) continue;
      const strippedAfter = strippedBefore[n].slice(strippedBefore[i + len].length);
      if (suffixes && !suffixes.has(strippedAfter)) continue;
      const after = token.slice(before[i + len].length);
      const lengthAfter = lengthBefore[n] - lengthBefore[i + len];
      for (const skeleton of skeletons) {
        out.push({
          variant: before[i] + skeleton + after,
          skeleton: strippedBefore[i] + skeleton + strippedAfter,
          length: lengthBefore[i] + codePointLength(skeleton) + lengthAfter,
        });
      }
    }
  }
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

/** `substitutions` of a plain ASCII token (most are): it is its own stripped form, one character per code unit. */
function asciiSubstitutions(token: string, channel: ChannelModel, prefixes?: Set<string>, suffixes?: Set<string>): Variant[] {
  const n = token.length;
  const out: Variant[] = [];
  for (let i = 0; i < n; i++) {
    const before = token.slice(0, i);
    if (prefixes && !prefixes.has(before)) break;
    for (let len = 1; len <= 3 && i + len <= n; len++) {
      const skeletons = channel.skeletonsByOcr.get(token.slice(i, i + len));
      if (!skeletons) continue;
      const after = token.slice(i + len);
      if (suffixes && !suffixes.has(after)) continue;
      for (const skeleton of skeletons) {
        const variant = before + skeleton + after;
        out.push({ variant, skeleton: variant, length: n - len + codePointLength(skeleton) });
      }
    }
  }
  return out;
}
