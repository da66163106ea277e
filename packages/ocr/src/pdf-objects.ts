import { inflateSync } from 'node:zlib';

/** A PDF object as far as this reader needs: enough to follow a page to the image it paints. */
export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfValue[] | PdfDict | PdfString;
export interface PdfName {
  name: string;
}
export interface PdfRef {
  num: number;
  gen: number;
}
export interface PdfString {
  string: string;
}
export type PdfDict = Map<string, PdfValue>;

export const isName = (v: PdfValue | undefined, name?: string): v is PdfName =>
  typeof v === 'object' && v !== null && 'name' in v && (name === undefined || v.name === name);
export const isRef = (v: PdfValue | undefined): v is PdfRef => typeof v === 'object' && v !== null && 'num' in v;
export const isDict = (v: PdfValue | undefined): v is PdfDict => v instanceof Map;

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

class PdfReaderError extends Error {}

/**
 * A minimal reader of top-level PDF objects, located by scanning for "N G obj" rather than through the
 * cross-reference table (which may be a compressed stream). Objects inside object streams are not
 * found: the caller treats "not found" as "use the full renderer". It never throws on bad input; a
 * failed read is null.
 */
export class PdfObjects {
  private readonly offsets = new Map<number, number>();
  readonly encrypted: boolean;

  constructor(private readonly bytes: Uint8Array) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    // a later definition (incremental update) replaces an earlier one
    for (const m of text.matchAll(/(?:^|[\r\n\s])(\d+)\s+(\d+)\s+obj\b/g)) this.offsets.set(Number(m[1]), m.index + m[0].length);
    this.encrypted = /\/Encrypt\b/.test(text);
  }

  /** The object `ref` points to (a stream yields its dictionary), or null. */
  get(ref: PdfRef): PdfValue | null {
    const at = this.offsets.get(ref.num);
    if (at === undefined) return null;
    try {
      return new Lexer(this.bytes, at).value();
    } catch {
      return null;
    }
  }

  resolve(v: PdfValue | undefined): PdfValue | undefined {
    return isRef(v) ? (this.get(v) ?? undefined) : v;
  }

  /** Stream object `ref`: its dictionary and its raw (still encoded) bytes, or null. */
  stream(ref: PdfRef): { dict: PdfDict; bytes: Uint8Array } | null {
    const at = this.offsets.get(ref.num);
    if (at === undefined) return null;
    try {
      const lexer = new Lexer(this.bytes, at);
      const dict = lexer.value();
      if (!isDict(dict)) return null;
      let p = lexer.skipWhite();
      if (Buffer.from(this.bytes.subarray(p, p + 6)).toString('latin1') !== 'stream') return null;
      p += 6;
      if (this.bytes[p] === 0x0d) p++;
      if (this.bytes[p] === 0x0a) p++;
      const length = this.resolve(dict.get('Length'));
      if (typeof length !== 'number' || length < 0 || p + length > this.bytes.length) return null;
      return { dict, bytes: this.bytes.subarray(p, p + length) };
    } catch {
      return null;
    }
  }

  /** Stream bytes with its filters undone, for the filters this reader knows (none or FlateDecode). */
  decodedStream(ref: PdfRef): Uint8Array | null {
    const stream = this.stream(ref);
    if (!stream) return null;
    const { dict, bytes: raw } = stream;
    const filter = this.resolve(dict.get('Filter'));
    const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
    if (filters.length === 0) return raw;
    if (filters.length === 1 && isName(filters[0], 'FlateDecode') && !dict.has('DecodeParms')) {
      try {
        return inflateSync(raw);
      } catch {
        return null;
      }
    }
    return null;
  }
}

