// Environment variables of the units feature (seeding at start, HTTP cache lifetime), with defaults.
import { envBool, envDuration } from "../platform/env.ts";

export const unitsEnv = {
  seed: envBool(
    "UNITS_SEED",
    true,
    "Load the administrative units and the legacy mapping into the database at start when the tables are empty or hold another version of the data files.",
  ),
  cacheMaxAgeMs: envDuration(
    "UNITS_CACHE_MAX_AGE",
    "1d",
    "Cache-Control max-age of the public /v1/units responses and the province map.",
    { min: "0s", max: "365d" },
  ),
} as const;
