/**
 * The fast matching core: derive each key's RPIs once (pluggable deriver), probe the SeenRpiIndex with
 * four int32 words per RPI, keep hits heard within +-12 intervals. No strings, no per-RPI allocation.
 */
import { ProtocolError } from "../errors.ts";
import { createPortableRpiDeriver } from "./derivers.ts";
import type { SeenRpiIndex } from "./seen-index.ts";
import { filterIndexOf, slotOf } from "./seen-index.ts";
import {
  type DiagnosisKeyLike,
  isMatchableKey,
  type KeyMatch,
  MATCH_TOLERANCE_INTERVALS,
  MAX_ROLLING_PERIOD,
  type RpiDeriver,
} from "./types.ts";

/** Growable list of (keyIndex, intervalNumber, seenIndex) triples. */
export class MatchTriples {
  data = new Int32Array(3 * 64);
  length = 0; // number of int32s used

  push(keyIndex: number, intervalNumber: number, seenIndex: number): void {
    if (this.length + 3 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = keyIndex;
    this.data[this.length++] = intervalNumber;
    this.data[this.length++] = seenIndex;
  }

  /** The used part of the buffer. */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Reusable per-thread scratch: derived RPIs copied to an int32-aligned buffer. */
export class MatchScratch {
  readonly bytes = new Uint8Array(MAX_ROLLING_PERIOD * 16);
  readonly words = new Int32Array(this.bytes.buffer);
}

/** True when some sighting could fall within tolerance of the key's window (else skip deriving). */
export function keyOverlapsIndex(index: SeenRpiIndex, start: number, count: number): boolean {
  return (
    start + count - 1 + MATCH_TOLERANCE_INTERVALS >= index.minInterval &&
    start - MATCH_TOLERANCE_INTERVALS <= index.maxInterval
  );
}

/**
 * Matches one key: derives its RPIs with `derive`, probes the index, appends triples to `out`.
 * The caller has checked the key is matchable (16 bytes, period 1..144).
 */
export function matchOneKey(
  index: SeenRpiIndex,
  keyData: Uint8Array,
  start: number,
  count: number,
  keyIndex: number,
  derive: RpiDeriver,
  scratch: MatchScratch,
  out: MatchTriples,
): void {
  if (!keyOverlapsIndex(index, start, count)) return;
  matchDerivedRpis(index, derive(keyData, start, count), start, count, keyIndex, scratch, out);
}

/**
 * Probes the index with a key's derived RPIs (`count` * 16 bytes for intervals start..start+count-1) and
 * appends a triple for every sighting heard within +-12 intervals of the RPI's own interval.
 */
export function matchDerivedRpis(
  index: SeenRpiIndex,
  rpis: Uint8Array,
  start: number,
  count: number,
  keyIndex: number,
  scratch: MatchScratch,
  out: MatchTriples,
): void {
  if (rpis.length !== count * 16 || count > MAX_ROLLING_PERIOD) {
    throw new ProtocolError("deriver_contract", "RPI deriver returned wrong length");
  }
  scratch.bytes.set(rpis);
  const w = scratch.words;
  const { words, heads, next, intervals, seed, filter, hashKey } = index;
  const shift = 32 - index.bits;
  const filterShift = 32 - index.filterBits;
  const mask = (1 << index.bits) - 1;
  for (let j = 0; j < count; j++) {
    const o = j * 4;
    const bit = filterIndexOf(w[o + 2]!, seed, filterShift);
    if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) continue;
    const w0 = w[o]!;
    const w1 = w[o + 1]!;
    const w2 = w[o + 2]!;
    const w3 = w[o + 3]!;
    let slot = slotOf(w0, w1, w2, w3, hashKey, shift);
    let head = heads[slot]!;
    while (head !== 0) {
      const so = slot * 4;
      if (words[so] === w0 && words[so + 1] === w1 && words[so + 2] === w2 && words[so + 3] === w3) {
        const interval = start + j;
        for (let s = head; s !== 0; s = next[s - 1]!) {
          const heard = intervals[s - 1]!;
          if (
            heard - interval <= MATCH_TOLERANCE_INTERVALS &&
            interval - heard <= MATCH_TOLERANCE_INTERVALS
          ) {
            out.push(keyIndex, interval, s - 1);
          }
        }
        break;
      }
      slot = (slot + 1) & mask;
      head = heads[slot]!;
    }
  }
}

/**
 * Groups triples into KeyMatch objects sorted by keyIndex. Each key's triples must be contiguous
 * and in order (true for any matcher that handles a key in one go), but keys may come in any order.
 */
export function triplesToKeyMatches(triples: Int32Array): KeyMatch[] {
  const result: KeyMatch[] = [];
  let current: KeyMatch | undefined;
  let sorted = true;
  for (let t = 0; t + 2 < triples.length; t += 3) {
    const keyIndex = triples[t]!;
    if (current === undefined || current.keyIndex !== keyIndex) {
      if (current !== undefined && keyIndex < current.keyIndex) sorted = false;
      current = { keyIndex, matches: [] };
      result.push(current);
    }
    current.matches.push({ intervalNumber: triples[t + 1]!, seenIndex: triples[t + 2]! });
  }
  if (!sorted) result.sort((a, b) => a.keyIndex - b.keyIndex);
  return result;
}

/**
 * Matches diagnosis keys against an index of seen RPIs on the calling thread. `deriveRpis` defaults to
 * the portable (noble) deriver; pass the node:crypto one from "@bluezone/protocol/node" on a server/CLI.
 */
export function matchKeys(
  index: SeenRpiIndex,
  keys: readonly DiagnosisKeyLike[],
  deriveRpis: RpiDeriver = createPortableRpiDeriver(),
): KeyMatch[] {
  const scratch = new MatchScratch();
  const out = new MatchTriples();
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (!isMatchableKey(key)) continue;
    matchOneKey(
      index,
      key.keyData,
      key.rollingStartIntervalNumber,
      key.rollingPeriod,
      k,
      deriveRpis,
      scratch,
      out,
    );
  }
  return triplesToKeyMatches(out.view());
}
