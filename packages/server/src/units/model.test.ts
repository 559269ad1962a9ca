import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AdminUnit,
  foldDiacritics,
  hierarchyOn,
  isValidOn,
  matchScore,
  normalizeUnitName,
  pathIsWithin,
  pathOf,
  primarySuccessor,
  rankByName,
  searchKey,
  shortName,
  unitKind,
} from "./model.ts";

const unit = (
  code: string,
  name: string,
  level: AdminUnit["level"],
  parentCode: string | null,
): AdminUnit => ({
  code,
  name,
  nameAscii: foldDiacritics(name),
  kind: unitKind(name) ?? "",
  level,
  parentCode,
  hierarchy: "v2025",
  validFrom: "2025-07-01",
  validTo: null,
});

describe("names without diacritics", () => {
  it("folds Vietnamese letters, including đ and stacked tone marks", () => {
    expect(foldDiacritics("Thành phố Hà Nội")).toBe("Thanh pho Ha Noi");
    expect(foldDiacritics("Đặc khu Phú Quốc")).toBe("Dac khu Phu Quoc");
    expect(foldDiacritics("Xã Nậm Nèn")).toBe("Xa Nam Nen");
    expect(foldDiacritics("Ưởng Ợ ằ ẵ")).toBe("Uong O a a");
  });

  it("builds search keys: lower case, no punctuation, single spaces", () => {
    expect(searchKey("  Tỉnh Bà Rịa - Vũng Tàu ")).toBe("tinh ba ria vung tau");
    expect(searchKey("PHƯỜNG BẾN THÀNH")).toBe("phuong ben thanh");
    expect(searchKey("!!!")).toBe("");
  });

  it("search keys ignore diacritics and Unicode normalization form (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."aăâeêioôơuưyđAĂÂĐ àáảãạằắẳẵặầấẩẫậ-".split("")) }),
        (s) => {
          const key = searchKey(s);
          expect(searchKey(foldDiacritics(s))).toBe(key);
          expect(searchKey(s.normalize("NFD"))).toBe(key);
          expect(searchKey(key)).toBe(key);
          expect(key).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
        },
      ),
    );
  });

  it("treats typographic and ASCII apostrophes alike (Central Highlands names)", () => {
    expect(normalizeUnitName("Xã Ea H’Leo")).toBe("Xã Ea H'Leo");
    expect(foldDiacritics("Xã Cư M’gar")).toBe("Xa Cu M'gar");
    expect(searchKey("Xã Ea H’Leo")).toBe("xa ea hleo");
    expect(searchKey("ea h'leo")).toBe(searchKey("EA HLEO"));
  });

  it("normalizes source names to NFC, single spaces and the canonical kind word", () => {
    expect(normalizeUnitName("Huyện  Vũng Liêm")).toBe("Huyện Vũng Liêm");
    expect(normalizeUnitName("Thành Phố Đồng Hới")).toBe("Thành phố Đồng Hới");
    const decomposed = "Xã Nậm Nèn".normalize("NFD");
    expect(normalizeUnitName(decomposed)).toBe("Xã Nậm Nèn".normalize("NFC"));
  });

  it("splits the kind word from the name", () => {
    expect(unitKind("Thành phố Hồ Chí Minh")).toBe("Thành phố");
    expect(unitKind("Thị trấn Trường Sa")).toBe("Thị trấn");
    expect(unitKind("Đặc khu Côn Đảo")).toBe("Đặc khu");
    expect(unitKind("Hà Nội")).toBeUndefined();
    expect(shortName("Phường Bến Thành")).toBe("Bến Thành");
    expect(shortName("Hà Nội")).toBe("Hà Nội");
  });
});

describe("validity by date", () => {
  const legacy = { validFrom: null, validTo: "2025-07-01" };
  const current = { validFrom: "2025-07-01", validTo: null };

  it("a legacy unit ends the day before the reform, a v2025 unit starts on it", () => {
    expect(isValidOn(legacy, "2025-06-30")).toBe(true);
    expect(isValidOn(legacy, "2025-07-01")).toBe(false);
    expect(isValidOn(current, "2025-06-30")).toBe(false);
    expect(isValidOn(current, new Date("2025-07-01T00:00:00Z"))).toBe(true);
    expect(isValidOn(legacy, "1990-01-01")).toBe(true);
  });

  it("picks the hierarchy in force", () => {
    expect(hierarchyOn("2025-06-30")).toBe("legacy");
    expect(hierarchyOn("2025-07-01T08:00:00+07:00")).toBe("v2025");
    expect(() => hierarchyOn("30/06/2025")).toThrow(RangeError);
  });
});

