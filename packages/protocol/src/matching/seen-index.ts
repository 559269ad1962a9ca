/**
 * SeenRpiIndex: the RPIs a phone has heard, in an open-addressing hash table of typed arrays keyed by the
 * four 32-bit words of each RPI (no strings). Built once, probed millions of times; shareable across threads.
 */
import { ProtocolError } from "../errors.ts";
import { isMatchableSighting, type SeenRpi } from "./types.ts";

/** The index as plain typed arrays: structured-clonable, and shared (not copied) when SAB-backed. */
export interface SeenRpiIndex {
  /** Number of seen entries (including duplicates and unusable ones, which are never linked). */
  size: number;
  /** log2 of the table capacity. */
  bits: number;
  /** Hash seed (see buildSeenRpiIndex). */
  seed: number;
  /** Four odd multipliers derived from the seed: the slot hash is keyed on all 128 bits of the RPI. */
  hashKey: Int32Array;
  /** Smallest and largest heard interval among indexed entries (min > max when empty). */
  minInterval: number;
  maxInterval: number;
  /** log2 of the prefilter's size in bits (at least 16 bits per seen entry). */
  filterBits: number;
  /**
   * Bitset prefilter, small enough for L1 cache: bit filterIndex(w2) is set for every indexed RPI, so
   * most derived RPIs (never heard) are rejected with one load, before touching the hash table.
   */
  filter: Int32Array;
  /** capacity * 4 words: the RPI stored in each occupied slot, as native-endian int32 words. */
  words: Int32Array;
  /** capacity entries: 1 + the first seen index with the slot's RPI; 0 marks an empty slot. */
  heads: Int32Array;
  /** size entries: 1 + the next seen index with the same RPI (ascending); 0 ends the chain. */
  next: Int32Array;
  /** size entries: the interval each seen entry was heard in. */
  intervals: Int32Array;
}

export interface SeenRpiIndexOptions {
  /**
   * 32-bit seed that keys the slot hash. Sightings come from untrusted radios, so a phone should pass
   * a random seed: otherwise a broadcaster could craft colliding RPIs and slow matching down (with a
   * secret seed, collisions are as rare as for random RPIs, since the hash covers all 16 bytes).
   */
  seed?: number;
  /** Allocate the arrays on a SharedArrayBuffer so worker threads can read the index without copying. */
  shared?: boolean;
}

/** Slot of an RPI (its four words): keyed multiply-add-shift hash; `shift` = 32 - bits. */
export function slotOf(
  w0: number,
  w1: number,
  w2: number,
  w3: number,
  key: Int32Array,
  shift: number,
): number {
  const sum =
    (Math.imul(w0, key[0]!) + Math.imul(w1, key[1]!) + Math.imul(w2, key[2]!) + Math.imul(w3, key[3]!)) | 0;
  return sum >>> shift;
}

/** The hash key (four odd multipliers) of a seed, via the splitmix32 finaliser. */
export function hashKeyOf(seed: number): Int32Array {
  const key = new Int32Array(4);
  for (let i = 0; i < 4; i++) {
    let x = (seed + Math.imul(i + 1, 0x9e3779b9)) | 0;
    x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
    x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
    key[i] = (x ^ (x >>> 16)) | 1;
  }
  return key;
}

/** Prefilter bit of an RPI given its third word; `filterShift` = 32 - filterBits. */
export function filterIndexOf(w2: number, seed: number, filterShift: number): number {
  return (w2 ^ seed) >>> filterShift;
}

function allocInt32(length: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
}

/** Builds the index; the load factor stays at or below 1/4 so misses usually cost one probe. */
export function buildSeenRpiIndex(seen: readonly SeenRpi[], options: SeenRpiIndexOptions = {}): SeenRpiIndex {
  const seed = (options.seed ?? 0) | 0;
  const hashKey = hashKeyOf(seed);
  const shared = options.shared ?? false;
  let bits = 4;
  while (1 << bits < seen.length * 4) bits++;
  if (bits > 30) throw new ProtocolError("invalid_argument", "too many seen RPIs for one index");
  const capacity = 1 << bits;
  const mask = capacity - 1;
  const shift = 32 - bits;
  const words = allocInt32(capacity * 4, shared);
  const heads = allocInt32(capacity, shared);
  const next = allocInt32(seen.length, shared);
  const intervals = allocInt32(seen.length, shared);
  let filterBits = 10;
  while (1 << filterBits < seen.length * 16) filterBits++;
  const filterShift = 32 - filterBits;
  const filter = allocInt32(1 << (filterBits - 5), shared);
  const tails = new Int32Array(capacity); // last seen index + 1 of each chain, to append in order
  const block = new Uint8Array(16);
  const blockWords = new Int32Array(block.buffer);
  let minInterval = 0x7fffffff;
  let maxInterval = -1;
  for (let i = 0; i < seen.length; i++) {
    const s = seen[i]!;
    if (!isMatchableSighting(s)) continue;
    intervals[i] = s.intervalNumber;
    if (s.intervalNumber < minInterval) minInterval = s.intervalNumber;
    if (s.intervalNumber > maxInterval) maxInterval = s.intervalNumber;
    block.set(s.rpi);
    const w0 = blockWords[0]!;
    const w1 = blockWords[1]!;
    const w2 = blockWords[2]!;
    const w3 = blockWords[3]!;
    const bit = filterIndexOf(w2, seed, filterShift);
    filter[bit >>> 5]! |= 1 << (bit & 31);
    let slot = slotOf(w0, w1, w2, w3, hashKey, shift);
    for (;;) {
      if (heads[slot] === 0) {
        heads[slot] = i + 1;
        tails[slot] = i + 1;
        words.set(blockWords, slot * 4);
        break;
      }
      const o = slot * 4;
      if (words[o] === w0 && words[o + 1] === w1 && words[o + 2] === w2 && words[o + 3] === w3) {
        next[tails[slot]! - 1] = i + 1;
        tails[slot] = i + 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return {
    size: seen.length,
    bits,
    seed,
    hashKey,
    minInterval,
    maxInterval,
    filterBits,
    filter,
    words,
    heads,
    next,
    intervals,
  };
}

/** Seen indices (ascending) whose RPI equals `rpi`; for tests and one-off lookups, not the hot loop. */
export function lookupSeenRpi(index: SeenRpiIndex, rpi: Uint8Array): number[] {
  if (rpi.length !== 16) return [];
  const w = new Int32Array(Uint8Array.from(rpi).buffer);
  const mask = (1 << index.bits) - 1;
  let slot = slotOf(w[0]!, w[1]!, w[2]!, w[3]!, index.hashKey, 32 - index.bits);
  for (;;) {
    const head = index.heads[slot]!;
    if (head === 0) return [];
    const o = slot * 4;
    const { words } = index;
    if (words[o] === w[0] && words[o + 1] === w[1] && words[o + 2] === w[2] && words[o + 3] === w[3]) {
      const out: number[] = [];
      for (let s = head; s !== 0; s = index.next[s - 1]!) out.push(s - 1);
      return out;
    }
    slot = (slot + 1) & mask;
  }
}
