// Environment variables of the retention job: how long diagnosis keys, verification codes/tokens and
// published export batches are kept, and how often the job runs.
import { type EnvValues, envDuration } from "../platform/env.ts";

export const retentionEnv = {
  periodMs: envDuration(
    "RETENTION_PERIOD",
    "14d",
    "Diagnosis keys, verification codes and tokens, export batches and their files older than this are deleted.",
    { min: "1d", max: "90d" },
  ),
  intervalMs: envDuration("RETENTION_INTERVAL", "1h", "How often the retention job runs.", {
    min: "1m",
    max: "1d",
  }),
} as const;

export type RetentionConfig = EnvValues<typeof retentionEnv>;
