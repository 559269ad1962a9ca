import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../adapters/memory-store.ts";
import { SightingLog, type SightingReading } from "./sighting-log.ts";
import { PersistentSightingLog } from "./sighting-store.ts";

const T0 = Date.UTC(2021, 7, 2, 9);
const rpi = (n: number) => n.toString(16).padStart(32, "0");
const reading = (n: number, rssi: number, t: number): SightingReading => ({
  rpi: rpi(n),
  aem: "01020304",
  rssi,
  timestampMs: t,
});

describe("SightingLog", () => {
  it("counts the same RPI once per scan instant, with mean and peak RSSI", () => {
    const log = new SightingLog({ maxSightings: 100, scanInstantMs: 20_000 });
    expect(log.record(reading(1, -60, T0)).merged).toBe(false);
    expect(log.record(reading(1, -70, T0 + 1000)).merged).toBe(true);
    expect(log.record(reading(1, -65, T0 + 3000)).merged).toBe(true);
    log.record(reading(2, -80, T0 + 1000)); // another RPI in the same scan
    expect(log.size).toBe(2);
    const s1 = log.all().find((s) => s.rpi === rpi(1))!;
    expect(s1).toMatchObject({ rssi: -65, peakRssi: -60, readings: 3, timestampMs: T0 });
    // The next scan, 4.5 minutes later, is a new sighting of the same RPI.
    expect(log.record(reading(1, -62, T0 + 270_000)).merged).toBe(false);
    expect(log.size).toBe(3);
  });

  it("is bounded: recording past maxSightings drops the oldest", () => {
    const log = new SightingLog({ maxSightings: 3, scanInstantMs: 1000 });
    for (let i = 0; i < 5; i++) log.record(reading(i, -60, T0 + i * 60_000));
    expect(log.size).toBe(3);
    expect(log.all().map((s) => s.rpi)).toEqual([rpi(2), rpi(3), rpi(4)]);
    const out = log.record(reading(9, -60, T0 + 10 * 60_000));
    expect(out.evicted.map((s) => s.rpi)).toEqual([rpi(2)]);
  });

  it("stays sorted, bounded and de-duplicated for any reading sequence (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3_600_000 })), {
          maxLength: 200,
        }),
        fc.integer({ min: 1, max: 50 }),
        (events, max) => {
          const log = new SightingLog({ maxSightings: max, scanInstantMs: 10_000 });
          for (const [n, dt] of events) log.record(reading(n, -70, T0 + dt));
          const all = log.all();
          expect(all.length).toBeLessThanOrEqual(max);
          for (let i = 1; i < all.length; i++)
            expect(all[i]!.timestampMs).toBeGreaterThanOrEqual(all[i - 1]!.timestampMs);
          expect(all.reduce((n, s) => n + s.readings, 0)).toBeLessThanOrEqual(events.length);
        },
      ),
    );
  });
});

describe("PersistentSightingLog", () => {
  it("persists per interval, reloads, and after 15 simulated days keeps nothing older than 14 days", async () => {
    const store = new MemoryStore();
    const opts = { maxSightings: 100_000, scanInstantMs: 20_000, retentionDays: 14 };
    const log = new PersistentSightingLog(store, opts);
    await log.load();
    const DAY = 86_400_000;
    for (let t = T0; t < T0 + 15 * DAY; t += 270_000)
      await log.record(reading(Math.floor(t / 600_000), -60, t), t);
    const end = T0 + 15 * DAY;
    await log.prune(end);
    const cutoff = end - 14 * DAY;
    expect(log.all().every((s) => s.timestampMs >= cutoff)).toBe(true);
    expect(log.all()[0]!.timestampMs - cutoff).toBeLessThan(270_000);

    const reloaded = new PersistentSightingLog(store, opts);
    await reloaded.load();
    expect(reloaded.all()).toEqual(log.all());
    const keys = await store.list("sighting/");
    expect(keys.every((k) => (Number(k.slice(9)) + 1) * 600_000 > cutoff)).toBe(true);
  });

  it("applies retention on every write and ignores readings already past retention", async () => {
    const store = new MemoryStore();
    const log = new PersistentSightingLog(store, {
      maxSightings: 10,
      scanInstantMs: 1000,
      retentionDays: 14,
    });
    await log.record(reading(1, -60, T0), T0);
    const later = T0 + 14 * 86_400_000 + 1;
    expect(await log.record(reading(2, -60, T0), later)).toBe(false);
    expect(await log.record(reading(3, -60, later), later)).toBe(true);
    expect(log.all().map((s) => s.rpi)).toEqual([rpi(3)]);
    expect(await store.list("sighting/")).toHaveLength(1);
  });
});