/** Tokens of a content stream: numbers, names (as PdfName) and operators (as strings). */
export function contentTokens(bytes: Uint8Array, limit: number): (number | PdfName | string)[] | null {
  const lexer = new Lexer(bytes, 0);
  const out: (number | PdfName | string)[] = [];
  try {
    for (;;) {
      const p = lexer.skipWhite();
      if (p >= bytes.length) return out;
      if (out.length >= limit) return null;
      const c = bytes[p];
      if (c === 0x2f || c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39)) {
        const v = lexer.value();
        if (typeof v === 'number' || isName(v)) out.push(v);
        else return null;
      } else if (DELIM.has(c)) {
        return null; // strings, arrays, inline dictionaries: not a plain image page
      } else {
        out.push(lexer.word());
      }
    }
  } catch {
    return null;
  }
}

class Lexer {
  constructor(
    private readonly b: Uint8Array,
    private p: number,
  ) {}

  skipWhite(): number {
    const b = this.b;
    for (;;) {
      while (this.p < b.length && WHITE.has(b[this.p])) this.p++;
      if (b[this.p] !== 0x25) return this.p; // %
      while (this.p < b.length && b[this.p] !== 0x0a && b[this.p] !== 0x0d) this.p++;
    }
  }

  word(): string {
    const start = this.p;
    while (this.p < this.b.length && !WHITE.has(this.b[this.p]) && !DELIM.has(this.b[this.p])) this.p++;
    if (this.p === start) throw new PdfReaderError(`unexpected byte ${this.b[this.p]} at ${this.p}`);
    return Buffer.from(this.b.subarray(start, this.p)).toString('latin1');
  }

  value(): PdfValue {
    this.skipWhite();
    const b = this.b;
    const c = b[this.p];
    if (c === 0x2f) {
      this.p++;
      const start = this.p;
      while (this.p < b.length && !WHITE.has(b[this.p]) && !DELIM.has(b[this.p])) this.p++;
      return { name: Buffer.from(b.subarray(start, this.p)).toString('latin1').replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
    }
    if (c === 0x3c && b[this.p + 1] === 0x3c) {
      this.p += 2;
      const dict: PdfDict = new Map();
      for (;;) {
        this.skipWhite();
        if (b[this.p] === 0x3e && b[this.p + 1] === 0x3e) {
          this.p += 2;
          return dict;
        }
        const key = this.value();
        if (!isName(key)) throw new PdfReaderError('dictionary key is not a name');
        dict.set(key.name, this.value());
      }
    }
    if (c === 0x5b) {
      this.p++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipWhite();
        if (b[this.p] === 0x5d) {
          this.p++;
          return arr;
        }
        arr.push(this.value());
      }
    }
    if (c === 0x28) return { string: this.literalString() };
    if (c === 0x3c) {
      const end = b.indexOf(0x3e, this.p);
      if (end < 0) throw new PdfReaderError('unterminated hex string');
      this.p = end + 1;
      return { string: '' };
    }
    if (c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39)) {
      const n = Number(this.word());
      if (!Number.isFinite(n)) throw new PdfReaderError('bad number');
      // "N G R" is a reference
      const save = this.p;
      if (Number.isInteger(n) && n >= 0) {
        this.skipWhite();
        const c2 = b[this.p];
        if (c2 >= 0x30 && c2 <= 0x39) {
          const gen = Number(this.word());
          this.skipWhite();
          if (Number.isInteger(gen) && b[this.p] === 0x52 && (this.p + 1 >= b.length || WHITE.has(b[this.p + 1]) || DELIM.has(b[this.p + 1]))) {
            this.p++;
            return { num: n, gen };
          }
        }
      }
      this.p = save;
      return n;
    }
    const w = this.word();
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    throw new PdfReaderError(`unexpected token ${w}`);
  }

  private literalString(): string {
    const b = this.b;
    let depth = 0;
    const start = this.p;
    for (; this.p < b.length; this.p++) {
      const c = b[this.p];
      if (c === 0x5c) this.p++;
      else if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) {
        this.p++;
        return Buffer.from(b.subarray(start + 1, this.p - 1)).toString('latin1');
      }
    }
    throw new PdfReaderError('unterminated string');
  }
}
