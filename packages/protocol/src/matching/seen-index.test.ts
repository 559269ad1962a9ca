import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../bytes.ts";
import { buildSeenRpiIndex, lookupSeenRpi, slotOf } from "./seen-index.ts";
import type { SeenRpi } from "./types.ts";

const rpiArb = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe("SeenRpiIndex", () => {
  it("finds every seen RPI with all its seen indices, and nothing else", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ rpi: rpiArb, intervalNumber: fc.nat(3_000_000) }), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.array(rpiArb, { maxLength: 20 }),
        fc.integer(),
        (unique, repeats, probes, seed) => {
          const seen: SeenRpi[] = [...unique];
          for (const r of repeats) if (unique.length > 0) seen.push(unique[r % unique.length]!);
          const index = buildSeenRpiIndex(seen, { seed });
          const expected = new Map<string, number[]>();
          seen.forEach((s, i) => {
            const hex = bytesToHex(s.rpi);
            expected.set(hex, [...(expected.get(hex) ?? []), i]);
          });
          for (const s of seen) expect(lookupSeenRpi(index, s.rpi)).toEqual(expected.get(bytesToHex(s.rpi)));
          for (const p of probes) expect(lookupSeenRpi(index, p)).toEqual(expected.get(bytesToHex(p)) ?? []);
          expect(index.heads.length).toBeGreaterThanOrEqual(4 * seen.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("handles RPIs that share their first words (same slot, linear probing)", () => {
    const seen: SeenRpi[] = Array.from({ length: 40 }, (_, i) => {
      const rpi = new Uint8Array(16);
      rpi[15] = i;
      return { rpi, intervalNumber: 100 + i };
    });
    const index = buildSeenRpiIndex(seen);
    seen.forEach((s, i) => {
      expect(lookupSeenRpi(index, s.rpi)).toEqual([i]);
    });
    const absent = new Uint8Array(16);
    absent[15] = 200;
    expect(lookupSeenRpi(index, absent)).toEqual([]);
    expect(index.minInterval).toBe(100);
    expect(index.maxInterval).toBe(139);
  });

  it("spreads crafted RPIs that differ only in their last bytes (the hash is keyed on all 16 bytes)", () => {
    const seen: SeenRpi[] = Array.from({ length: 2000 }, (_, i) => {
      const rpi = new Uint8Array(16).fill(0x5a);
      new DataView(rpi.buffer).setUint32(12, i * 7919);
      return { rpi, intervalNumber: 1000 };
    });
    for (const seed of [0, 1, 0x7fffffff, -123456]) {
      const index = buildSeenRpiIndex(seen, { seed });
      const homes = new Set(
        seen.map((s) => {
          const w = new Int32Array(Uint8Array.from(s.rpi).buffer);
          return slotOf(w[0]!, w[1]!, w[2]!, w[3]!, index.hashKey, 32 - index.bits);
        }),
      );
      // 2000 random keys in 8192 slots occupy ~1770 distinct home slots; a hash of the shared prefix gives 1.
      expect(homes.size).toBeGreaterThan(1500);
      seen.forEach((s, i) => {
        expect(lookupSeenRpi(index, s.rpi)).toEqual([i]);
      });
    }
    expect(Array.from(buildSeenRpiIndex(seen, { seed: 1 }).hashKey)).not.toEqual(
      Array.from(buildSeenRpiIndex(seen, { seed: 2 }).hashKey),
    );
  });

  it("can live on SharedArrayBuffers for worker threads", () => {
    const index = buildSeenRpiIndex([{ rpi: new Uint8Array(16).fill(1), intervalNumber: 5 }], {
      shared: true,
    });
    expect(index.words.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(index.heads.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(lookupSeenRpi(structuredClone(index), new Uint8Array(16).fill(1))).toEqual([0]);
  });
});
