// Environment variables of the export feature (regions, window period, minimum batch size, file size limit,
// worker threads), each with its default; `exportEnv` is validated with every other feature's at start.
import { MAX_KEYS_PER_BATCH } from "@bluezone/protocol";
import {
  type Env,
  type EnvValues,
  type EnvVar,
  envDuration,
  envInt,
  envString,
  readEnv,
} from "../platform/env.ts";

const REGION = /^[A-Za-z0-9_]{1,16}$/;

/** Comma-separated region codes ("VN", "VN,LA"); each becomes a folder `<prefix>-<region>`. */
function envRegions(name: string, def: string, doc: string): EnvVar<string[]> {
  return {
    name,
    doc,
    defaultText: def,
    parse: (raw) => {
      const text = raw === undefined || raw.trim() === "" ? def : raw;
      const regions = text.split(",").map((r) => r.trim());
      const bad = regions.filter((r) => !REGION.test(r));
      if (bad.length > 0) return { ok: false, error: `${name}: invalid region(s) ${bad.join(", ")}` };
      if (new Set(regions).size !== regions.length) {
        return { ok: false, error: `${name}: a region is listed twice` };
      }
      return { ok: true, value: regions };
    },
  };
}

export const exportEnv = {
  regions: envRegions(
    "EXPORT_REGIONS",
    "VN",
    "Comma-separated regions to publish (the `region` of export.bin); every key is published in each.",
  ),
  periodMs: envDuration(
    "EXPORT_PERIOD",
    "1h",
    "Length of an export window; the export job runs once per period (at EXPORT_CLOSE_DELAY past it).",
    { min: "1m", max: "1d" },
  ),
  closeDelayMs: envDuration(
    "EXPORT_CLOSE_DELAY",
    "5m",
    "How long after a window ends it is closed (lets in-flight uploads commit; late keys go to the next batch).",
    { min: "0", max: "1h" },
  ),
  minKeys: envInt(
    "EXPORT_MIN_KEYS",
    140,
    "Minimum batch size (privacy): a batch with fewer real keys is filled with random padding keys.",
    { min: 0, max: 100_000 },
  ),
  maxKeysPerFile: envInt(
    "EXPORT_MAX_KEYS_PER_FILE",
    500_000,
    "Most keys (including revised and padding keys) in one export zip; larger batches are split.",
    { min: 1, max: MAX_KEYS_PER_BATCH },
  ),
  maxKeyAgeMs: envDuration(
    "EXPORT_MAX_KEY_AGE",
    "14d",
    "Keys submitted longer ago than this are never exported (they are useless to phones).",
    { min: "1h", max: "30d" },
  ),
  filePrefix: envString(
    "EXPORT_FILE_PREFIX",
    "exposureKeyExport",
    "Blob folder prefix: files go to `<prefix>-<region>/`, the index to `<prefix>-<region>/index.txt`.",
    { pattern: /^[A-Za-z0-9_-]{1,64}$/ },
  ),
  workers: envInt(
    "EXPORT_WORKERS",
    2,
    "Worker threads that encode, sign and zip large batches (0: build in the job's own thread).",
    { min: 0, max: 64 },
  ),
} as const;

/** The export feature's validated configuration. */
export type ExportConfig = EnvValues<typeof exportEnv>;

/** Reads the export configuration from `env` (for the CLI's `bluezone export --once`); throws ConfigError. */
export function loadExportConfig(env: Env = process.env): ExportConfig {
  return readEnv(exportEnv, env);
}
