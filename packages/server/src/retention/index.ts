// Retention feature (no routes): a periodic job deleting diagnosis keys, verification codes and tokens, and
// export batches with their files once they are older than RETENTION_PERIOD (14 days).
import { deleteExportsBefore } from "../export/retention.ts";
import type { BlobStore } from "../platform/blob/store.ts";
import type { Db } from "../platform/db/database.ts";
import type { Clock } from "../platform/feature.ts";
import { defineFeature } from "../platform/feature.ts";
import { type RetentionConfig, retentionEnv } from "./config.ts";
import { retentionCutoff } from "./model.ts";
import { deleteDiagnosisKeysBefore, deleteVerificationBefore } from "./store.ts";

export { type RetentionConfig, retentionEnv } from "./config.ts";
export { retentionCutoff } from "./model.ts";

/** Name of the periodic retention job. */
export const RETENTION_JOB = "retention.run";

export interface RetentionResult {
  cutoff: Date;
  diagnosisKeys: number;
  verificationCodes: number;
  verificationTokens: number;
  exportBatches: number;
  exportFiles: number;
}

/**
 * Deletes everything older than the retention period. Idempotent. Diagnosis keys go before export batches: a
 * batch ends after every key it holds was created, so a key never outlives the batch that published it (and
 * the export, which also skips keys older than EXPORT_MAX_KEY_AGE, never publishes it a second time).
 */
export async function runRetentionOnce(deps: {
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  config: Pick<RetentionConfig, "periodMs">;
}): Promise<RetentionResult> {
  const cutoff = retentionCutoff(deps.clock(), deps.config.periodMs);
  const diagnosisKeys = await deleteDiagnosisKeysBefore(deps.db, cutoff);
  const verification = await deleteVerificationBefore(deps.db, cutoff);
  const exports = await deleteExportsBefore(deps, cutoff);
  return {
    cutoff,
    diagnosisKeys,
    verificationCodes: verification.codes,
    verificationTokens: verification.tokens,
    exportBatches: exports.batches,
    exportFiles: exports.files,
  };
}

export const retentionFeature = defineFeature({
  name: "retention",
  env: retentionEnv,
  register(_app, deps) {
    deps.jobs.handle(RETENTION_JOB, async () => {
      const result = await runRetentionOnce(deps);
      const { cutoff: _cutoff, ...counts } = result;
      deps.log.info(counts, "retention: old records deleted");
    });
    deps.jobs.schedule({
      name: RETENTION_JOB,
      everyMs: deps.config.intervalMs,
      offsetMs: (30 * 60_000) % deps.config.intervalMs,
    });
  },
});
