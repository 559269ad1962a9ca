import { describe, expect, it } from "vitest";
import { formatRows } from "./build-data.ts";
import { type BuildInput, buildUnitFiles, type VadWardMapping } from "./build-units.ts";

// A miniature of the two source packages: legacy province 10 (3 districts) merged into v2025 province 20,
// legacy province 20 stays. District 101 was renamed in 2025, 102 and 103 merged into a new district.
const hc = (code: string, name: string, parent?: string) => ({
  code,
  name_with_type: name,
  ...(parent ? { parent_code: parent } : {}),
});
const row = (
  code: string | null,
  name: string,
  district: string,
  province: string,
  to: string,
): VadWardMapping => ({
  old_ward_code: code,
  old_ward_name: name,
  old_district_name: district,
  old_province_name: province,
  new_ward_code: to,
});

const input: BuildInput = {
  provinces: [{ province_code: "20", name: "Bình An", place_type: "Tỉnh" }],
  wards: [
    { ward_code: "00010", name: "Xã  Hoà Bình", province_code: "20" },
    { ward_code: "00020", name: "Phường Đông", province_code: "20" },
  ],
  wardMappings: [
    row("00001", "Xã Một", "Thị xã Sông Cầu", "Tỉnh Sông", "00010"),
    row("00002", "Xã Hai", "Thị xã Sông Cầu", "Tỉnh Sông", "00010"),
    row("00003", "Xã Ba", "Huyện Hợp Nhất", "Tỉnh Sông", "00020"),
    row("00004", "Xã Bốn", "Huyện Hợp Nhất", "Tỉnh Sông", "00020"),
    row("00005", "Phường Năm", "Thành phố Bình An", "Thành phố Bình An", "00020"),
    row(null, "Xã Sáu", "Huyện Hợp Nhất", "Tỉnh Sông", "00020"),
  ],
  hcProvinces: { "10": hc("10", "Tỉnh Sông"), "20": hc("20", "Tỉnh Bình An") },
  hcDistricts: {
    "101": hc("101", "Huyện Sông Cầu", "10"),
    "102": hc("102", "Huyện Ba", "10"),
    "103": hc("103", "Huyện Bốn", "10"),
    "201": hc("201", "Thành phố Bình An", "20"),
  },
  hcCommunes: {
    "00001": hc("00001", "Xã Một", "101"),
    "00002": hc("00002", "Xã Hai", "101"),
    "00003": hc("00003", "Xã Ba", "102"),
    "00004": hc("00004", "Xã Bốn", "103"),
    "00005": hc("00005", "Phường Năm", "201"),
  },
};

describe("buildUnitFiles", () => {
  const { v2025, legacy, mapping, report } = buildUnitFiles(input);

  it("writes v2025 provinces with their kind and communes with clean names", () => {
    expect(v2025.provinces).toEqual([["20", "Tỉnh Bình An"]]);
    expect(v2025.communes).toEqual([
      ["00010", "Xã Hoà Bình", "20"],
      ["00020", "Phường Đông", "20"],
    ]);
    expect([v2025.validFrom, v2025.validTo, legacy.validFrom, legacy.validTo]).toEqual([
      "2025-07-01",
      null,
      null,
      "2025-07-01",
    ]);
  });

  it("keeps GSO district codes, renames a district all its communes call by a new name", () => {
    expect(legacy.districts).toEqual([
      ["101", "Thị xã Sông Cầu", "10"],
      ["102", "Huyện Ba", "10"],
      ["103", "Huyện Bốn", "10"],
      ["201", "Thành phố Bình An", "20"],
    ]);
    expect(report.renamedDistricts).toEqual(["101: Huyện Sông Cầu -> Thị xã Sông Cầu"]);
    // 102 and 103 both became "Huyện Hợp Nhất": its code is in no source, so both keep their own names.
    expect(legacy.communes.map((c) => c[2])).toEqual(["101", "101", "102", "103", "201"]);
  });

  it("renames a legacy province to the name its communes carry (e.g. Thừa Thiên Huế -> Thành phố Huế)", () => {
    expect(legacy.provinces).toEqual([
      ["10", "Tỉnh Sông"],
      ["20", "Thành phố Bình An"],
    ]);
    expect(report.renamedProvinces).toEqual(["20: Tỉnh Bình An -> Thành phố Bình An"]);
  });

  it("maps communes to communes and districts and provinces to provinces; skips rows without a code", () => {
    expect(mapping.rows).toEqual([
      ["10", "20"],
      ["20", "20"],
      ["101", "20"],
      ["102", "20"],
      ["103", "20"],
      ["201", "20"],
      ["00001", "00010"],
      ["00002", "00010"],
      ["00003", "00020"],
      ["00004", "00020"],
      ["00005", "00020"],
    ]);
    expect(report.skippedMappingRows).toEqual({ noLegacyCode: 1, unknownNewCode: 0 });
    expect(report.communesWithoutPredecessor).toEqual([]);
  });

  it("refuses a legacy commune mapped twice or a legacy province split between new provinces", () => {
    const twice = {
      ...input,
      wardMappings: [...input.wardMappings, row("00001", "Xã Một", "x", "Tỉnh Sông", "00020")],
    };
    expect(() => buildUnitFiles(twice)).toThrow(/mapped twice/);
    const split = {
      ...input,
      provinces: [
        ...input.provinces,
        { province_code: "30", name: "Thành phố Khác", place_type: "Thành phố Trung Ương" },
      ],
      wards: [...input.wards, { ward_code: "00030", name: "Phường Tây", province_code: "30" }],
      wardMappings: input.wardMappings.map((m) =>
        m.old_ward_code === "00004" ? { ...m, new_ward_code: "00030" } : m,
      ),
    };
    expect(() => buildUnitFiles(split)).toThrow(/maps to 2 provinces/);
  });
});

describe("formatRows", () => {
  it("writes valid JSON with one array element per line", () => {
    const value = {
      hierarchy: "v2025",
      validTo: null,
      provinces: [
        ["01", "Thành phố Hà Nội"],
        ["04", "Tỉnh Cao Bằng"],
      ],
    };
    const text = formatRows(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text.split("\n")).toContain('  ["04","Tỉnh Cao Bằng"]');
  });
});
