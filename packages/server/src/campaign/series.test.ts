import { describe, expect, it } from "vitest";
import { type Rankable, rankUnits, trendSeries } from "./series.ts";

describe("trendSeries", () => {
  it("accumulates daily deltas, fills missing days and steps subscribers", () => {
    const daily = [
      { day: "2025-07-30", installs: 100, withPhone: 50, active: 100 },
      { day: "2025-08-01", installs: 10, withPhone: 5, active: 70 },
      { day: "2025-08-03", installs: 20, withPhone: 15, active: 80 },
    ];
    const subs = [
      { asOf: "2025-07-01", subscribers: 200 },
      { asOf: "2025-08-02", subscribers: 100 },
    ];
    expect(trendSeries(daily, subs, "2025-08-01", "2025-08-03")).toEqual([
      { day: "2025-08-01", installs: 110, withPhone: 55, active: 70, subscribers: 200, coverageBp: 2750 },
      { day: "2025-08-02", installs: 110, withPhone: 55, active: 0, subscribers: 100, coverageBp: 5500 },
      { day: "2025-08-03", installs: 130, withPhone: 70, active: 80, subscribers: 100, coverageBp: 7000 },
    ]);
  });

  it("has no coverage before subscribers are known", () => {
    expect(trendSeries([], [], "2025-08-01", "2025-08-01")[0]).toMatchObject({
      subscribers: 0,
      coverageBp: null,
    });
  });
});

describe("rankUnits", () => {
  const unit = (code: string, name: string, coverageBp: number | null, installs: number): Rankable => ({
    code,
    name,
    installs,
    withPhone: 0,
    active: 0,
    subscribers: coverageBp === null ? null : 100,
    coverageBp,
    progressBp: null,
    status: "no_target",
  });
  const list = [
    unit("00004", "Phường Ba Đình", 4759, 10),
    unit("00008", "Phường Ngọc Hà", 6001, 30),
    unit("00025", "Phường Giảng Võ", null, 50),
    unit("00070", "Phường Hoàn Kiếm", 5000, 20),
  ];

  it("sorts by coverage, highest first, units without data last", () => {
    expect(rankUnits(list).map((u) => [u.rank, u.code])).toEqual([
      [1, "00008"],
      [2, "00070"],
      [3, "00004"],
      [4, "00025"],
    ]);
    expect(rankUnits(list, { order: "asc" }).map((u) => u.code)).toEqual([
      "00004",
      "00070",
      "00008",
      "00025",
    ]);
    expect(rankUnits(list, { sort: "installs" }).map((u) => u.code)).toEqual([
      "00025",
      "00008",
      "00070",
      "00004",
    ]);
    expect(rankUnits(list, { sort: "name" }).map((u) => u.code)).toEqual([
      "00004",
      "00025",
      "00070",
      "00008",
    ]);
  });

  it("searches names without diacritics and codes, keeping the overall rank", () => {
    expect(rankUnits(list, { query: "hoan kiem" }).map((u) => [u.rank, u.code])).toEqual([[2, "00070"]]);
    expect(rankUnits(list, { query: "Ngọc" }).map((u) => u.code)).toEqual(["00008"]);
    expect(rankUnits(list, { query: "0002" }).map((u) => u.code)).toEqual(["00025"]);
  });
});
