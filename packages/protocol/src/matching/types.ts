/**
 * Vocabulary of key matching: what the phone heard (SeenRpi), what was published (DiagnosisKeyLike),
 * what matched (KeyMatch), the GAEN +-2 h tolerance and the pluggable RPI deriver.
 */
import type { TemporaryExposureKey } from "../gaen/tek.ts";

/** An RPI heard over BLE, with the EN interval in which it was heard. */
export interface SeenRpi {
  rpi: Uint8Array;
  intervalNumber: number;
}

/** The fields of a (diagnosis) TEK that matching needs. */
export type DiagnosisKeyLike = Pick<
  TemporaryExposureKey,
  "keyData" | "rollingStartIntervalNumber" | "rollingPeriod"
>;

/** One matching sighting: the key's interval whose RPI matched, and which seen entry it matched. */
export interface IntervalMatch {
  intervalNumber: number;
  seenIndex: number;
}

/** A diagnosis key with at least one match; matches sorted by intervalNumber, then seenIndex. */
export interface KeyMatch {
  keyIndex: number;
  matches: IntervalMatch[];
}

/** An RPI derived for interval i counts only if heard within this many intervals of i (2 hours). */
export const MATCH_TOLERANCE_INTERVALS = 12;
/** Largest rolling period a key may claim; keys outside 1..144 are ignored by matching. */
export const MAX_ROLLING_PERIOD = 144;

/** Derives the RPIs of `count` intervals from `startInterval` for TEK `keyData` (count * 16 bytes). */
export type RpiDeriver = (keyData: Uint8Array, startInterval: number, count: number) => Uint8Array;

/** True when the sighting can be matched: a 16-byte RPI heard in an int32 EN interval. */
export function isMatchableSighting(s: SeenRpi): boolean {
  const i = s.intervalNumber;
  return s.rpi.length === 16 && Number.isInteger(i) && i >= 0 && i <= 0x7fffffff;
}

/** True when the key has 16 bytes and a rolling window matching can use (uint32 start, period 1..144). */
export function isMatchableKey(key: DiagnosisKeyLike): boolean {
  const { keyData, rollingStartIntervalNumber: start, rollingPeriod: period } = key;
  return (
    keyData.length === 16 &&
    Number.isInteger(start) &&
    start >= 0 &&
    Number.isInteger(period) &&
    period >= 1 &&
    period <= MAX_ROLLING_PERIOD &&
    start + period - 1 <= 0x7fffffff
  );
}
