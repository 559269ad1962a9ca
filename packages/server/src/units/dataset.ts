// The committed data files in ./data (written by build-data.ts): their compact JSON format, the pure parser
// that validates and expands them into AdminUnit / UnitMapping rows, and the (memoised) loader with a version.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AdminLevel,
  type AdminUnit,
  foldDiacritics,
  HIERARCHIES,
  type Hierarchy,
  type UnitMapping,
  unitKind,
} from "./model.ts";

/** packages/server/src/units/data */
export const UNITS_DATA_DIR = fileURLToPath(new URL("./data/", import.meta.url));
export const UNIT_FILES = { v2025: "v2025.json", legacy: "legacy.json", mapping: "mapping.json" } as const;
export const MAP_FILE = "provinces.topo.json";

/** [code, name] for provinces; [code, name, parentCode] below. */
export type UnitRow = [code: string, name: string, parentCode?: string];

/** One hierarchy's file. */
export interface HierarchyFile {
  hierarchy: Hierarchy;
  validFrom: string | null;
  validTo: string | null;
  provinces: UnitRow[];
  districts?: UnitRow[];
  communes: UnitRow[];
}

/** The legacy -> v2025 mapping file: [legacyCode, newCode] or [legacyCode, newCode, weight]. */
export interface MappingFile {
  from: "legacy";
  to: "v2025";
  rows: [legacyCode: string, newCode: string, weight?: number][];
}

export interface UnitsDataset {
  /** Content hash of the data files; the database is reseeded when it changes. */
  version: string;
  units: AdminUnit[];
  mapping: UnitMapping[];
}

const CODE = /^\d{2,5}$/;

/** Validates and expands the parsed files. Pure; throws on the first malformed row. */
export function parseUnitsDataset(
  files: { v2025: HierarchyFile; legacy: HierarchyFile; mapping: MappingFile },
  version: string,
): UnitsDataset {
  const units: AdminUnit[] = [];
  for (const file of [files.v2025, files.legacy]) {
    if (!HIERARCHIES.includes(file.hierarchy)) throw new Error(`unknown hierarchy "${file.hierarchy}"`);
    const levels: [AdminLevel, UnitRow[] | undefined][] = [
      ["province", file.provinces],
      ["district", file.districts],
      ["commune", file.communes],
    ];
    for (const [level, rows] of levels) {
      for (const row of rows ?? []) units.push(toUnit(file, level, row));
    }
  }
  const mapping = files.mapping.rows.map(([legacyCode, newCode, weight]) => {
    if (!CODE.test(legacyCode) || !CODE.test(newCode)) {
      throw new Error(`bad mapping row ${legacyCode} -> ${newCode}`);
    }
    return { legacyCode, newCode, weight: weight ?? 1 };
  });
  return { version, units, mapping };
}

function toUnit(file: HierarchyFile, level: AdminLevel, row: UnitRow): AdminUnit {
  const [code, name, parentCode] = row;
  if (!CODE.test(code)) throw new Error(`${file.hierarchy}: bad code "${code}"`);
  const kind = unitKind(name);
  if (!kind) throw new Error(`${file.hierarchy} ${code}: name "${name}" does not start with a unit kind`);
  if ((level === "province") !== (parentCode === undefined)) {
    throw new Error(
      `${file.hierarchy} ${code}: a ${level} ${level === "province" ? "has no" : "needs a"} parent`,
    );
  }
  return {
    code,
    name,
    nameAscii: foldDiacritics(name),
    kind,
    level,
    parentCode: parentCode ?? null,
    hierarchy: file.hierarchy,
    validFrom: file.validFrom,
    validTo: file.validTo,
  };
}

let cached: { dir: string; dataset: UnitsDataset } | undefined;

/** Reads and parses the data files (once per directory per process). */
export function loadUnitsDataset(dir = UNITS_DATA_DIR): UnitsDataset {
  if (cached?.dir === dir) return cached.dataset;
  const hash = createHash("sha256");
  const read = <T>(name: string): T => {
    const bytes = readFileSync(join(dir, name));
    hash.update(name).update(bytes);
    return JSON.parse(bytes.toString("utf8")) as T;
  };
  const v2025 = read<HierarchyFile>(UNIT_FILES.v2025);
  const legacy = read<HierarchyFile>(UNIT_FILES.legacy);
  const mapping = read<MappingFile>(UNIT_FILES.mapping);
  const dataset = parseUnitsDataset({ v2025, legacy, mapping }, hash.digest("hex").slice(0, 16));
  cached = { dir, dataset };
  return dataset;
}
