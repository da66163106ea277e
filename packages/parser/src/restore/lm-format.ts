import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The compact binary form of the syllable trigram model (`models/lm.bin`), gzip-compressed:
 *   "SOHOALM1" | u32 header length | header JSON | u32 vocab length | vocab (UTF-8, "\n"-joined)
 *   | unigrams: prob u8[V], backoff u8[V]
 *   | bigrams: sorted keys as varint deltas, prob u8[n2], backoff u8[n2]
 *   | trigrams: sorted keys as varint deltas, prob u8[n3]
 * Probabilities and backoff weights are log10 values quantised uniformly to 8 bits.
 */
export interface LmHeader {
  version: 1;
  order: 3;
  vocabSize: number;
  counts: [number, number, number];
  keyBytes: [number, number, number];
  quant: { prob: [number, number]; backoff: [number, number] };
  meta: Record<string, unknown>;
}

export interface LmArrays {
  vocab: string[];
  /** log10 probabilities and backoff weights, per order; keys sorted ascending (packed ids). */
  uniProb: Float32Array;
  uniBackoff: Float32Array;
  biKeys: Float64Array;
  biProb: Float32Array;
  biBackoff: Float32Array;
  triKeys: Float64Array;
  triProb: Float32Array;
}

const MAGIC = 'SOHOALM1';
export const PROB_RANGE: [number, number] = [-7.5, 0];
export const BACKOFF_RANGE: [number, number] = [-4, 0];

function quantise(values: Float32Array, [lo, hi]: [number, number]): Uint8Array {
  const out = new Uint8Array(values.length);
  const scale = 255 / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const q = Math.round((values[i] - lo) * scale);
    out[i] = q < 0 ? 0 : q > 255 ? 255 : q;
  }
  return out;
}

const IDENTITY_CODES = Uint8Array.from({ length: 256 }, (_, q) => q);

function dequantise(bytes: Uint8Array, [lo, hi]: [number, number]): Float32Array {
  const table = new Float32Array(256);
  for (let q = 0; q < 256; q++) table[q] = lo + ((hi - lo) * q) / 255;
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]];
  return out;
}

function encodeKeys(keys: Float64Array): Uint8Array {
  const out = new Uint8Array(keys.length * 8 + 16);
  let p = 0;
  let prev = 0;
  for (let i = 0; i < keys.length; i++) {
    let d = keys[i] - prev;
    prev = keys[i];
    while (d >= 128) {
      out[p++] = (d % 128) | 128;
      d = Math.floor(d / 128);
    }
    out[p++] = d;
  }
  return out.subarray(0, p);
}

function decodeKeys(bytes: Uint8Array, n: number): Float64Array {
  const keys = new Float64Array(n);
  let p = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    let mul = 1;
    let b = bytes[p++];
    while (b >= 128) {
      d += (b - 128) * mul;
      mul *= 128;
      b = bytes[p++];
    }
    d += b * mul;
    prev += d;
    keys[i] = prev;
  }
  return keys;
}

export function writeLm(arrays: LmArrays, meta: Record<string, unknown>): Buffer {
  const vocabBytes = Buffer.from(arrays.vocab.join('\n'), 'utf8');
  const biKeyBytes = encodeKeys(arrays.biKeys);
  const triKeyBytes = encodeKeys(arrays.triKeys);
  const header: LmHeader = {
    version: 1,
    order: 3,
    vocabSize: arrays.vocab.length,
    counts: [arrays.vocab.length, arrays.biKeys.length, arrays.triKeys.length],
    keyBytes: [0, biKeyBytes.length, triKeyBytes.length],
    quant: { prob: PROB_RANGE, backoff: BACKOFF_RANGE },
    meta,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const u32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const body = Buffer.concat([
    Buffer.from(MAGIC, 'latin1'),
    u32(headerBytes.length),
    headerBytes,
    u32(vocabBytes.length),
    vocabBytes,
    quantise(arrays.uniProb, PROB_RANGE),
    quantise(arrays.uniBackoff, BACKOFF_RANGE),
    biKeyBytes,
    quantise(arrays.biProb, PROB_RANGE),
    quantise(arrays.biBackoff, BACKOFF_RANGE),
    triKeyBytes,
    quantise(arrays.triProb, PROB_RANGE),
  ]);
  return gzipSync(body, { level: 9 });
}

/** The model as stored: 8-bit quantised values with their dequantisation tables, keys decoded. */
export interface LmQuantised {
  header: LmHeader;
  vocab: string[];
  /** log10 value of each 8-bit code, for probabilities and for backoff weights. */
  probTable: Float32Array;
  backoffTable: Float32Array;
  uniProb: Uint8Array;
  uniBackoff: Uint8Array;
  biKeys: Float64Array;
  biProb: Uint8Array;
  biBackoff: Uint8Array;
  triKeys: Float64Array;
  triProb: Uint8Array;
}

export function readLmQuantised(file: Uint8Array): LmQuantised {
  const buf = gunzipSync(file);
  if (buf.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a sohoa language model (bad magic)');
  let p = 8;
  const headerLength = buf.readUInt32LE(p);
  p += 4;
  const header = JSON.parse(buf.toString('utf8', p, p + headerLength)) as LmHeader;
  p += headerLength;
  const vocabLength = buf.readUInt32LE(p);
  p += 4;
  const vocab = buf.toString('utf8', p, p + vocabLength).split('\n');
  p += vocabLength;
  const take = (n: number): Uint8Array => {
    const s = buf.subarray(p, p + n);
    p += n;
    return s;
  };
  const [v, n2, n3] = header.counts;
  return {
    header,
    vocab,
    probTable: dequantise(IDENTITY_CODES, header.quant.prob),
    backoffTable: dequantise(IDENTITY_CODES, header.quant.backoff),
    uniProb: take(v),
    uniBackoff: take(v),
    biKeys: decodeKeys(take(header.keyBytes[1]), n2),
    biProb: take(n2),
    biBackoff: take(n2),
    triKeys: decodeKeys(take(header.keyBytes[2]), n3),
    triProb: take(n3),
  };
}

export function readLm(file: Uint8Array): { header: LmHeader; arrays: LmArrays } {
  const q = readLmQuantised(file);
  const values = (codes: Uint8Array, table: Float32Array): Float32Array => Float32Array.from(codes, (c) => table[c]);
  return {
    header: q.header,
    arrays: {
      vocab: q.vocab,
      uniProb: values(q.uniProb, q.probTable),
      uniBackoff: values(q.uniBackoff, q.backoffTable),
      biKeys: q.biKeys,
      biProb: values(q.biProb, q.probTable),
      biBackoff: values(q.biBackoff, q.backoffTable),
      triKeys: q.triKeys,
      triProb: values(q.triProb, q.probTable),
    },
  };
}
