/** Arena size (doubles): 16 MB. The memo starts over, at the start of a sequence, when less than RESERVE is left. */
const ARENA_LIMIT = 1 << 21;
const RESERVE = 1 << 18;
/**
 * A first pass over a 130,000-syllable document fills about 125,000 entries and 1.2 M doubles: starting
 * at that size saves the regrowth copies and rehashes (twice the slots, to the arena's limit, measured
 * no faster). The arena's pages are only committed as they are written.
 */
const INITIAL_SLOTS = 1 << 18;

function mix(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/**
 * Memo of the language-model scores of one candidate list after one history: (list id, history key)
 * -> an entry of `arena` (layout: entrySize in beam-decoder.ts) holding, per candidate, log10
 * P(candidate | history) and the next history. Text
 * repeats its phrases, so the decoder meets the same (history, candidate list) pairs again and again:
 * three out of four in a long document. It starts empty and fills as text is decoded; typed arrays
 * only, so the GC never walks it. (One table for all lists: per-list tables were slower, each lookup
 * then touching a separate object and array header.)
 */
export class LmScoreMemo {
  arena = new Float64Array(0);
  /** The same memory as int32 (see entrySize). */
  arena32 = new Int32Array(this.arena.buffer);
  private top = 0;
  /** Open addressing, [packed key, arena offset] per slot (one cache line per probe); -1 = empty. */
  private table = new Float64Array(2).fill(-1);
  private mask = 0;
  private used = 0;

  /**
   * `keySpace` bounds the history keys, so (list, key) packs into one exact double. The initial sizes
   * (slots, a power of two, and doubles) only matter to speed.
   */
  constructor(
    private readonly keySpace: number,
    initial: { slots: number; doubles: number } = { slots: INITIAL_SLOTS, doubles: ARENA_LIMIT },
  ) {
    // A second store to every field that regrows: V8 treats a field stored once as a constant of the
    // object's shape, and its first regrowth mid-document would throw away the decoder's compiled code.
    this.arena = new Float64Array(initial.doubles);
    this.arena32 = new Int32Array(this.arena.buffer);
    this.rehash(initial.slots);
    this.reset();
  }

  /** Offset in `arena` of the scores of (list, key), or -1. */
  find(list: number, key: number): number {
    const packed = list * this.keySpace + key;
    const table = this.table;
    let s = mix(list, key) & this.mask;
    for (;;) {
      const k = table[s * 2];
      if (k === packed) return table[s * 2 + 1];
      if (k === -1) return -1;
      s = (s + 1) & this.mask;
    }
  }

  /** Reserves `count` doubles for (list, key), not yet present; read `arena` and `arena32` again afterwards (they may grow). */
  insert(list: number, key: number, count: number): number {
    if (this.top + count > this.arena.length) {
      // Doubling up to the limit; past it only within one very long sequence.
      const doubled = this.arena.length * 2;
      const grown = new Float64Array(Math.max(this.arena.length < ARENA_LIMIT ? Math.min(doubled, ARENA_LIMIT) : doubled, this.top + count));
      grown.set(this.arena.subarray(0, this.top));
      this.arena = grown;
      this.arena32 = new Int32Array(grown.buffer);
    }
    if ((this.used + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    const offset = this.top;
    this.top += count;
    this.place(list * this.keySpace + key, mix(list, key), offset);
    this.used++;
    return offset;
  }

  /** Called between sequences (offsets handed out stay valid within one): bounds the memory. */
  trim(): void {
    if (this.top >= ARENA_LIMIT - RESERVE) this.reset();
  }

  /** Empties the memo (run once at construction, so the decoder's optimised code has seen this path). */
  private reset(): void {
    this.top = 0;
    this.used = 0;
    this.table.fill(-1);
    if (this.arena.length > ARENA_LIMIT) {
      this.arena = new Float64Array(ARENA_LIMIT);
      this.arena32 = new Int32Array(this.arena.buffer);
    }
  }

  private place(packed: number, hash: number, offset: number): void {
    let s = hash & this.mask;
    while (this.table[s * 2] !== -1) s = (s + 1) & this.mask;
    this.table[s * 2] = packed;
    this.table[s * 2 + 1] = offset;
  }

  private rehash(size: number): void {
    const old = this.table;
    this.table = new Float64Array(size * 2).fill(-1);
    this.mask = size - 1;
    for (let s = 0; s < old.length; s += 2) {
      const packed = old[s];
      if (packed === -1) continue;
      const list = Math.floor(packed / this.keySpace);
      const key = packed - list * this.keySpace;
      this.place(packed, mix(list, key), old[s + 1]);
    }
  }
}
