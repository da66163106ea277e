/** A piece of the input; concatenating every `text` gives the input back exactly. */
export interface RestoreToken {
  text: string;
  kind: 'space' | 'punct' | 'number' | 'word';
  start: number;
}

// OCR output spells Vietnamese letters with digits and symbols ("s6", "k¥", "ngh¢", "K&"), so those
// stay inside a word token; the decoder decides whether they are letters.
const PIECE = /[\p{L}\p{M}\p{N}¥¢€£&@]+|\s+|[^\s\p{L}\p{M}\p{N}¥¢€£&@]/gu;
const HAS_LETTER = /[\p{L}¥¢€]|\p{N}[&@]|[&@]\p{N}/u;
const ALL_DIGITS = /^\p{N}+$/u;

export function restoreTokens(text: string): RestoreToken[] {
  const out: RestoreToken[] = [];
  for (const m of text.matchAll(PIECE)) {
    const t = m[0];
    let kind: RestoreToken['kind'];
    if (/^\s/u.test(t)) kind = 'space';
    else if (ALL_DIGITS.test(t)) kind = 'number';
    else if (HAS_LETTER.test(t)) kind = 'word';
    else kind = 'punct';
    out.push({ text: t, kind, start: m.index });
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
    const breaks = (t.text.match(/\n|\f/g) ?? []).length;
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
