import { statSync } from "node:fs";
import { join } from "node:path";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { loadUnitsDataset, MAP_FILE, parseUnitsDataset, UNITS_DATA_DIR } from "./dataset.ts";
import { loadProvinceMap } from "./map.ts";
import { type AdminUnit, foldDiacritics, shortName } from "./model.ts";
import { createUnitIndex } from "./unit-index.ts";

const dataset = loadUnitsDataset();
const of = (hierarchy: AdminUnit["hierarchy"], level: AdminUnit["level"]) =>
  dataset.units.filter((u) => u.hierarchy === hierarchy && u.level === level);
const index = createUnitIndex(dataset.units, dataset.mapping);

describe("v2025 hierarchy (from 2025-07-01)", () => {
  const provinces = of("v2025", "province");
  const communes = of("v2025", "commune");

  it("has exactly 34 provinces and 3,321 communes, and no districts", () => {
    expect(provinces).toHaveLength(34);
    expect(communes).toHaveLength(3321);
    expect(of("v2025", "district")).toHaveLength(0);
  });

  it("gives every commune a v2025 province and every province communes", () => {
    const codes = new Set(provinces.map((p) => p.code));
    for (const c of communes) expect(codes.has(c.parentCode!), c.code).toBe(true);
    for (const p of provinces) expect(index.children(p.code).length, p.name).toBeGreaterThan(0);
  });

  it("has unique GSO codes: 2 digits for provinces, 5 for communes", () => {
    const codes = [...provinces, ...communes].map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of provinces) expect(p.code).toMatch(/^\d{2}$/);
    for (const c of communes) expect(c.code).toMatch(/^\d{5}$/);
  });

  it("knows the six centrally-run cities and the known commune codes", () => {
    const cities = provinces.filter((p) => p.kind === "Thành phố").map((p) => p.code);
    expect(cities.sort()).toEqual(["01", "31", "46", "48", "79", "92"]);
    expect(index.get("01")?.name).toBe("Thành phố Hà Nội");
    expect(index.get("00004")?.name).toBe("Phường Ba Đình");
    expect(index.get("26743")).toMatchObject({ name: "Phường Bến Thành", parentCode: "79" });
    const kinds = new Set(communes.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(["Phường", "Xã", "Đặc khu"].sort());
    expect(communes.filter((c) => c.kind === "Đặc khu")).toHaveLength(13);
  });
});

