// Retention of staff-assisted check-ins: an hourly job deleting every sealed record whose arrival hour is more
// than 14 days old (releases also skip such records, so a late job never extends their life).
import type { Db } from "../platform/db/database.ts";
import type { Clock } from "../platform/feature.ts";
import { assistedRetentionCutoff } from "./assisted-model.ts";
import { deleteAssistedBefore } from "./assisted-store.ts";

/** Name of the hourly job deleting staff-assisted check-ins past retention. */
export const ASSISTED_RETENTION_JOB = "checkin.assisted-retention";

/** Deletes records past retention at the clock's now; returns the cutoff and how many were deleted. Idempotent. */
export async function runAssistedRetention(deps: { db: Db; clock: Clock }): Promise<{
  cutoff: Date;
  deleted: number;
}> {
  const cutoff = assistedRetentionCutoff(deps.clock());
  return { cutoff, deleted: await deleteAssistedBefore(deps.db, cutoff) };
}
