import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hexToBytes } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import { matchKeys } from "./match-keys.ts";
import { matchCaseArb } from "./matching.testutil.ts";
import { matchNaive } from "./naive.ts";
import { buildSeenRpiIndex } from "./seen-index.ts";
import type { DiagnosisKeyLike, SeenRpi } from "./types.ts";

interface Vectors {
  tek: string;
  en_interval_number_of_generated_key: number;
  advertised: { interval_number: number; rpi: string }[];
}
const vectors = JSON.parse(
  readFileSync(
    new URL("../../../../../shared/gaen-vectors/en_crypto_test_vectors_v1.2.json", import.meta.url),
    "utf8",
  ),
) as Vectors;
const vectorKey: DiagnosisKeyLike = {
  keyData: hexToBytes(vectors.tek),
  rollingStartIntervalNumber: vectors.en_interval_number_of_generated_key,
  rollingPeriod: 144,
};
const otherKey: DiagnosisKeyLike = { ...vectorKey, keyData: new Uint8Array(16).fill(9) };

/** The official RPIs, heard `offset` intervals after the interval they were broadcast in. */
function heardAt(offset: number, every = 1): SeenRpi[] {
  return vectors.advertised
    .filter((_, i) => i % every === 0)
    .map((v) => ({ rpi: hexToBytes(v.rpi), intervalNumber: v.interval_number + offset }));
}

function bothMatchers(seen: SeenRpi[], keys: DiagnosisKeyLike[], seed = 0) {
  const naive = matchNaive(seen, keys);
  const fast = matchKeys(buildSeenRpiIndex(seen, { seed }), keys);
  expect(fast).toEqual(naive);
  return naive;
}

describe("matching with the official test vector TEK", () => {
  it("matches all 144 RPIs heard in their own interval", () => {
    const seen = heardAt(0);
    const result = bothMatchers(seen, [otherKey, vectorKey]);
    expect(result).toHaveLength(1);
    expect(result[0]!.keyIndex).toBe(1);
    expect(result[0]!.matches).toEqual(
      vectors.advertised.map((v, i) => ({ intervalNumber: v.interval_number, seenIndex: i })),
    );
  });

  it("counts RPIs heard up to 2 hours (12 intervals) off, in either direction", () => {
    for (const offset of [-12, -5, 7, 12]) {
      const result = bothMatchers(heardAt(offset, 10), [vectorKey]);
      expect(result[0]!.matches).toHaveLength(15);
    }
  });

  it("does not count RPIs heard 13 intervals or 3 hours off", () => {
    for (const offset of [-18, -13, 13, 18]) {
      expect(bothMatchers(heardAt(offset, 10), [vectorKey])).toEqual([]);
    }
  });

  it("reports each sighting of an RPI heard several times", () => {
    const v = vectors.advertised[40]!;
    const rpi = hexToBytes(v.rpi);
    const seen: SeenRpi[] = [
      { rpi, intervalNumber: v.interval_number + 1 },
      { rpi: new Uint8Array(16), intervalNumber: v.interval_number },
      { rpi, intervalNumber: v.interval_number + 30 },
      { rpi, intervalNumber: v.interval_number },
    ];
    expect(bothMatchers(seen, [vectorKey])).toEqual([
      {
        keyIndex: 0,
        matches: [
          { intervalNumber: v.interval_number, seenIndex: 0 },
          { intervalNumber: v.interval_number, seenIndex: 3 },
        ],
      },
    ]);
  });

  it("only derives the key's rolling period", () => {
    const short = { ...vectorKey, rollingPeriod: 10 };
    expect(bothMatchers(heardAt(0), [short])[0]!.matches).toHaveLength(10);
  });

  it("ignores unmatchable keys and sightings", () => {
    const seen = [...heardAt(0, 20), { rpi: new Uint8Array(15), intervalNumber: 1 }];
    seen.push({ rpi: hexToBytes(vectors.advertised[1]!.rpi), intervalNumber: 2.5 });
    const keys: DiagnosisKeyLike[] = [
      { ...vectorKey, rollingPeriod: 0 },
      { ...vectorKey, rollingPeriod: 145 },
      { ...vectorKey, keyData: new Uint8Array(8) },
      vectorKey,
    ];
    const result = bothMatchers(seen, keys);
    expect(result.map((m) => m.keyIndex)).toEqual([3]);
    expect(result[0]!.matches).toHaveLength(8);
  });
});

describe("fast matcher agrees with the reference", () => {
  it("on random keys, sightings and hash seeds", () => {
    let matched = 0;
    let rejectedByTime = 0;
    fc.assert(
      fc.property(matchCaseArb, fc.integer(), ({ keys, seen }, seed) => {
        const result = bothMatchers(seen, keys, seed);
        const hits = result.reduce((n, m) => n + m.matches.length, 0);
        matched += hits;
        if (hits < seen.length) rejectedByTime++;
      }),
      { numRuns: 150 },
    );
    // The generator really exercises both outcomes.
    expect(matched).toBeGreaterThan(100);
    expect(rejectedByTime).toBeGreaterThan(10);
  });

  it("on an empty phone and on no keys", () => {
    expect(bothMatchers([], [vectorKey])).toEqual([]);
    expect(bothMatchers(heardAt(0), [])).toEqual([]);
  });

  it("accepts a pluggable deriver and checks its output length", () => {
    const index = buildSeenRpiIndex(heardAt(0));
    let calls = 0;
    const counting = (_keyData: Uint8Array, _start: number, count: number) => {
      calls++;
      return new Uint8Array(count * 16).fill(0xee);
    };
    expect(matchKeys(index, [vectorKey, otherKey], counting)).toEqual([]);
    expect(calls).toBe(2);
    expect(() => matchKeys(index, [vectorKey], () => new Uint8Array(5))).toThrow(ProtocolError);
  });

  it("skips keys whose window is far from every sighting without deriving them", () => {
    const index = buildSeenRpiIndex(heardAt(0));
    let calls = 0;
    const far = { ...vectorKey, rollingStartIntervalNumber: vectorKey.rollingStartIntervalNumber + 144 * 3 };
    matchKeys(index, [far], (_k, _s, count) => {
      calls++;
      return new Uint8Array(count * 16);
    });
    expect(calls).toBe(0);
  });
});
