import { describe, expect, it } from "vitest";
import { effectiveTarget, type Target, targetProgress, targetStatus } from "./targets.ts";

const national: Target = { unitCode: "VN", percentBp: 6000, deadline: "2025-08-31" };
const hanoi: Target = { unitCode: "01", percentBp: 6500, deadline: "2025-08-20" };

describe("effectiveTarget", () => {
  it("takes the unit's own target, else the nearest ancestor's", () => {
    const targets = new Map([
      ["VN", national],
      ["01", hanoi],
    ]);
    expect(effectiveTarget(["VN", "01", "00004"], targets)).toEqual({ ...hanoi, inherited: true });
    expect(effectiveTarget(["VN", "01"], targets)).toEqual({ ...hanoi, inherited: false });
    expect(effectiveTarget(["VN", "79", "26743"], targets)).toEqual({ ...national, inherited: true });
    expect(effectiveTarget(["VN", "79"], new Map())).toBeNull();
  });
});

describe("targetProgress", () => {
  it("projects the day at the last 7 days' pace and the gain needed per day", () => {
    // 1,000,000 subscribers, 475,900 with phone (47.59%), +7,000 in 7 days = 1,000/day.
    const p = targetProgress({
      target: national,
      today: "2025-08-01",
      withPhone: 475_900,
      subscribers: 1_000_000,
      withPhonePaceStart: 468_900,
    });
    expect(p.coverageBp).toBe(4759);
    expect(p.targetPhones).toBe(600_000);
    expect(p.remainingPhones).toBe(124_100);
    expect(p.pacePerDay).toBe(1000);
    expect(p.paceBpPerDay).toBe(10); // 0.10 percentage points a day
    expect(p.projectedDay).toBe("2025-12-04"); // ceil(124100 / 1000) = 125 days after 1 Aug
    expect(p.daysLeft).toBe(31); // 1..31 Aug
    expect(p.neededPerDay).toBe(4004); // ceil(124100 / 31)
    expect(p.neededBpPerDay).toBe(40);
    expect(p.onTrack).toBe(false);
    expect(p.progressBp).toBe(7931); // 47.59 / 60
    expect(targetStatus(p, true)).toBe("behind");
  });

  it("is on track when the pace reaches the target before the deadline", () => {
    const p = targetProgress({
      target: national,
      today: "2025-08-01",
      withPhone: 590_000,
      subscribers: 1_000_000,
      withPhonePaceStart: 583_000,
    });
    expect(p.projectedDay).toBe("2025-08-11");
    expect(p.onTrack).toBe(true);
    expect(targetStatus(p, true)).toBe("on_track");
  });

  it("reached: nothing remaining, projected today", () => {
    const p = targetProgress({
      target: national,
      today: "2025-08-01",
      withPhone: 600_000,
      subscribers: 1_000_000,
      withPhonePaceStart: 600_000,
    });
    expect(p).toMatchObject({
      reached: true,
      remainingPhones: 0,
      neededPerDay: 0,
      projectedDay: "2025-08-01",
    });
    expect(targetStatus(p, true)).toBe("reached");
  });

  it("has no projection without progress and no per-day need after the deadline", () => {
    const p = targetProgress({
      target: national,
      today: "2025-09-05",
      withPhone: 400_000,
      subscribers: 1_000_000,
      withPhonePaceStart: 401_000,
    });
    expect(p.projectedDay).toBeNull();
    expect(p.daysLeft).toBe(0);
    expect(p.neededPerDay).toBeNull();
    expect(p.onTrack).toBe(false);
  });

  it("treats a unit without subscribers as having no data", () => {
    const p = targetProgress({
      target: national,
      today: "2025-08-01",
      withPhone: 10,
      subscribers: 0,
      withPhonePaceStart: 0,
    });
    expect(p.coverageBp).toBeNull();
    expect(p.reached).toBe(false);
    expect(targetStatus(p, false)).toBe("no_data");
    expect(targetStatus(null, true)).toBe("no_target");
  });
});
