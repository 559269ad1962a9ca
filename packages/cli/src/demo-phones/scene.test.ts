import { distance, positionAt } from "@bluezone/device";
import { describe, expect, it } from "vitest";
import { DAY_MS, scenePhones, sceneTimes, utcDay, vnDateIso, vnTime } from "./scene.ts";

const DAY_A = Date.UTC(2026, 10, 2);

describe("scene times", () => {
  it("writes Vietnam times (UTC+7) on UTC days", () => {
    expect(new Date(vnTime(DAY_A, 0, 9)).toISOString()).toBe("2026-11-02T02:00:00.000Z");
    expect(new Date(vnTime(DAY_A, 1, 8, 20)).toISOString()).toBe("2026-11-03T01:20:00.000Z");
    expect(vnDateIso(vnTime(DAY_A, 0, 23, 59))).toBe("2026-11-02");
    expect(vnDateIso(Date.parse("2026-11-02T17:00:00Z"))).toBe("2026-11-03"); // midnight in Hà Nội
    expect(() => sceneTimes(DAY_A + 1)).toThrow(RangeError);
  });

  it("puts every meeting on the UTC day of its local date (so advice dates match the keys' days)", () => {
    const t = sceneTimes(DAY_A);
    for (const [when, day] of [
      [t.aMeetsB, 0],
      [t.dPassesA, 0],
      [t.bMeetsC, 1],
    ] as const) {
      expect(utcDay(when.fromMs)).toBe(DAY_A + day * DAY_MS);
      expect(utcDay(when.toMs)).toBe(DAY_A + day * DAY_MS);
      expect(vnDateIso(when.fromMs)).toBe(new Date(DAY_A + day * DAY_MS).toISOString().slice(0, 10));
      expect(when.toMs).toBeGreaterThan(when.fromMs);
    }
    expect(t.aMeetsB.toMs - t.aMeetsB.fromMs).toBe(20 * 60_000);
    expect(t.bMeetsC.toMs - t.bMeetsC.fromMs).toBe(20 * 60_000);
    expect(t.dPassesA.toMs - t.dPassesA.fromMs).toBe(2 * 60_000);
    expect(t.startMs).toBeLessThan(t.aMeetsB.fromMs);
  });
});

describe("scene phones", () => {
  const t = sceneTimes(DAY_A);
  const paths = Object.fromEntries(scenePhones(t).map((p) => [p.id, p.path]));
  const gap = (a: string, b: string, ms: number) =>
    distance(positionAt(paths[a]!, ms), positionAt(paths[b]!, ms));
  const mid = (i: { fromMs: number; toMs: number }) => (i.fromMs + i.toMs) / 2;

  it("A and B are 1.5 m apart during their meeting, B and C during theirs, D 10 m from A", () => {
    expect(gap("A", "B", mid(t.aMeetsB))).toBeCloseTo(1.5);
    expect(gap("B", "C", mid(t.bMeetsC))).toBeCloseTo(1.5);
    expect(gap("A", "D", mid(t.dPassesA))).toBeCloseTo(10);
  });

  it("otherwise everybody is out of radio range of everybody", () => {
    const ids = ["A", "B", "C", "D"];
    for (const ms of [t.startMs, t.aMeetsB.toMs + 60_000, vnTime(DAY_A, 0, 15), t.bMeetsC.toMs + 60_000]) {
      for (const a of ids) for (const b of ids) if (a < b) expect(gap(a, b, ms)).toBeGreaterThan(400);
    }
    expect(gap("C", "A", mid(t.aMeetsB))).toBeGreaterThan(400); // C was not there on day 0
  });
});
