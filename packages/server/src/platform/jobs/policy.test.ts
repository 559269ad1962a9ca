import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertJobName, backoffDelayMs, every, periodDedupeKey, periodStart } from "./policy.ts";

describe("backoffDelayMs", () => {
  it("doubles from the base and stops at the cap", () => {
    const policy = { baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelayMs(a, policy))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it("never exceeds the cap nor drops below the base", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (attempt, base) => {
          const d = backoffDelayMs(attempt, { baseMs: base, maxMs: base * 50 });
          return d >= base && d <= base * 50;
        },
      ),
    );
  });
});

describe("periodStart", () => {
  it("floors to the period, shifted by the offset", () => {
    const hour = 3_600_000;
    const t = Date.UTC(2026, 10, 23, 9, 59, 59);
    expect(periodStart(t, hour)).toBe(Date.UTC(2026, 10, 23, 9));
    // 17:00 in Ho Chi Minh City is 10:00 UTC: before it, the period started yesterday at 10:00 UTC.
    const { everyMs, offsetMs } = every.day({ atUtcHour: 10 });
    expect(periodStart(t, everyMs, offsetMs)).toBe(Date.UTC(2026, 10, 22, 10));
    expect(periodStart(Date.UTC(2026, 10, 23, 10), everyMs, offsetMs)).toBe(Date.UTC(2026, 10, 23, 10));
  });

  it("contains now and is aligned, for any time and period", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: 1000, max: 7 * 86_400_000 }),
        fc.integer({ min: 0, max: 86_400_000 }),
        (now, everyMs, offsetMs) => {
          const start = periodStart(now, everyMs, offsetMs);
          return start <= now && now < start + everyMs && (start - offsetMs) % everyMs === 0;
        },
      ),
    );
  });

  it("gives one dedupe key per period", () => {
    const a = periodDedupeKey("export.batch", periodStart(Date.UTC(2026, 0, 1, 0, 10), 3_600_000));
    const b = periodDedupeKey("export.batch", periodStart(Date.UTC(2026, 0, 1, 0, 50), 3_600_000));
    const c = periodDedupeKey("export.batch", periodStart(Date.UTC(2026, 0, 1, 1, 0), 3_600_000));
    expect(a).toBe("export.batch@2026-01-01T00:00:00.000Z");
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });
});

describe("assertJobName", () => {
  it("accepts dotted lower-case names and rejects others", () => {
    expect(() => assertJobName("export.batch")).not.toThrow();
    expect(() => assertJobName("outreach:send-sms")).not.toThrow();
    for (const bad of ["", "Export", "1job", "has space", "x".repeat(101)]) {
      expect(() => assertJobName(bad), bad).toThrow(/invalid job name/);
    }
  });
});
