import {
  decryptAem,
  deriveAemk,
  deriveRpik,
  hexToBytes,
  parseAdvertisementServiceData,
  parseBleMetadata,
  rpiFor,
  TEK_ROLLING_PERIOD,
} from "@bluezone/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../adapters/memory-store.ts";
import { SeededRandom } from "../adapters/random.ts";
import { KeyRing } from "./key-ring.ts";
import {
  advertisementFor,
  currentTek,
  INTERVAL_MS,
  intervalAt,
  newDailyTek,
  oldestRetainedRollingStart,
  partitionByRetention,
  tekSecrets,
} from "./key-schedule.ts";

const DAY_MS = 86_400_000;
const DAY0 = Date.UTC(2021, 7, 2);

describe("key schedule (GAEN rules)", () => {
  it("a TEK's rolling start is the first interval of its UTC day and it lasts 144 intervals", () => {
    fc.assert(
      fc.property(fc.integer({ min: DAY0, max: DAY0 + 400 * DAY_MS }), (nowMs) => {
        const tek = newDailyTek(new Uint8Array(16).fill(7), nowMs);
        const dayStart = Math.floor(nowMs / DAY_MS) * DAY_MS;
        expect(tek.rollingStartIntervalNumber % TEK_ROLLING_PERIOD).toBe(0);
        expect(tek.rollingStartIntervalNumber).toBe(dayStart / INTERVAL_MS);
        expect(tek.rollingPeriod).toBe(144);
        expect(currentTek([tek], nowMs)).toBe(tek);
        expect(currentTek([tek], dayStart + DAY_MS)).toBeUndefined();
        expect(currentTek([tek], dayStart - 1)).toBeUndefined();
      }),
    );
  });

  it("the advertisement is RPI(interval) || AEM(metadata with our TX power) and changes every 10 minutes", () => {
    const tek = newDailyTek(hexToBytes("75c734c6dd1a782de7a965da5eb93125"), DAY0);
    const secrets = tekSecrets(tek);
    const seen = new Set<string>();
    for (let i = 0; i < 144; i++) {
      const now = DAY0 + i * INTERVAL_MS + 123_456;
      const interval = intervalAt(now);
      const ad = advertisementFor(secrets, interval, -12);
      const { rpi, aem } = parseAdvertisementServiceData(ad.serviceData);
      expect(rpi).toEqual(rpiFor(deriveRpik(tek.keyData), interval));
      expect(parseBleMetadata(decryptAem(deriveAemk(tek.keyData), rpi, aem)).txPowerDbm).toBe(-12);
      seen.add(Buffer.from(ad.serviceData).toString("hex"));
    }
    expect(seen.size).toBe(144);
  });

  it("retention keeps today's TEK and the 13 days before it (14 TEKs)", () => {
    const now = DAY0 + 20 * DAY_MS + 5 * 3_600_000;
    const teks = Array.from({ length: 21 }, (_, d) =>
      newDailyTek(new Uint8Array(16).fill(d), DAY0 + d * DAY_MS),
    );
    const { kept, expired } = partitionByRetention(teks, now, 14);
    expect(kept).toHaveLength(14);
    expect(expired).toHaveLength(7);
    expect(Math.min(...kept.map((t) => t.rollingStartIntervalNumber))).toBe(
      oldestRetainedRollingStart(now, 14),
    );
    expect(kept.every((t) => now - t.rollingStartIntervalNumber * INTERVAL_MS < 14 * DAY_MS)).toBe(true);
  });
});

describe("KeyRing", () => {
  it("makes one new random TEK per UTC day, deletes TEKs older than 14 days, and survives a reload", async () => {
    const store = new MemoryStore();
    const ring = new KeyRing(store, new SeededRandom(1));
    await ring.load();
    const created = [];
    for (let minute = 0; minute < 15 * 24 * 60; minute += 30) {
      const now = DAY0 + minute * 60_000;
      const r = await ring.rotate(now, 14);
      if (r.created) created.push(r.created);
    }
    expect(created).toHaveLength(15);
    const starts = created.map((t) => t.rollingStartIntervalNumber);
    expect(starts.every((s, i) => i === 0 || s - starts[i - 1]! === 144)).toBe(true);
    expect(new Set(created.map((t) => Buffer.from(t.keyData).toString("hex"))).size).toBe(15);

    const kept = ring.keys();
    expect(kept).toHaveLength(14);
    expect(kept[0]!.rollingStartIntervalNumber).toBe(starts[1]);
    expect(await store.list("tek/")).toHaveLength(14);

    const reloaded = new KeyRing(store, new SeededRandom(2));
    await reloaded.load();
    expect(reloaded.keys()).toEqual(kept);
    const last = DAY0 + (15 * 24 * 60 - 30) * 60_000;
    expect((await reloaded.rotate(last, 14)).created).toBeUndefined();
    expect(reloaded.advertisement(last, -10).serviceData).toEqual(ring.advertisement(last, -10).serviceData);
  });
});
