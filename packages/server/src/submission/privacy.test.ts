import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  availableAt,
  ChaffLatency,
  isChaff,
  isEmbargoed,
  padResponse,
  responsePadding,
  truncateTime,
} from "./privacy.ts";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const iso = (s: string) => new Date(s);
const dayOf = (s: string) => Math.floor(Date.parse(s) / DAY);
const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37) & 0xff);

describe("creation-time truncation", () => {
  it("cuts upload times to the hour (or another window)", () => {
    expect(truncateTime(iso("2026-05-10T09:37:12.345Z"))).toEqual(iso("2026-05-10T09:00:00Z"));
    expect(truncateTime(iso("2026-05-10T09:00:00Z"))).toEqual(iso("2026-05-10T09:00:00Z"));
    expect(truncateTime(iso("2026-05-10T09:37:12Z"), DAY)).toEqual(iso("2026-05-10T00:00:00Z"));
  });
});

describe("embargo of still-valid keys", () => {
  const delay = 2 * HOUR;
  const fullDay = (date: string) => ({ rollingStartIntervalNumber: dayOf(date) * 144, rollingPeriod: 144 });

  it("holds today's key until 02:00 UTC tomorrow", () => {
    const created = iso("2026-05-10T09:37:00Z");
    expect(availableAt(fullDay("2026-05-10"), created, delay)).toEqual(iso("2026-05-11T02:00:00Z"));
    expect(isEmbargoed(iso("2026-05-11T02:00:00Z"), iso("2026-05-11T01:59:59Z"))).toBe(true);
    expect(isEmbargoed(iso("2026-05-11T02:00:00Z"), iso("2026-05-11T02:00:00Z"))).toBe(false);
  });

  it("releases keys of past days at the upload hour, or at the end of the delay just after midnight", () => {
    expect(availableAt(fullDay("2026-05-09"), iso("2026-05-10T09:37:00Z"), delay)).toEqual(
      iso("2026-05-10T09:00:00Z"),
    );
    expect(availableAt(fullDay("2026-05-09"), iso("2026-05-10T00:30:00Z"), delay)).toEqual(
      iso("2026-05-10T02:00:00Z"),
    );
  });

  it("uses the key's last valid instant: a key running into the next day waits for that day's end", () => {
    const lateStart = { rollingStartIntervalNumber: dayOf("2026-05-09") * 144 + 100, rollingPeriod: 144 };
    expect(availableAt(lateStart, iso("2026-05-10T09:37:00Z"), delay)).toEqual(iso("2026-05-11T02:00:00Z"));
    const shortKey = { rollingStartIntervalNumber: dayOf("2026-05-10") * 144, rollingPeriod: 6 };
    expect(availableAt(shortKey, iso("2026-05-10T09:37:00Z"), delay)).toEqual(iso("2026-05-11T02:00:00Z"));
  });

  it("never releases a key before its validity ended plus the delay, nor before its upload hour (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2_800_000, max: 3_000_000 }),
        fc.integer({ min: 1, max: 144 }),
        fc.integer({ min: 0, max: 30 * DAY }),
        (start, period, uploadOffset) => {
          const key = { rollingStartIntervalNumber: start, rollingPeriod: period };
          const created = new Date(start * 600_000 + uploadOffset);
          const at = availableAt(key, created, delay).getTime();
          expect(at).toBeGreaterThanOrEqual((start + period) * 600_000 + delay);
          expect(at).toBeGreaterThanOrEqual(truncateTime(created).getTime());
          expect(at === truncateTime(created).getTime() || (at - delay) % DAY === 0).toBe(true);
        },
      ),
    );
  });
});

describe("response padding", () => {
  it("pads JSON bodies to exactly the target size, whatever they hold (property)", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
        fc.integer({ min: 0, max: 3000 }),
        (body, target) => {
          delete (body as Record<string, unknown>).padding;
          const padded = padResponse(body, target, random);
          const size = JSON.stringify(padded).length;
          const bare = JSON.stringify({ ...body, padding: "" }).length;
          if (bare < target) expect(size).toBe(target);
          else expect(padded.padding).toBe("");
          expect(padded.padding).toMatch(/^[A-Za-z0-9_-]*$/);
        },
      ),
    );
  });

  it("gives small and large answers the same size", () => {
    const a = padResponse({ insertedExposures: 1, revisionToken: "x" }, 1000, random);
    const b = padResponse(
      { insertedExposures: 30, revisionToken: "y".repeat(500), warnings: ["w"] },
      1000,
      random,
    );
    expect(JSON.stringify(a).length).toBe(1000);
    expect(JSON.stringify(b).length).toBe(1000);
    expect(responsePadding({ big: "z".repeat(2000) }, 1000, random)).toBe("");
  });
});

describe("chaff", () => {
  it("recognizes the X-Chaff: 1 header only", () => {
    expect(isChaff({ "x-chaff": "1" })).toBe(true);
    expect(isChaff({ "x-chaff": ["1", "0"] })).toBe(true);
    expect(isChaff({ "x-chaff": "0" })).toBe(false);
    expect(isChaff({ "x-chaff": "true" })).toBe(false);
    expect(isChaff({})).toBe(false);
  });

  it("follows the average real latency and jitters chaff delays by +-20%", () => {
    const latency = new ChaffLatency({ initialMs: 50, weight: 0.5, maxMs: 1000 });
    latency.observe(150);
    expect(latency.averageMs).toBe(100);
    latency.observe(Number.NaN);
    latency.observe(-5);
    expect(latency.averageMs).toBe(100);
    latency.observe(10_000); // capped at maxMs
    expect(latency.averageMs).toBe(550);
    expect(latency.delayMs(() => new Uint8Array([0]))).toBe(440);
    expect(latency.delayMs(() => new Uint8Array([255]))).toBe(660);
  });
});
