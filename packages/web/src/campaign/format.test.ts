import { describe, expect, it } from "vitest";
import { formatCount, formatCoverage, formatDay, searchKey, sortRanking } from "./format.ts";
import type { RankedUnit } from "./types.ts";

describe("campaign formats", () => {
  it("writes coverage truncated, with the language's decimal mark", () => {
    expect(formatCoverage(4759, "vi")).toBe("47,59%");
    expect(formatCoverage(4759, "en")).toBe("47.59%");
    expect(formatCoverage(6000, "en")).toBe("60.00%");
    expect(formatCoverage(5, "vi")).toBe("0,05%");
    expect(formatCoverage(null, "vi")).toBe("–");
  });

  it("writes counts and days per language", () => {
    expect(formatCount(1_234_567, "vi")).toBe("1.234.567");
    expect(formatCount(1_234_567, "en")).toBe("1,234,567");
    expect(formatCount(999, "vi")).toBe("999");
    expect(formatDay("2025-08-31", "vi")).toBe("31/08/2025");
    expect(formatDay("2025-08-01", "en")).toBe("1 Aug 2025");
  });

  it("folds diacritics for search", () => {
    expect(searchKey("Phường Bến Thành")).toBe("phuong ben thanh");
    expect(searchKey("Đặc khu Côn Đảo")).toBe("dac khu con dao");
  });
});

describe("sortRanking", () => {
  const unit = (rank: number, code: string, name: string, coverageBp: number | null, installs: number) =>
    ({
      rank,
      code,
      name,
      coverageBp,
      installs,
      withPhone: 0,
      subscribers: 1,
      progressBp: null,
    }) as RankedUnit;
  const units = [
    unit(1, "00008", "Phường Ngọc Hà", 6001, 30),
    unit(2, "00070", "Phường Hoàn Kiếm", 5000, 20),
    unit(3, "00004", "Phường Ba Đình", 4759, 10),
    unit(4, "00025", "Phường Giảng Võ", null, 50),
  ];

  it("sorts either way with units lacking a value last", () => {
    expect(sortRanking(units, "coverage", true, "").map((u) => u.code)).toEqual([
      "00008",
      "00070",
      "00004",
      "00025",
    ]);
    expect(sortRanking(units, "coverage", false, "").map((u) => u.code)).toEqual([
      "00004",
      "00070",
      "00008",
      "00025",
    ]);
    expect(sortRanking(units, "installs", true, "").map((u) => u.code)).toEqual([
      "00025",
      "00008",
      "00070",
      "00004",
    ]);
    expect(sortRanking(units, "name", false, "").map((u) => u.code)).toEqual([
      "00004",
      "00025",
      "00070",
      "00008",
    ]);
  });

  it("searches without diacritics or by code", () => {
    expect(sortRanking(units, "rank", false, "hoan kiem").map((u) => u.code)).toEqual(["00070"]);
    expect(sortRanking(units, "rank", false, "Ba Đình").map((u) => u.code)).toEqual(["00004"]);
    expect(sortRanking(units, "rank", false, "0002").map((u) => u.code)).toEqual(["00025"]);
  });
});
