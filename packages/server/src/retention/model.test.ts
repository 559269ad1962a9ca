import { describe, expect, it } from "vitest";
import { retentionCutoff } from "./model.ts";

const DAY = 86_400_000;

describe("retentionCutoff", () => {
  it("is now minus the retention period", () => {
    const now = new Date("2025-03-15T05:00:00Z");
    expect(retentionCutoff(now, 14 * DAY)).toEqual(new Date("2025-03-01T05:00:00Z"));
    expect(retentionCutoff(now, 3_600_000)).toEqual(new Date("2025-03-15T04:00:00Z"));
  });

  it("refuses a zero or negative period (it would delete everything)", () => {
    expect(() => retentionCutoff(new Date(), 0)).toThrow();
    expect(() => retentionCutoff(new Date(), -DAY)).toThrow();
  });
});