describe("names", () => {
  it("are NFC, trimmed, single-spaced and start with their kind", () => {
    for (const u of dataset.units) {
      expect(u.name, u.code).toBe(u.name.normalize("NFC"));
      expect(u.name, u.code).toMatch(/^\S+( \S+)*$/);
      expect(u.name.startsWith(`${u.kind} `), u.code).toBe(true);
      expect(u.nameAscii).toBe(foldDiacritics(u.name));
      expect(u.nameAscii).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it("keep their diacritics (nearly every Vietnamese place name has some)", () => {
    const v2025 = dataset.units.filter((u) => u.hierarchy === "v2025");
    const plain = v2025.filter((u) => shortName(u.name) === foldDiacritics(shortName(u.name)));
    expect(plain.length / v2025.length).toBeLessThan(0.1);
  });
});

describe("legacy hierarchy (until 2025-06-30)", () => {
  it("has 63 provinces, ~700 districts and ~10,000 communes, each under its parent level", () => {
    const provinces = of("legacy", "province");
    const districts = of("legacy", "district");
    const communes = of("legacy", "commune");
    expect(provinces).toHaveLength(63);
    expect(districts.length).toBeGreaterThan(680);
    expect(districts.length).toBeLessThan(710);
    expect(communes.length).toBeGreaterThan(10_000);
    expect(communes.length).toBeLessThan(10_100);
    const provinceCodes = new Set(provinces.map((p) => p.code));
    const districtCodes = new Set(districts.map((d) => d.code));
    for (const d of districts) expect(provinceCodes.has(d.parentCode!), d.code).toBe(true);
    for (const c of communes) expect(districtCodes.has(c.parentCode!), c.code).toBe(true);
    const codes = [...provinces, ...districts, ...communes].map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("is the set in force before the reform and v2025 from the reform day", () => {
    const before = index.asOf("2025-06-30");
    const after = index.asOf("2025-07-01");
    expect(before.filter((u) => u.level === "province")).toHaveLength(63);
    expect(after.filter((u) => u.level === "province")).toHaveLength(34);
    expect(before.every((u) => u.hierarchy === "legacy")).toBe(true);
    expect(after.every((u) => u.hierarchy === "v2025")).toBe(true);
  });
});

describe("legacy -> v2025 mapping", () => {
  const successorProvince = (legacyProvince: string) => index.successors(legacyProvince)[0]?.unit.code;

  it("maps every legacy commune, district and province to an existing v2025 unit", () => {
    for (const u of dataset.units.filter((x) => x.hierarchy === "legacy")) {
      const successors = index.successors(u.code);
      expect(successors.length, u.code).toBeGreaterThan(0);
      const expected = u.level === "commune" ? "commune" : "province";
      for (const s of successors) expect(s.unit.level, u.code).toBe(expected);
    }
  });

  it("keeps communes inside the province their legacy province merged into", () => {
    for (const c of of("legacy", "commune")) {
      const legacyProvince = index.path(c.code, "legacy")[0]!.code;
      expect(index.resolve(c.code)?.parentCode, c.code).toBe(successorProvince(legacyProvince));
    }
  });

  it("reproduces the published province mergers of Resolution 202/2025/QH15", () => {
    expect(successorProvince("02")).toBe("08"); // Hà Giang -> Tuyên Quang
    expect(successorProvince("74")).toBe("79"); // Bình Dương -> TP Hồ Chí Minh
    expect(successorProvince("77")).toBe("79"); // Bà Rịa - Vũng Tàu -> TP Hồ Chí Minh
    expect(successorProvince("30")).toBe("31"); // Hải Dương -> TP Hải Phòng
    expect(successorProvince("49")).toBe("48"); // Quảng Nam -> TP Đà Nẵng
    expect(successorProvince("46")).toBe("46"); // Huế stays
    const intoEach = new Map<string, number>();
    for (const p of of("legacy", "province")) {
      const s = successorProvince(p.code)!;
      intoEach.set(s, (intoEach.get(s) ?? 0) + 1);
    }
    expect(intoEach.size).toBe(34);
    expect(intoEach.get("79")).toBe(3);
    expect([...intoEach.values()].filter((n) => n === 1)).toHaveLength(11);
  });

  it("rejects malformed data files", () => {
    const base = { hierarchy: "v2025" as const, validFrom: "2025-07-01", validTo: null };
    const mapping = { from: "legacy" as const, to: "v2025" as const, rows: [] };
    const parse = (provinces: [string, string][], communes: [string, string, string?][]) =>
      parseUnitsDataset(
        {
          v2025: { ...base, provinces, communes: communes as never },
          legacy: { ...base, hierarchy: "legacy", provinces: [], communes: [] },
          mapping,
        },
        "t",
      );
    expect(parse([["01", "Thành phố Hà Nội"]], [["00004", "Phường Ba Đình", "01"]]).units).toHaveLength(2);
    expect(() => parse([["01", "Hà Nội"]], [])).toThrow(/unit kind/);
    expect(() => parse([["1", "Tỉnh X"]], [])).toThrow(/bad code/);
    expect(() => parse([], [["00004", "Phường Ba Đình"]])).toThrow(/needs a parent/);
  });
});

describe("province map", () => {
  const map = loadProvinceMap();
  const inside = (point: Position, f: Feature<Polygon | MultiPolygon>): boolean => {
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    let count = 0;
    for (const ring of polygons.flat()) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (
          yi > point[1]! !== yj > point[1]! &&
          point[0]! < ((xj - xi) * (point[1]! - yi)) / (yj - yi) + xi
        ) {
          count++;
        }
      }
    }
    return count % 2 === 1;
  };

  it("is small enough for a phone", () => {
    expect(statSync(join(UNITS_DATA_DIR, MAP_FILE)).size).toBeLessThan(300 * 1024);
    expect(map.geojson("v2025").body.length).toBeLessThan(600 * 1024);
  });

  it("has a shape for every v2025 and every legacy province", () => {
    for (const hierarchy of ["v2025", "legacy"] as const) {
      const fc = JSON.parse(map.geojson(hierarchy).body.toString()) as {
        features: Feature<Polygon | MultiPolygon>[];
      };
      const ids = fc.features.map((f) => String(f.id)).sort();
      expect(ids).toEqual(
        index
          .provinces(hierarchy)
          .map((p) => p.code)
          .sort(),
      );
      for (const f of fc.features) expect(f.geometry.coordinates.length, String(f.id)).toBeGreaterThan(0);
    }
  });

  it("puts known places inside the right dissolved province", () => {
    const fc = JSON.parse(map.geojson("v2025").body.toString()) as {
      features: Feature<Polygon | MultiPolygon>[];
    };
    const containing = (lon: number, lat: number) =>
      fc.features.filter((f) => inside([lon, lat], f)).map((f) => String(f.id));
    expect(containing(105.8524, 21.0287)).toEqual(["01"]); // Hoàn Kiếm lake, Hà Nội
    expect(containing(106.698, 10.7725)).toEqual(["79"]); // Bến Thành market, TP Hồ Chí Minh
    expect(containing(106.6519, 10.9804)).toEqual(["79"]); // Thủ Dầu Một (formerly Bình Dương)
    expect(containing(108.4583, 11.9404)).toEqual(["68"]); // Đà Lạt, Lâm Đồng
    expect(containing(105.9843, 9.6037)).toEqual(["92"]); // Sóc Trăng town, now TP Cần Thơ
  });
});
