/**
 * The straightforward node:crypto matcher the matching bench compares against: per key hkdfSync for the
 * RPIK, one createCipheriv("aes-128-ecb") for all its RPIs, and a Map of hex strings for the lookup.
 */
import { createCipheriv, hkdfSync } from "node:crypto";
import {
  type DiagnosisKeyLike,
  type IntervalMatch,
  isMatchableKey,
  type KeyMatch,
  MATCH_TOLERANCE_INTERVALS,
  type SeenRpi,
  writeRpiPaddedData,
} from "@bluezone/protocol";

/** Same contract and output as matchNaive / matchKeys. */
export function matchBaseline(seen: readonly SeenRpi[], keys: readonly DiagnosisKeyLike[]): KeyMatch[] {
  const seenByHex = new Map<string, number[]>();
  seen.forEach((s, i) => {
    const hex = Buffer.from(s.rpi.buffer, s.rpi.byteOffset, s.rpi.byteLength).toString("hex");
    const list = seenByHex.get(hex);
    if (list) list.push(i);
    else seenByHex.set(hex, [i]);
  });
  // The padded data only depends on the start interval; cache it so the baseline is not handicapped.
  const plaintexts = new Map<number, Uint8Array>();
  const result: KeyMatch[] = [];
  keys.forEach((key, keyIndex) => {
    if (!isMatchableKey(key)) return;
    const start = key.rollingStartIntervalNumber;
    const count = key.rollingPeriod;
    let plain = plaintexts.get(start * 256 + count);
    if (!plain) {
      plain = new Uint8Array(count * 16);
      writeRpiPaddedData(plain, start, count);
      plaintexts.set(start * 256 + count, plain);
    }
    const rpik = new Uint8Array(hkdfSync("sha256", key.keyData, new Uint8Array(0), "EN-RPIK", 16));
    const cipher = createCipheriv("aes-128-ecb", rpik, null);
    cipher.setAutoPadding(false);
    const rpis = Buffer.concat([cipher.update(plain), cipher.final()]);
    const matches: IntervalMatch[] = [];
    for (let j = 0; j < count; j++) {
      const hits = seenByHex.get(rpis.toString("hex", j * 16, j * 16 + 16));
      if (!hits) continue;
      for (const seenIndex of hits) {
        if (Math.abs(seen[seenIndex]!.intervalNumber - (start + j)) <= MATCH_TOLERANCE_INTERVALS) {
          matches.push({ intervalNumber: start + j, seenIndex });
        }
      }
    }
    if (matches.length > 0) result.push({ keyIndex, matches });
  });
  return result;
}
