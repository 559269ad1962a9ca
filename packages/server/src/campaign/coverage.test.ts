import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  coverageBasisPoints,
  daysBetween,
  formatBasisPoints,
  isIsoDay,
  localDay,
  parsePercent,
  startOfLocalDay,
  weekStart,
} from "./coverage.ts";

describe("coverage", () => {
  it("truncates instead of rounding, as the letters do", () => {
    // 4759.9...: rounding would say 47.60%.
    expect(coverageBasisPoints(475_999, 1_000_000)).toBe(4759);
    expect(formatBasisPoints(coverageBasisPoints(475_999, 1_000_000))).toBe("47.59%");
    expect(formatBasisPoints(coverageBasisPoints(2, 3))).toBe("66.66%");
    expect(formatBasisPoints(coverageBasisPoints(600, 1000))).toBe("60.00%");
    expect(formatBasisPoints(coverageBasisPoints(1, 100_000))).toBe("0.00%");
    expect(formatBasisPoints(coverageBasisPoints(5, 1000))).toBe("0.50%");
  });

  it("has no value without subscribers and may exceed 100%", () => {
    expect(coverageBasisPoints(10, 0)).toBeNull();
    expect(formatBasisPoints(null)).toBe("–");
    expect(coverageBasisPoints(12, 10)).toBe(12_000);
    expect(formatBasisPoints(4759, ",")).toBe("47,59%");
  });

  it("equals the exact integer floor for national-sized numbers", () => {
    fc.assert(
      fc.property(fc.nat(150_000_000), fc.integer({ min: 1, max: 150_000_000 }), (w, s) => {
        const exact = (BigInt(w) * 10_000n) / BigInt(s);
        expect(coverageBasisPoints(w, s)).toBe(Number(exact));
      }),
    );
  });

  it("parses target percentages", () => {
    expect(parsePercent("60")).toBe(6000);
    expect(parsePercent("47,59%")).toBe(4759);
    expect(parsePercent("60.5")).toBe(6050);
    expect(parsePercent("101")).toBeNull();
    expect(parsePercent("abc")).toBeNull();
  });
});

describe("local days (Asia/Ho_Chi_Minh)", () => {
  it("switches day at 17:00 UTC", () => {
    expect(localDay(new Date("2025-08-01T16:59:59Z"))).toBe("2025-08-01");
    expect(localDay(new Date("2025-08-01T17:00:00Z"))).toBe("2025-08-02");
    expect(startOfLocalDay("2025-08-02").toISOString()).toBe("2025-08-01T17:00:00.000Z");
  });

  it("does day arithmetic across months and years", () => {
    expect(addDays("2025-08-31", 1)).toBe("2025-09-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(daysBetween("2025-08-01", "2025-08-31")).toBe(30);
    expect(daysBetween("2025-08-31", "2025-08-01")).toBe(-30);
    expect(weekStart("2025-08-03")).toBe("2025-07-28"); // Sunday -> the Monday before
    expect(weekStart("2025-08-04")).toBe("2025-08-04"); // Monday
    expect(isIsoDay("2025-02-29")).toBe(false);
    expect(isIsoDay("2024-02-29")).toBe(true);
  });
});
