import { describe, expect, it } from "vitest";
import { cryptoRandom, SeededRandom } from "./random.ts";

describe("random sources", () => {
  it("SeededRandom is deterministic per seed and different across seeds", () => {
    expect(new SeededRandom(5).bytes(33)).toEqual(new SeededRandom(5).bytes(33));
    expect(new SeededRandom(5).bytes(16)).not.toEqual(new SeededRandom(6).bytes(16));
    const r = new SeededRandom(9);
    const forkA = r.fork();
    const forkB = r.fork();
    expect(forkA.nextUint32()).not.toBe(forkB.nextUint32());
  });

  it("gaussian() has mean ~0 and standard deviation ~1; uniform stays in range", () => {
    const r = new SeededRandom(1234);
    const n = 20_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const g = r.gaussian();
      sum += g;
      sq += g * g;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(Math.sqrt(sq / n - mean * mean) - 1)).toBeLessThan(0.05);
    for (let i = 0; i < 1000; i++) {
      const u = r.uniform(240, 300);
      expect(u).toBeGreaterThanOrEqual(240);
      expect(u).toBeLessThan(300);
    }
  });

  it("cryptoRandom gives the requested number of bytes, including more than 64 KiB", () => {
    expect(cryptoRandom.bytes(16)).toHaveLength(16);
    const big = cryptoRandom.bytes(70_000);
    expect(big).toHaveLength(70_000);
    expect(big.subarray(65_536).some((b) => b !== 0)).toBe(true);
  });
});
