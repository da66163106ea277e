/**
 * Lossless tokenizer: the token texts joined give back the input exactly, and each token knows its
 * [start, end) offsets (UTF-16 units) in the input.
 *
 * Kinds:
 * - `newline`: one line break ("\n", "\r\n", "\r"), or a form feed / vertical tab (page breaks).
 * - `space`: a run of other whitespace (spaces, tabs, no-break spaces).
 * - `word`: letters, possibly mixed with digits and OCR look-alike symbols (¥ ¢ € £ § © ®), plus inner
 *   apostrophes: "Việt", "s6", "1a", "ctia", "k¥", "THU'C", "4G". A word always holds a letter.
 * - `number`: digits, optionally joined by . , : / - between digits: "2025", "1.1", "3,5", "22/12/2024",
 *   "2025-2030", "14:30". A trailing "." or "," is punctuation ("1." = number + punct).
 * - `code`: a document code or identifier, i.e. letter/digit chunks joined by / - _ & where a chunk has a
 *   digit, or all letter chunks are capitals, or all chunks are one or two letters: "57-NQ/TW",
 *   "1125/KH-UBND", "01-KH/BCĐ", "KH&CN", "4G/5G", "b/c", "p/h"; also URLs and e-mail addresses.
 *   Ordinary hyphenated or slashed words ("dân/doanh", "Wi-Fi") are split into word + punct + word.
 * - `punct`: any other single character (one token per character).
 */
export type TokenKind = 'word' | 'number' | 'code' | 'punct' | 'space' | 'newline';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const NEWLINE = /\r\n|[\n\r\f\v\u2028\u2029\u0085]/y;
const SPACE = /[^\S\n\r\f\v\u2028\u2029\u0085]+/y;
const URL = /(?:https?:\/\/|www\.)[^\s<>"'()]*[^\s<>"'().,;:!?]/uy;
const EMAIL = /[\p{L}\p{Nd}._%+-]+@[\p{L}\p{Nd}-]+(?:\.[\p{L}\p{Nd}-]+)*\.\p{L}{2,}/uy;
/** One chunk: letters/digits/look-alikes, with apostrophes allowed between them ("THU'C"). */
const CHUNK_SRC = String.raw`[\p{L}\p{M}\p{Nd}¥¢€£§©®]+(?:['’‘][\p{L}\p{M}\p{Nd}¥¢€£§©®]+)*`;
const COMPOUND = new RegExp(String.raw`${CHUNK_SRC}(?:[\/\-_&.,:]${CHUNK_SRC})*`, 'uy');
const CHUNK = new RegExp(CHUNK_SRC, 'uy');

const LETTER = /[\p{L}]/u;
const DIGITS_ONLY = /^\p{Nd}+$/u;
const HAS_DIGIT = /\p{Nd}/u;
const LOWER = /\p{Ll}/u;

interface Piece {
  text: string;
  start: number;
  isConnector: boolean;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, t: string, start: number) => tokens.push({ kind, text: t, start, end: start + t.length });
  const mayHaveEmail = text.includes('@');
  const mayHaveUrl = /https?:\/\/|www\./i.test(text);
  let i = 0;
  while (i < text.length) {
    const nl = matchAt(NEWLINE, text, i);
    if (nl) {
      push('newline', nl, i);
      i += nl.length;
      continue;
    }
    const sp = matchAt(SPACE, text, i);
    if (sp) {
      push('space', sp, i);
      i += sp.length;
      continue;
    }
    const url = (mayHaveUrl && matchAt(URL, text, i)) || (mayHaveEmail && matchAt(EMAIL, text, i)) || null;
    if (url && (i === 0 || !/[\p{L}\p{Nd}]/u.test(text[i - 1]))) {
      push('code', url, i);
      i += url.length;
      continue;
    }
    const compound = matchAt(COMPOUND, text, i);
    if (compound) {
      for (const t of classifyCompound(compound, i)) tokens.push(t);
      i += compound.length;
      continue;
    }
    const cp = String.fromCodePoint(text.codePointAt(i)!);
    push('punct', cp, i);
    i += cp.length;
  }
  return tokens;
}

function matchAt(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
}

/** Splits a compound into chunks and connectors. */
function pieces(compound: string, offset: number): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < compound.length) {
    const chunk = matchAt(CHUNK, compound, i);
    if (chunk) {
      out.push({ text: chunk, start: offset + i, isConnector: false });
      i += chunk.length;
    } else {
      out.push({ text: compound[i], start: offset + i, isConnector: true });
      i += 1;
    }
  }
  return out;
}

const CONNECTOR = /[\/\-_&.,:]/;

function classifyCompound(compound: string, offset: number): Token[] {
  if (!CONNECTOR.test(compound)) return classifyChunk({ text: compound, start: offset, isConnector: false });
  const parts = pieces(compound, offset);
  // Cut at . , : unless they sit between two digit-only chunks ("1.1", "3,5", "14:30").
  const groups: Piece[][] = [];
  let current: Piece[] = [];
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (p.isConnector && '.,:'.includes(p.text)) {
      const before = parts[k - 1];
      const after = parts[k + 1];
      if (!(DIGITS_ONLY.test(before.text) && after && DIGITS_ONLY.test(after.text))) {
        groups.push(current, [p]);
        current = [];
        continue;
      }
    }
    current.push(p);
  }
  groups.push(current);
  const out: Token[] = [];
  for (const g of groups) {
    if (g.length === 0) continue;
    if (g.length === 1 && g[0].isConnector) out.push(tok('punct', g[0]));
    else out.push(...classifyGroup(g));
  }
  return out;
}

function tok(kind: TokenKind, p: Piece): Token {
  return { kind, text: p.text, start: p.start, end: p.start + p.text.length };
}

function classifyChunk(p: Piece): Token[] {
  if (DIGITS_ONLY.test(p.text)) return [tok('number', p)];
  if (LETTER.test(p.text) || HAS_DIGIT.test(p.text)) return [tok('word', p)];
  // Look-alike symbols alone are punctuation, one per character.
  return [...p.text].map((ch, k) => tok('punct', { text: ch, start: p.start + k, isConnector: true }));
}

function classifyGroup(g: Piece[]): Token[] {
  if (g.length === 1) return classifyChunk(g[0]);
  const chunks = g.filter((p) => !p.isConnector);
  const text = g.map((p) => p.text).join('');
  const start = g[0].start;
  const whole = (kind: TokenKind): Token[] => [{ kind, text, start, end: start + text.length }];
  if (chunks.every((c) => DIGITS_ONLY.test(c.text))) return whole('number');
  const letterChunks = chunks.filter((c) => LETTER.test(c.text));
  const isCode =
    chunks.some((c) => HAS_DIGIT.test(c.text)) ||
    letterChunks.every((c) => !LOWER.test(c.text)) ||
    chunks.every((c) => [...c.text].length === 1);
  if (isCode) return whole('code');
  return g.flatMap((p) => (p.isConnector ? [tok('punct', p)] : classifyChunk(p)));
}

/** Only the word tokens, for callers that work syllable by syllable. */
export function wordTokens(text: string): Token[] {
  return tokenize(text).filter((t) => t.kind === 'word');
}
