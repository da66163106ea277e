import { hasVietnameseLetter } from '../vietnamese/index.js';

/** A piece of the input; concatenating every `text` gives the input back exactly. */
export interface RestoreToken {
  text: string;
  kind: 'space' | 'punct' | 'number' | 'word';
  start: number;
}

// OCR output spells Vietnamese letters with digits and symbols ("s6", "k¥", "ngh¢", "K&"), so those
// stay inside a word token; the decoder decides whether they are letters. A token is a maximal run of
// PIECE characters, a run of white space, or any other single character; a PIECE run is a number when
// all digits, a word when it has a letter (or a digit beside & or @), else punctuation. This is
// /[\p{L}\p{M}\p{N}¥¢€£&@]+|\s+|[^\s\p{L}\p{M}\p{N}¥¢€£&@]/gu, scanned by hand: the regex and its match
// objects were a tenth of the restorer's time.
const PIECE = 1;
const SPACE = 2;
const DIGIT = 4;
const LETTER = 8;
const AMP = 16;
const classes = new Uint8Array(0x10000);
const KNOWN = 128;
const astralClasses = new Map<number, number>();

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  let c = KNOWN;
  if (/[\p{L}\p{M}\p{N}¥¢€£&@]/u.test(ch)) c |= PIECE;
  if (/\s/u.test(ch)) c |= SPACE;
  if (/\p{N}/u.test(ch)) c |= DIGIT;
  if (/[\p{L}¥¢€]/u.test(ch)) c |= LETTER;
  if (ch === '&' || ch === '@') c |= AMP;
  return c;
}

function classOf(cp: number): number {
  if (cp < 0x10000) {
    let c = classes[cp];
    if (c === 0) c = classes[cp] = classify(cp);
    return c;
  }
  let c = astralClasses.get(cp);
  if (c === undefined) astralClasses.set(cp, (c = classify(cp)));
  return c;
}

export function restoreTokens(text: string): RestoreToken[] {
  const out: RestoreToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    let cp = text.codePointAt(i)!;
    let c = classOf(cp);
    i += cp > 0xffff ? 2 : 1;
    let kind: RestoreToken['kind'];
    if (c & PIECE) {
      let allDigits = (c & DIGIT) !== 0;
      let letter = (c & LETTER) !== 0;
      while (i < n) {
        cp = text.codePointAt(i)!;
        const next = classOf(cp);
        if (!(next & PIECE)) break;
        // A digit beside & or @ ("K&" is no letter, but "8&" and "&6" read as one).
        if (((c & DIGIT) && (next & AMP)) || ((c & AMP) && (next & DIGIT))) letter = true;
        if (!(next & DIGIT)) allDigits = false;
        if (next & LETTER) letter = true;
        c = next;
        i += cp > 0xffff ? 2 : 1;
      }
      kind = allDigits ? 'number' : letter ? 'word' : 'punct';
    } else if (c & SPACE) {
      while (i < n) {
        cp = text.codePointAt(i)!;
        if (!(classOf(cp) & SPACE)) break;
        i += cp > 0xffff ? 2 : 1;
      }
      kind = 'space';
    } else kind = 'punct';
    out.push({ text: text.slice(start, i), kind, start });
  }
  return out;
}

const CHAIN = new Set(['.', '@', '/', ':', '_', '-']);

/**
 * Indices of stops that are dust read as punctuation: a "." glued between two lower-case words, one of
 * them Vietnamese ("giao.tại", "pháp.khác"). A sentence never ends that way (the next word would be
 * capitalised and spaced), and addresses ("quangtri.gov.vn", "a.b@x.vn") carry no Vietnamese letters
 * and come in chains, which are left alone.
 */
export function speckStops(tokens: readonly RestoreToken[]): number[] {
  const out: number[] = [];
  for (let i = 1; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'punct' || t.text !== '.') continue;
    const a = tokens[i - 1];
    const b = tokens[i + 1];
    if (a.kind !== 'word' || b.kind !== 'word' || !/^\p{Ll}/u.test(a.text) || !/^\p{Ll}/u.test(b.text)) continue;
    if (!hasVietnameseLetter(a.text) && !hasVietnameseLetter(b.text)) continue;
    if (CHAIN.has(tokens[i - 2]?.text ?? '') || CHAIN.has(tokens[i + 2]?.text ?? '')) continue;
    out.push(i);
  }
  return out;
}

const SENTENCE_END = new Set(['.', ';', ':', '!', '?']);
const ITEM_START = new Set(['-', '+', '•', '*', '–']);

/**
 * Splits the non-space token indices into sequences the language model scores independently: a
 * blank line always ends one; a line break does when the line ends a sentence or the next one starts
 * a list item, so wrapped lines of one paragraph stay one sequence.
 */
export function splitSequences(tokens: RestoreToken[]): number[][] {
  const sequences: number[][] = [];
  let current: number[] = [];
  const flush = (): void => {
    if (current.length) sequences.push(current);
    current = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'space') {
      current.push(i);
      continue;
    }
    let breaks = 0;
    for (let j = 0; j < t.text.length; j++) {
      const ch = t.text.charCodeAt(j);
      if (ch === 10 || ch === 12) breaks++;
    }
    if (breaks === 0) continue;
    const prev = current.length ? tokens[current[current.length - 1]] : undefined;
    const next = tokens[i + 1];
    const nextNext = tokens[i + 2];
    const startsItem =
      next !== undefined &&
      (ITEM_START.has(next.text) ||
        ((next.kind === 'number' || next.text.length === 1) && nextNext !== undefined && (nextNext.text === '.' || nextNext.text === ')')));
    if (breaks > 1 || t.text.includes('\f') || (prev && SENTENCE_END.has(prev.text)) || startsItem) flush();
  }
  flush();
  return sequences;
}
