import { normalizeTonePlacement } from './text-core.js';

/** Reserved vocabulary ids of the syllable language model. */
export const UNK = 0;
export const BOS = 1;
export const EOS = 2;
export const NUM = 3;
export const SPECIAL_TOKENS = ['<unk>', '<s>', '</s>', '<num>'];
/** Ids are packed 17 bits each, so a trigram key fits exactly in a double (51 bits). */
export const ID_BITS = 17;
export const MAX_VOCAB = 1 << ID_BITS;
export const ID_SCALE = MAX_VOCAB;

const UNIT = /[\p{L}\p{M}]+|\p{N}+(?:[.,/:-]\p{N}+)*|[^\s\p{L}\p{M}\p{N}]/gu;
const NUMBER = /^\p{N}/u;

/** Lowercase, new-style tone placement: the form every syllable is counted and looked up in. */
export function lmForm(word: string): string {
  return normalizeTonePlacement(word.normalize('NFC').toLowerCase());
}

/**
 * Splits one line of clean text into language-model units: words (letter runs, in `lmForm`), `<num>`
 * for numbers, and each punctuation character on its own. Build and decode must agree on this.
 */
export function lmUnits(line: string, out: string[] = []): string[] {
  for (const m of line.matchAll(UNIT)) {
    const u = m[0];
    if (NUMBER.test(u)) out.push('<num>');
    else out.push(u);
  }
  return out;
}

/** 53-bit-safe packed keys for n-grams of ids. */
export function bigramKey(a: number, b: number): number {
  return a * ID_SCALE + b;
}
export function trigramKey(a: number, b: number, c: number): number {
  return (a * ID_SCALE + b) * ID_SCALE + c;
}
