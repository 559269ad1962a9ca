/** Test helpers for matching: random diagnosis keys and phones that heard some of their RPIs. */
import fc from "fast-check";
import { deriveRpik, rpisForKey } from "../gaen/derive.ts";
import type { DiagnosisKeyLike, SeenRpi } from "./types.ts";

export const BASE_INTERVAL = 2_650_000 - (2_650_000 % 144);

export interface MatchCase {
  keys: DiagnosisKeyLike[];
  seen: SeenRpi[];
}

/**
 * Keys over a few days, and a phone that heard: some keys' RPIs at an offset of -20..+20 intervals from
 * the RPI's own interval (so some count and some do not), repeats of the same RPI, and random RPIs.
 */
export const matchCaseArb: fc.Arbitrary<MatchCase> = fc
  .record({
    keys: fc.array(
      fc.record({
        keyData: fc.uint8Array({ minLength: 16, maxLength: 16 }),
        rollingStartIntervalNumber: fc.integer({ min: 0, max: 4 }).map((d) => BASE_INTERVAL + d * 144),
        rollingPeriod: fc.oneof(fc.constant(144), fc.integer({ min: 1, max: 144 })),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    heard: fc.array(
      fc.record({
        key: fc.nat(),
        slot: fc.nat(143),
        offset: fc.integer({ min: -20, max: 20 }),
        repeat: fc.nat(2),
      }),
      { maxLength: 30 },
    ),
    noise: fc.array(
      fc.record({
        rpi: fc.uint8Array({ minLength: 16, maxLength: 16 }),
        intervalNumber: fc.integer({ min: BASE_INTERVAL - 50, max: BASE_INTERVAL + 5 * 144 + 50 }),
      }),
      { maxLength: 20 },
    ),
  })
  .map(({ keys, heard, noise }) => {
    const seen: SeenRpi[] = [...noise];
    for (const h of heard) {
      const key = keys[h.key % keys.length]!;
      const j = h.slot % key.rollingPeriod;
      const rpi = rpisForKey(deriveRpik(key.keyData), key.rollingStartIntervalNumber + j, 1);
      for (let r = 0; r <= h.repeat; r++) {
        seen.push({ rpi, intervalNumber: key.rollingStartIntervalNumber + j + h.offset + r });
      }
    }
    // Shuffle deterministically so repeats are not adjacent.
    seen.sort((a, b) => (a.rpi[3]! ^ a.intervalNumber) - (b.rpi[3]! ^ b.intervalNumber));
    return { keys, seen };
  });
