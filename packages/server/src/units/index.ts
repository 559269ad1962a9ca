// Units feature: Viet Nam's administrative units (v2025 two-level and legacy three-level, with the mapping),
// seeded from ./data at start; public /v1/units API and map; lookups and scoping for other features.
import { defineFeature } from "../platform/feature.ts";
import { unitsEnv } from "./config.ts";
import { loadUnitsDataset } from "./dataset.ts";
import { loadProvinceMap } from "./map.ts";
import { registerUnitsRoutes } from "./routes.ts";
import { seedUnits, unitsDataVersion } from "./store.ts";

export { unitsEnv } from "./config.ts";
export { loadUnitsDataset, type UnitsDataset } from "./dataset.ts";
export { loadProvinceMap, MAP_OBJECTS, type ProvinceMap } from "./map.ts";
export {
  type AdminLevel,
  type AdminUnit,
  foldDiacritics,
  HIERARCHIES,
  type Hierarchy,
  hierarchyOn,
  isValidOn,
  LEVELS,
  REFORM_DATE,
  searchKey,
  shortName,
  type UnitMapping,
} from "./model.ts";
export {
  getUnit,
  isWithin,
  listChildren,
  listProvinces,
  resolveUnit,
  searchUnits,
  seedUnits,
  successorsOf,
  type UnitScope,
  type UnitSearchHit,
  type UnitSearchOptions,
  unitPath,
  unitsDataVersion,
} from "./store.ts";
export { createUnitIndex, type UnitIndex } from "./unit-index.ts";

export const unitsFeature = defineFeature({
  name: "units",
  env: unitsEnv,
  async register(app, deps) {
    let dataVersion: string | undefined;
    if (deps.config.seed) {
      const result = await seedUnits(deps.db, loadUnitsDataset());
      if (result.loaded) deps.log.info({ version: result.version }, "administrative units loaded");
      dataVersion = result.version;
    } else {
      dataVersion = await unitsDataVersion(deps.db);
    }
    registerUnitsRoutes(app, deps, { dataVersion, map: loadProvinceMap() });
  },
});
