/**
 * Bench: match 100,000 diagnosis keys against a phone that heard 5,000 RPIs. Baseline = straightforward
 * node:crypto matcher (hkdfSync, createCipheriv, hex strings); ours = matchKeysParallel on all cores.
 */
import { availableParallelism } from "node:os";
import { isDeepStrictEqual } from "node:util";
import {
  buildSeenRpiIndex,
  type DiagnosisKeyLike,
  deriveRpik,
  type KeyMatch,
  matchKeys,
  rpisForKey,
  type SeenRpi,
} from "@bluezone/protocol";
import { createMatchPool, createNodeRpiDeriver, matchKeysParallel } from "@bluezone/protocol/node";
import { DeterministicBytes } from "./lib/deterministic-bytes.ts";
import { matchBaseline } from "./lib/matching-baseline.ts";
import { formatRate, measure } from "./lib/measure.ts";
import type { Benchmark, BenchOptions, BenchResult } from "./lib/types.ts";

const DAYS = 14;
const FIRST_DAY_INTERVAL = 2_650_032; // a day-aligned EN interval (2020-05-21 00:00 UTC)
const TARGET_KEYS_PER_SECOND = 250_000;
const TARGET_RATIO = 7;

interface Fixture {
  keys: DiagnosisKeyLike[];
  seen: SeenRpi[];
}

/**
 * Keys spread over 14 days; the phone heard ~25 RPIs of each of a few "contact" keys (at -15..+15
 * intervals from the RPI's own interval, so some are outside the +-2 h rule) and random RPIs
 * spread over the same 14 days for the rest.
 */
export function makeFixture(keyCount: number, seenCount: number): Fixture {
  const rand = new DeterministicBytes(`matching-bench-${keyCount}-${seenCount}`);
  const keys: DiagnosisKeyLike[] = [];
  for (let i = 0; i < keyCount; i++) {
    keys.push({
      keyData: rand.take(16),
      rollingStartIntervalNumber: FIRST_DAY_INTERVAL + (i % DAYS) * 144,
      rollingPeriod: 144,
    });
  }
  const contactKeys = Math.min(8, keyCount);
  const seen: SeenRpi[] = [];
  for (let c = 0; c < contactKeys; c++) {
    const key = keys[rand.int(keyCount)]!;
    const rpis = rpisForKey(deriveRpik(key.keyData), key.rollingStartIntervalNumber, 144);
    for (let n = 0; n < 25 && seen.length < seenCount; n++) {
      const j = rand.int(144);
      const offset = rand.int(31) - 15;
      seen.push({
        rpi: rpis.slice(j * 16, j * 16 + 16),
        intervalNumber: key.rollingStartIntervalNumber + j + offset,
      });
    }
  }
  while (seen.length < seenCount) {
    seen.push({ rpi: rand.take(16), intervalNumber: FIRST_DAY_INTERVAL + rand.int(DAYS * 144) });
  }
  // Interleave contact sightings with the rest, as a real sighting log would be.
  for (let i = seen.length - 1; i > 0; i--) {
    const j = rand.int(i + 1);
    [seen[i], seen[j]] = [seen[j]!, seen[i]!];
  }
  return { keys, seen };
}

function countMatches(result: KeyMatch[]): number {
  return result.reduce((n, m) => n + m.matches.length, 0);
}

function assertSame(label: string, actual: KeyMatch[], expected: KeyMatch[]): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(`matching bench: ${label} disagrees with the baseline`);
  }
}

async function run(opts: BenchOptions): Promise<BenchResult> {
  const keyCount = opts.smoke ? 2_000 : 100_000;
  const seenCount = opts.smoke ? 500 : 5_000;
  const reps = opts.smoke ? 1 : 3;
  const workers = availableParallelism();
  const { keys, seen } = makeFixture(keyCount, seenCount);

  // Warm-up: JIT both paths and start the workers (tsx compiles their TypeScript) before timing.
  const warm = keys.slice(0, Math.min(2_000, keyCount));
  matchBaseline(seen, warm);
  matchKeys(buildSeenRpiIndex(seen), warm, createNodeRpiDeriver());
  const pool = createMatchPool({ workers });
  try {
    await pool.match(seen, warm);
    await pool.match(seen, warm);

    const baseline = await measure(reps, () => matchBaseline(seen, keys));
    const parallel = await measure(reps, () => pool.match(seen, keys));
    const single = await measure(reps, () =>
      matchKeys(buildSeenRpiIndex(seen), keys, createNodeRpiDeriver()),
    );
    const cold = await measure(1, () => matchKeysParallel(seen, keys, { workers }));

    const matches = countMatches(baseline.result);
    if (matches === 0) throw new Error("matching bench: fixture produced no matches");
    assertSame("matchKeysParallel (pool)", parallel.result, baseline.result);
    assertSame("matchKeys", single.result, baseline.result);
    assertSame("matchKeysParallel (one-off)", cold.result, baseline.result);

    const rate = (ms: number) => (keyCount * 1000) / ms;
    const cpuNote = (m: { medianCpuMs: number }) =>
      `${((m.medianCpuMs * 1000) / keyCount).toFixed(2)} µs CPU/key`;
    const baselineRate = rate(baseline.medianMs);
    const parallelRate = rate(parallel.medianMs);
    const ratio = parallelRate / baselineRate;
    return {
      setup: `${keyCount} keys vs ${seenCount} seen RPIs, ${matches} matches in ${baseline.result.length} keys, ${workers} workers, median of ${reps}`,
      figures: [
        {
          label: "(a) baseline hkdfSync+cipheriv+hex Set",
          value: baselineRate,
          unit: "keys/s",
          note: cpuNote(baseline),
        },
        {
          label: `(b) matchKeysParallel, warm pool of ${workers}`,
          value: parallelRate,
          unit: "keys/s",
          note: cpuNote(parallel),
        },
        {
          label: "matchKeys, one thread, node deriver",
          value: rate(single.medianMs),
          unit: "keys/s",
          note: cpuNote(single),
        },
        {
          label: "matchKeysParallel, incl. worker start",
          value: rate(cold.medianMs),
          unit: "keys/s",
          note: cpuNote(cold),
        },
      ],
      ratio: { label: "(b)/(a)", value: ratio },
      targets: [
        {
          label: `(b) >= ${formatRate(TARGET_KEYS_PER_SECOND)} keys/s`,
          met: parallelRate >= TARGET_KEYS_PER_SECOND,
        },
        { label: `(b)/(a) >= ${TARGET_RATIO}x`, met: ratio >= TARGET_RATIO },
      ],
    };
  } finally {
    await pool.close();
  }
}

export const matchingBench: Benchmark = { name: "matching", run };
