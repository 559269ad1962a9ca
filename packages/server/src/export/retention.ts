// Retention of published exports: batches whose window ended before a cutoff leave index.txt first, then their
// files and rows are deleted, under the region lock. Called by the retention job (src/retention/).
import type { BlobStore } from "../platform/blob/store.ts";
import { type Db, transaction } from "../platform/db/database.ts";
import { writeIndex } from "./run.ts";
import {
  batchesEndedBefore,
  batchFilePaths,
  batchRegions,
  deleteBatches,
  lockRegion,
  publishedBatches,
} from "./store.ts";

export interface ExportRetentionResult {
  batches: number;
  files: number;
}

/**
 * Deletes every export batch (any region) whose window ended before `cutoff`: rewrites index.txt without them,
 * deletes their files, then their rows and keys, in one transaction per region. Rerunning after a crash
 * finishes the job (blob deletes are idempotent).
 */
export async function deleteExportsBefore(
  deps: { db: Db; blobs: BlobStore },
  cutoff: Date,
): Promise<ExportRetentionResult> {
  const result: ExportRetentionResult = { batches: 0, files: 0 };
  for (const region of await batchRegions(deps.db)) {
    await transaction(deps.db, async (tx) => {
      await lockRegion(tx, region);
      const expired = await batchesEndedBefore(tx, region, cutoff);
      if (expired.length === 0) return;
      const expiredIds = new Set(expired.map((b) => b.id));
      const kept = (await publishedBatches(tx, region)).filter((b) => !expiredIds.has(b.id));
      for (const folder of new Set(expired.filter((b) => b.status === "published").map((b) => b.folder))) {
        await writeIndex(deps.blobs, folder, kept.filter((b) => b.folder === folder).flatMap(batchFilePaths));
      }
      for (const batch of expired) {
        for (const path of batchFilePaths(batch)) {
          await deps.blobs.delete(path);
          result.files++;
        }
      }
      await deleteBatches(tx, [...expiredIds]);
      result.batches += expired.length;
    });
  }
  return result;
}
