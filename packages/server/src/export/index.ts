// Export feature: hourly signed export batches (export.bin + export.sig zips, index.txt) per region in the blob
// store, exactly once and never half-listed, padded to a minimum batch size; GET /v1/export-keys.
import { keysConfigFrom, keysEnv } from "../keys/index.ts";
import { defineFeature } from "../platform/feature.ts";
import { exportEnv } from "./config.ts";
import { registerExportRoutes } from "./routes.ts";
import { exportSigningKey, runExportOnce } from "./run.ts";

export { buildSignedZip, packExportFile, unpackExportFile } from "./build.ts";
export { buildSignedZips, ExportBuildPool, PARALLEL_BUILD_MIN_KEYS } from "./build-pool.ts";
export { type ExportConfig, exportEnv, loadExportConfig } from "./config.ts";
export { exportOnceFromEnv } from "./export-once.ts";
export {
  exportFilePath,
  exportFiles,
  exportFolder,
  exportSignatureInfo,
  indexPath,
  nextExportWindow,
  padBatch,
  renderIndex,
  splitBatch,
} from "./model.ts";
export { deleteExportsBefore } from "./retention.ts";
export {
  EXPORT_KEY_ID_PREFIX,
  type ExportDeps,
  type ExportedBatch,
  type ExportRunResult,
  exportSigningKey,
  planNextBatch,
  publishBatch,
  runExportOnce,
} from "./run.ts";

/** Name of the periodic export job. */
export const EXPORT_JOB = "export.run";

export const exportFeature = defineFeature({
  name: "export",
  env: { ...exportEnv, ...keysEnv },
  async register(app, deps) {
    const keys = keysConfigFrom(deps.config, deps.platform);
    const exportDeps = { ...deps, keys };
    // Fail at start (not at the first export) when production has no export signing key.
    await exportSigningKey(exportDeps);
    registerExportRoutes(app, deps);
    deps.jobs.handle(EXPORT_JOB, async () => {
      await runExportOnce(exportDeps);
    });
    deps.jobs.schedule({
      name: EXPORT_JOB,
      everyMs: deps.config.periodMs,
      offsetMs: deps.config.closeDelayMs,
    });
  },
});
