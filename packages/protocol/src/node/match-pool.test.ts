import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { hexToBytes } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import { matchKeys } from "../matching/match-keys.ts";
import { matchCaseArb } from "../matching/matching.testutil.ts";
import { matchNaive } from "../matching/naive.ts";
import { buildSeenRpiIndex } from "../matching/seen-index.ts";
import type { DiagnosisKeyLike, SeenRpi } from "../matching/types.ts";
import { createMatchPool, matchKeysParallel } from "./match-pool.ts";
import { createNodeRpiDeriver } from "./node-deriver.ts";

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

const pool = createMatchPool({ workers: 2, chunkSize: 3 });
afterAll(() => pool.close());

describe("matchKeysParallel / MatchPool (worker threads)", () => {
  it("matches the official TEK's RPIs heard on time, not those heard 3 hours off", async () => {
    const onTime: SeenRpi[] = vectors.advertised.map((v) => ({
      rpi: hexToBytes(v.rpi),
      intervalNumber: v.interval_number,
    }));
    const late = onTime.map((s) => ({ ...s, intervalNumber: s.intervalNumber + 18 }));
    const decoys: DiagnosisKeyLike[] = Array.from({ length: 9 }, (_, i) => ({
      ...vectorKey,
      keyData: new Uint8Array(16).fill(i + 1),
    }));
    const keys = [...decoys.slice(0, 4), vectorKey, ...decoys.slice(4)];
    const result = await pool.match(onTime, keys);
    expect(result).toEqual(matchNaive(onTime, keys));
    expect(result).toHaveLength(1);
    expect(result[0]!.keyIndex).toBe(4);
    expect(result[0]!.matches).toHaveLength(144);
    expect(await pool.match(late, keys)).toEqual([]);
  });

  it("agrees with the naive and single-thread matchers on random cases", async () => {
    await fc.assert(
      fc.asyncProperty(matchCaseArb, fc.integer(), async ({ keys, seen }, seed) => {
        const naive = matchNaive(seen, keys);
        expect(matchKeys(buildSeenRpiIndex(seen, { seed }), keys, createNodeRpiDeriver())).toEqual(naive);
        expect(await pool.match(seen, keys, { seed })).toEqual(naive);
      }),
      { numRuns: 60 },
    );
  });

  it("accepts a prebuilt shared index and runs concurrent calls one after another", async () => {
    const seen: SeenRpi[] = vectors.advertised.map((v) => ({
      rpi: hexToBytes(v.rpi),
      intervalNumber: v.interval_number,
    }));
    const index = buildSeenRpiIndex(seen, { shared: true, seed: 1234 });
    const [a, b] = await Promise.all([
      pool.match(index, [vectorKey]),
      pool.match(index, [vectorKey, vectorKey]),
    ]);
    expect(a[0]!.matches).toHaveLength(144);
    expect(b.map((m) => m.keyIndex)).toEqual([0, 1]);
  });

  it("starts and closes a one-off pool when none is given", async () => {
    const seen: SeenRpi[] = [
      { rpi: hexToBytes(vectors.advertised[0]!.rpi), intervalNumber: vectorKey.rollingStartIntervalNumber },
    ];
    const result = await matchKeysParallel(seen, [vectorKey], { workers: 1 });
    expect(result).toEqual([
      { keyIndex: 0, matches: [{ intervalNumber: vectorKey.rollingStartIntervalNumber, seenIndex: 0 }] },
    ]);
  });

  it("rejects calls after close()", async () => {
    const closing = createMatchPool({ workers: 1 });
    await closing.close();
    await expect(closing.match([], [vectorKey])).rejects.toThrow(ProtocolError);
  });
});
