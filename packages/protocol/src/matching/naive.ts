/**
 * Reference matcher: derive every RPI of every key and look it up in a Map of hex strings.
 * Slow and obvious on purpose; the fast matchers are tested against it.
 */
import { bytesToHex } from "../bytes.ts";
import { deriveRpik, rpisForKey } from "../gaen/derive.ts";
import {
  type DiagnosisKeyLike,
  type IntervalMatch,
  isMatchableKey,
  isMatchableSighting,
  type KeyMatch,
  MATCH_TOLERANCE_INTERVALS,
  type SeenRpi,
} from "./types.ts";

/** Returns the keys with RPIs heard within +-12 intervals of the interval they were derived for. */
export function matchNaive(seen: readonly SeenRpi[], keys: readonly DiagnosisKeyLike[]): KeyMatch[] {
  const seenByHex = new Map<string, number[]>();
  seen.forEach((s, i) => {
    if (!isMatchableSighting(s)) return;
    const hex = bytesToHex(s.rpi);
    const list = seenByHex.get(hex);
    if (list) list.push(i);
    else seenByHex.set(hex, [i]);
  });
  const result: KeyMatch[] = [];
  keys.forEach((key, keyIndex) => {
    if (!isMatchableKey(key)) return;
    const start = key.rollingStartIntervalNumber;
    const rpis = rpisForKey(deriveRpik(key.keyData), start, key.rollingPeriod);
    const matches: IntervalMatch[] = [];
    for (let j = 0; j < key.rollingPeriod; j++) {
      const hits = seenByHex.get(bytesToHex(rpis.subarray(j * 16, j * 16 + 16)));
      for (const seenIndex of hits ?? []) {
        const heard = seen[seenIndex]!.intervalNumber;
        if (Math.abs(heard - (start + j)) <= MATCH_TOLERANCE_INTERVALS) {
          matches.push({ intervalNumber: start + j, seenIndex });
        }
      }
    }
    if (matches.length > 0) result.push({ keyIndex, matches });
  });
  return result;
}