describe("paths and scoping", () => {
  const units = [
    unit("79", "Thành phố Hồ Chí Minh", "province", null),
    unit("26743", "Phường Bến Thành", "commune", "79"),
    unit("01", "Thành phố Hà Nội", "province", null),
  ];
  const lookup = (code: string) => units.find((u) => u.code === code);

  it("walks from the province down to the unit", () => {
    expect(pathOf("26743", lookup).map((u) => u.code)).toEqual(["79", "26743"]);
    expect(pathOf("79", lookup).map((u) => u.code)).toEqual(["79"]);
    expect(pathOf("00000", lookup)).toEqual([]);
  });

  it("stops on a parent cycle instead of looping", () => {
    const a = unit("10", "Tỉnh A", "province", "11");
    const b = unit("11", "Tỉnh B", "province", "10");
    const path = pathOf("10", (c) => [a, b].find((u) => u.code === c));
    expect(path.length).toBeLessThanOrEqual(4);
  });

  it("a unit is within its ancestors and itself, not within another province", () => {
    const path = pathOf("26743", lookup);
    expect(pathIsWithin(path, "79")).toBe(true);
    expect(pathIsWithin(path, "26743")).toBe(true);
    expect(pathIsWithin(path, "01")).toBe(false);
  });

  it("chooses the successor with the largest share, then the lowest code", () => {
    expect(
      primarySuccessor([
        { legacyCode: "1", newCode: "20", weight: 0.3 },
        { legacyCode: "1", newCode: "30", weight: 0.7 },
      ])?.newCode,
    ).toBe("30");
    expect(
      primarySuccessor([
        { legacyCode: "1", newCode: "30", weight: 1 },
        { legacyCode: "1", newCode: "20", weight: 1 },
      ])?.newCode,
    ).toBe("20");
    expect(primarySuccessor([])).toBeUndefined();
  });
});

describe("search ranking", () => {
  const units = [
    unit("01", "Thành phố Hà Nội", "province", null),
    unit("35", "Tỉnh Hà Nam", "province", null),
    unit("00100", "Xã Hà Nội Mới", "commune", "01"),
    unit("00200", "Phường Hạ Nội", "commune", "01"),
    unit("26743", "Phường Bến Thành", "commune", "79"),
    unit("26800", "Xã Tân Bến Thành", "commune", "79"),
  ];

  it("scores exact, prefix, word and substring matches in that order", () => {
    expect(matchScore("Thành phố Hà Nội", "ha noi")).toBe(0);
    expect(matchScore("Phường Bến Thành", "phuong ben thanh")).toBe(0);
    expect(matchScore("Phường Bến Thành", "ben th")).toBe(1);
    expect(matchScore("Xã Tân Bến Thành", "ben thanh")).toBe(2);
    expect(matchScore("Phường Bến Thành", "en thanh")).toBe(3);
    expect(matchScore("Phường Bến Thành", "ha noi")).toBeUndefined();
    expect(matchScore("Phường Bến Thành", "  ")).toBeUndefined();
  });

  it("finds Hà Nội from 'ha noi' before communes with the same letters", () => {
    const found = rankByName(units, "ha noi");
    expect(found[0]?.name).toBe("Thành phố Hà Nội");
    expect(found.map((u) => u.code)).toContain("00100");
    expect(found.map((u) => u.code)).not.toContain("35");
  });

  it("prefers the exact diacritics when the query has them", () => {
    expect(rankByName(units, "Hạ Nội")[0]?.name).toBe("Phường Hạ Nội");
    expect(rankByName(units, "Hà Nội")[0]?.name).toBe("Thành phố Hà Nội");
  });

  it("finds Phường Bến Thành from 'phuong ben thanh' and respects the limit", () => {
    expect(rankByName(units, "phuong ben thanh").map((u) => u.code)).toEqual(["26743"]);
    expect(rankByName(units, "ben thanh").map((u) => u.code)).toEqual(["26743", "26800"]);
    expect(rankByName(units, "ben thanh", 1)).toHaveLength(1);
  });
});
