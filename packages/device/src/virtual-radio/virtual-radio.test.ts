import { describe, expect, it } from "vitest";
import { SeededRandom } from "../adapters/random.ts";
import type { ScanResult } from "../adapters.ts";
import { DEFAULT_PATH_LOSS, distanceForAttenuation, pathLossDb, rssiAt } from "./path-loss.ts";
import { positionAt } from "./trajectory.ts";
import { VirtualWorld } from "./virtual-world.ts";

const T0 = Date.UTC(2021, 7, 2, 9);
const M = DEFAULT_PATH_LOSS;

describe("log-distance path-loss model", () => {
  it("RSSI(d) = txPower - (referenceLoss + rssiCorrection) - 10 n log10(d) + noise", () => {
    // n = 2.5, reference loss 45 dB: at 1 m -10 - 45 = -55; at 10 m another 25 dB; correction 3 dB lower
    expect(rssiAt(1, { txPowerDbm: -10 }, { rssiCorrectionDb: 0 }, M, 0)).toBeCloseTo(-55, 10);
    expect(rssiAt(10, { txPowerDbm: -10 }, { rssiCorrectionDb: 0 }, M, 0)).toBeCloseTo(-80, 10);
    expect(rssiAt(10, { txPowerDbm: -10 }, { rssiCorrectionDb: 3 }, M, 0)).toBeCloseTo(-83, 10);
    expect(rssiAt(1, { txPowerDbm: -10 }, { rssiCorrectionDb: 0 }, M, 1.5)).toBeCloseTo(
      -55 + 1.5 * M.noiseSigmaDb,
      10,
    );
    expect(pathLossDb(0, M)).toBe(pathLossDb(M.minDistanceM, M));
    expect(distanceForAttenuation(pathLossDb(1.5, M), M)).toBeCloseTo(1.5, 10);
    const n2 = { ...M, exponent: 2 };
    expect(pathLossDb(100, n2) - pathLossDb(1, n2)).toBeCloseTo(40, 10);
  });

  it("after the phone's RSSI correction, attenuation does not depend on the receiver's hardware offset", () => {
    for (const corr of [-5, 0, 7]) {
      const rssi = rssiAt(2, { txPowerDbm: -4 }, { rssiCorrectionDb: corr }, M, 0);
      expect(-4 - (rssi + corr)).toBeCloseTo(pathLossDb(2, M), 10);
    }
  });

  it("noise is Gaussian with the configured sigma and reproducible from the seed", () => {
    const sample = (seed: number) => {
      const r = new SeededRandom(seed);
      return Array.from({ length: 5000 }, () =>
        rssiAt(3, { txPowerDbm: -10 }, { rssiCorrectionDb: 0 }, M, r.gaussian()),
      );
    };
    const xs = sample(1);
    expect(sample(1)).toEqual(xs);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(rssiAt(3, { txPowerDbm: -10 }, { rssiCorrectionDb: 0 }, M, 0), 0);
    expect(Math.abs(sd - M.noiseSigmaDb)).toBeLessThan(0.2);
  });
});

describe("VirtualWorld", () => {
  function twoPhones(seed: number, distanceM: number) {
    const world = new VirtualWorld({ seed, startMs: T0 });
    const a = world.addPhone({ id: "a", path: [{ tMs: 0, x: 0, y: 0 }] });
    const b = world.addPhone({ id: "b", path: [{ tMs: 0, x: distanceM, y: 0 }], txPowerDbm: -6 });
    const heard: ScanResult[] = [];
    a.onScanResult((r) => {
      heard.push(r);
    });
    b.startAdvertising(new Uint8Array(20).fill(7));
    return { world, a, b, heard };
  }

  it("each phone scans every 4-5 minutes, hearing a few advertisements within a few seconds", async () => {
    const { world, heard } = twoPhones(1, 2);
    await world.advanceTo(T0 + 3_600_000);
    expect(heard.length % 4).toBe(0);
    const starts: number[] = [];
    for (let i = 0; i < heard.length; i += 4) {
      starts.push(heard[i]!.timestampMs);
      expect(heard[i + 3]!.timestampMs - heard[i]!.timestampMs).toBeLessThan(4000);
    }
    expect(starts.length).toBeGreaterThanOrEqual(11);
    expect(starts.length).toBeLessThanOrEqual(15);
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(240_000);
      expect(starts[i]! - starts[i - 1]!).toBeLessThanOrEqual(300_000);
    }
    expect(heard.every((r) => r.serviceData.every((x) => x === 7))).toBe(true);
  });

  it("mean RSSI follows the model (per-device TX power) and is deterministic for a seed", async () => {
    const run = async (seed: number) => {
      const { world, heard } = twoPhones(seed, 2);
      await world.advanceTo(T0 + 24 * 3_600_000);
      return heard.map((r) => r.rssi);
    };
    const rssis = await run(3);
    expect(await run(3)).toEqual(rssis);
    expect(await run(4)).not.toEqual(rssis);
    const mean = rssis.reduce((a, b) => a + b, 0) / rssis.length;
    expect(mean).toBeCloseTo(rssiAt(2, { txPowerDbm: -6 }, { rssiCorrectionDb: 0 }, M, 0), 0);
  });

  it("a phone out of range, or not advertising, is not heard; positions interpolate along the path", async () => {
    const far = twoPhones(5, 500);
    await far.world.advanceTo(T0 + 3_600_000);
    expect(far.heard).toEqual([]);
    const quiet = twoPhones(5, 1);
    quiet.b.stopAdvertising();
    await quiet.world.advanceTo(T0 + 3_600_000);
    expect(quiet.heard).toEqual([]);
    const path = [
      { tMs: 0, x: 0, y: 0 },
      { tMs: 100, x: 10, y: 20 },
    ];
    expect(positionAt(path, 50)).toEqual({ x: 5, y: 10 });
    expect(positionAt(path, -5)).toEqual({ x: 0, y: 0 });
    expect(positionAt(path, 500)).toEqual({ x: 10, y: 20 });
  });
});
