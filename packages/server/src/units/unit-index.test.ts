import { describe, expect, it } from "vitest";
import { loadUnitsDataset } from "./dataset.ts";
import { createUnitIndex } from "./unit-index.ts";

const dataset = loadUnitsDataset();
const index = createUnitIndex(dataset.units, dataset.mapping);

describe("diacritic-insensitive search over the real data", () => {
  it('"ha noi" finds Thành phố Hà Nội first', () => {
    expect(index.search("ha noi")[0]).toMatchObject({ code: "01", name: "Thành phố Hà Nội" });
    expect(index.search("HA NOI")[0]?.code).toBe("01");
    expect(index.search("Hà Nội")[0]?.code).toBe("01");
  });

  it('"phuong ben thanh" finds Phường Bến Thành (TP Hồ Chí Minh)', () => {
    const [first] = index.search("phuong ben thanh");
    expect(first).toMatchObject({ name: "Phường Bến Thành", parentCode: "79" });
  });

  it("searches one level, one province, or the legacy hierarchy", () => {
    const communes = index.search("ba dinh", { level: "commune" });
    expect(communes.map((u) => u.name)).toContain("Phường Ba Đình");
    expect(communes.every((u) => u.level === "commune")).toBe(true);
    const inThanhHoa = index.search("ba dinh", { within: "38" });
    expect(inThanhHoa.map((u) => u.name)).toEqual(["Xã Ba Đình"]);
    const legacy = index.search("quan ba dinh", { hierarchy: "legacy" });
    expect(legacy[0]).toMatchObject({ code: "001", level: "district", hierarchy: "legacy" });
    expect(index.search("ea hleo")[0]?.name).toBe("Xã Ea H'Leo");
    expect(index.search("zzzz")).toEqual([]);
  });
});

describe("paths, descendants and scoping", () => {
  it("gives a commune's path from its province, and a legacy commune's through its district", () => {
    expect(index.path("26743").map((u) => u.code)).toEqual(["79", "26743"]);
    expect(index.path("00001", "legacy").map((u) => u.level)).toEqual(["province", "district", "commune"]);
    expect(index.path("00001", "legacy")[1]?.name).toBe("Quận Ba Đình");
  });

  it("lists every commune of a province as its descendants, and nothing below a commune", () => {
    const hcm = index.descendants("79");
    expect(hcm.length).toBe(index.children("79").length);
    expect(hcm.length).toBe(168);
    expect(index.descendants("26743")).toEqual([]);
    const legacyHanoi = index.descendants("01", "legacy");
    expect(legacyHanoi.filter((u) => u.level === "district").length).toBe(30);
    expect(legacyHanoi.findIndex((u) => u.level === "commune")).toBeGreaterThan(29);
  });

  it("scopes an official: a commune officer sees only their commune, a province officer the province", () => {
    expect(index.isWithin("26743", "26743")).toBe(true);
    expect(index.isWithin("26743", "79")).toBe(true);
    expect(index.isWithin("26740", "26743")).toBe(false);
    expect(index.isWithin("26743", "01")).toBe(false);
    expect(index.isWithin("79", "26743")).toBe(false);
    expect(index.isWithin("26743", "99999")).toBe(false);
  });

  it("resolves legacy codes to their v2025 successors before scoping", () => {
    // Phường Phúc Xá (legacy 00001, Quận Ba Đình) became part of Phường Hồng Hà, Hà Nội.
    expect(index.resolve("00001")).toMatchObject({ code: "00097", parentCode: "01", hierarchy: "v2025" });
    expect(index.resolve("02")?.name).toBe("Tỉnh Tuyên Quang"); // legacy Hà Giang
    expect(index.resolve("001")?.code).toBe("01"); // legacy Quận Ba Đình -> Hà Nội
    expect(index.resolve("01")?.hierarchy).toBe("v2025");
    expect(index.isWithin("00001", "01")).toBe(true);
    expect(index.isWithin("74", "79")).toBe(true); // legacy Bình Dương lies within TP Hồ Chí Minh
    expect(index.isWithin("00001", "79")).toBe(false);
  });
});
