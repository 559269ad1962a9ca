// SQL of the export feature: the per-region lock, export batches, assigning diagnosis keys to a batch
// (copied into export_batch_keys, once per region), reading a batch's keys back and the published file list.
import type { ExportKey, ReportType } from "@bluezone/protocol";
import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import { type Db, rows } from "../platform/db/database.ts";
import { type ExportWindow, exportFilePath, unixSeconds } from "./model.ts";
import { exportBatches, exportBatchKeys } from "./tables.ts";

export type ExportBatchRow = typeof exportBatches.$inferSelect;
export type BatchKeyKind = (typeof exportBatchKeys.$inferSelect)["kind"];

/** Serializes planning, publishing and deleting the batches of one region across processes (until commit). */
export async function lockRegion(tx: Db, region: string): Promise<void> {
  await rows(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`bluezone:export:${region}`}))`);
}

/** End of the region's newest batch, or null before the first one. */
export async function lastBatchEnd(db: Db, region: string): Promise<Date | null> {
  const [row] = await db
    .select({ endAt: exportBatches.endAt })
    .from(exportBatches)
    .where(eq(exportBatches.region, region))
    .orderBy(desc(exportBatches.endAt))
    .limit(1);
  return row?.endAt ?? null;
}

export async function insertBatch(
  tx: Db,
  batch: { region: string; folder: string; window: ExportWindow; maxKeysPerFile: number },
): Promise<ExportBatchRow> {
  const [row] = await tx
    .insert(exportBatches)
    .values({
      region: batch.region,
      folder: batch.folder,
      startAt: batch.window.start,
      endAt: batch.window.end,
      keyCount: 0,
      revisedCount: 0,
      paddingCount: 0,
      maxKeysPerFile: batch.maxKeysPerFile,
      fileCount: 0,
    })
    .returning();
  if (!row) throw new Error("export batch insert returned nothing");
  return row;
}

/**
 * How far before a window's start a not yet exported key's available_at may lie and still be picked up: keys
 * whose upload committed after the previous window was closed (their available_at is at least their
 * hour-truncated upload time). Bounds the scan to about a day of keys via diagnosis_keys_available_idx.
 */
export const LATE_KEY_GRACE_MS = 86_400_000;

/**
 * Assigns to the batch every diagnosis key released by the window's end (created before it, embargo over,
 * available_at after `since` when given) that was not exported for this region yet and was created less than
 * `maxKeyAgeMs` before the end. A key whose revision is due by the end too is published once, with its revised
 * values. Also sets diagnosis_keys.export_batch_id (and revised_export_batch_id) to the first batch, any region,
 * that published the key. Returns how many keys were assigned.
 */
export async function assignNewKeys(
  tx: Db,
  batch: ExportBatchRow,
  options: { maxKeyAgeMs: number; since: Date | null },
): Promise<number> {
  const end = batch.endAt.toISOString();
  const oldest = new Date(batch.endAt.getTime() - options.maxKeyAgeMs).toISOString();
  const since = options.since ? sql`AND d.available_at > ${options.since.toISOString()}::timestamptz` : sql``;
  const inserted = await rows<{ n: number }>(
    tx,
    sql`WITH candidates AS (
      SELECT d.*, (d.revised_at IS NOT NULL AND d.revised_report_type IS NOT NULL
        AND d.revised_at <= ${end}::timestamptz) AS with_revision
      FROM diagnosis_keys d
      WHERE d.created_at < ${end}::timestamptz
        AND d.available_at <= ${end}::timestamptz
        AND d.created_at >= ${oldest}::timestamptz
        ${since}
        AND NOT EXISTS (
          SELECT 1 FROM export_batch_keys e
          WHERE e.region = ${batch.region} AND e.kind = 'key' AND e.key_data = d.key_data)
    ), assigned AS (
      INSERT INTO export_batch_keys (batch_id, region, kind, key_data, rolling_start_interval_number,
        rolling_period, transmission_risk, report_type, days_since_onset, revised)
      SELECT ${batch.id}::bigint, ${batch.region}, 'key', c.key_data, c.rolling_start_interval_number,
        c.rolling_period,
        CASE WHEN c.with_revision THEN coalesce(c.revised_transmission_risk, c.transmission_risk)
          ELSE c.transmission_risk END,
        CASE WHEN c.with_revision THEN c.revised_report_type ELSE c.report_type END,
        CASE WHEN c.with_revision THEN c.revised_days_since_onset ELSE c.days_since_onset END,
        c.with_revision
      FROM candidates c
      RETURNING key_data, revised
    ), marked AS (
      UPDATE diagnosis_keys k
      SET export_batch_id = coalesce(k.export_batch_id, ${batch.id}::bigint),
        revised_export_batch_id = CASE WHEN a.revised
          THEN coalesce(k.revised_export_batch_id, ${batch.id}::bigint) ELSE k.revised_export_batch_id END
      FROM assigned a WHERE k.key_data = a.key_data
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM assigned)::int AS n, (SELECT count(*) FROM marked)::int AS m`,
  );
  return inserted[0]?.n ?? 0;
}

/**
 * Assigns to the batch, as revised keys, keys published earlier without their revision whose revision is due
 * by this window's end (a key is revised at most once, so each revision is published once per region). Sets
 * diagnosis_keys.revised_export_batch_id when no batch had published the revision yet.
 */
export async function assignRevisedKeys(tx: Db, batch: ExportBatchRow): Promise<number> {
  const end = batch.endAt.toISOString();
  const inserted = await rows<{ n: number }>(
    tx,
    sql`WITH assigned AS (
      INSERT INTO export_batch_keys (batch_id, region, kind, key_data, rolling_start_interval_number,
        rolling_period, transmission_risk, report_type, days_since_onset, revised)
      SELECT ${batch.id}::bigint, ${batch.region}, 'revised', d.key_data, d.rolling_start_interval_number,
        d.rolling_period, coalesce(d.revised_transmission_risk, d.transmission_risk), d.revised_report_type,
        d.revised_days_since_onset, true
      FROM diagnosis_keys d
      JOIN export_batch_keys e ON e.region = ${batch.region} AND e.kind = 'key' AND e.key_data = d.key_data
        AND NOT e.revised AND e.batch_id <> ${batch.id}::bigint
      WHERE d.revised_at IS NOT NULL AND d.revised_report_type IS NOT NULL
        AND d.revised_at <= ${end}::timestamptz
        AND NOT EXISTS (
          SELECT 1 FROM export_batch_keys r
          WHERE r.region = ${batch.region} AND r.kind = 'revised' AND r.key_data = d.key_data)
      RETURNING key_data
    ), marked AS (
      UPDATE diagnosis_keys k SET revised_export_batch_id = coalesce(k.revised_export_batch_id, ${batch.id}::bigint)
      FROM assigned a WHERE k.key_data = a.key_data
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM assigned)::int AS n, (SELECT count(*) FROM marked)::int AS m`,
  );
  return inserted[0]?.n ?? 0;
}

/** Stores the batch's padding keys (so a redo writes the very same files). */
export async function insertPaddingKeys(
  tx: Db,
  batch: ExportBatchRow,
  padding: readonly ExportKey[],
): Promise<void> {
  const chunk = 1000;
  for (let i = 0; i < padding.length; i += chunk) {
    await tx.insert(exportBatchKeys).values(
      padding.slice(i, i + chunk).map((k) => ({
        batchId: batch.id,
        region: batch.region,
        kind: "padding" as const,
        keyData: k.keyData,
        rollingStartIntervalNumber: k.rollingStartIntervalNumber,
        rollingPeriod: k.rollingPeriod,
        transmissionRisk: k.transmissionRiskLevel ?? null,
        reportType: k.reportType ?? null,
        daysSinceOnset: k.daysSinceOnsetOfSymptoms ?? null,
      })),
    );
  }
}

/** Records the batch's final counts when planning ends (same transaction as the assignment). */
export async function setBatchCounts(
  tx: Db,
  batchId: number,
  counts: { keyCount: number; revisedCount: number; paddingCount: number; fileCount: number },
): Promise<ExportBatchRow> {
  const [row] = await tx.update(exportBatches).set(counts).where(eq(exportBatches.id, batchId)).returning();
  if (!row) throw new Error(`export batch ${batchId} vanished`);
  return row;
}

/** A batch's keys by kind, as export keys (unsorted). */
export async function readBatchKeys(db: Db, batchId: number): Promise<Record<BatchKeyKind, ExportKey[]>> {
  const found = await db.select().from(exportBatchKeys).where(eq(exportBatchKeys.batchId, batchId));
  const out: Record<BatchKeyKind, ExportKey[]> = { key: [], revised: [], padding: [] };
  for (const r of found) {
    const key: ExportKey = {
      keyData: r.keyData,
      rollingStartIntervalNumber: r.rollingStartIntervalNumber,
      rollingPeriod: r.rollingPeriod,
    };
    if (r.transmissionRisk !== null) key.transmissionRiskLevel = r.transmissionRisk;
    if (r.reportType !== null) key.reportType = r.reportType as ReportType;
    if (r.daysSinceOnset !== null) key.daysSinceOnsetOfSymptoms = r.daysSinceOnset;
    out[r.kind].push(key);
  }
  return out;
}

export async function findBatch(db: Db, batchId: number): Promise<ExportBatchRow | undefined> {
  const [row] = await db.select().from(exportBatches).where(eq(exportBatches.id, batchId));
  return row;
}

/** The region's planned but unpublished batches, oldest first. */
export async function pendingBatches(db: Db, region: string): Promise<ExportBatchRow[]> {
  return db
    .select()
    .from(exportBatches)
    .where(and(eq(exportBatches.region, region), eq(exportBatches.status, "pending")))
    .orderBy(asc(exportBatches.endAt));
}

export async function markPublished(tx: Db, batchId: number, now: Date): Promise<void> {
  await tx
    .update(exportBatches)
    .set({ status: "published", publishedAt: now })
    .where(eq(exportBatches.id, batchId));
}

/** Blob keys of a batch's files, batch_num order. */
export function batchFilePaths(batch: Pick<ExportBatchRow, "folder" | "endAt" | "fileCount">): string[] {
  const end = unixSeconds(batch.endAt);
  return Array.from({ length: batch.fileCount }, (_, i) =>
    exportFilePath(batch.folder, end, i + 1, batch.fileCount),
  );
}

/** The region's published batches, oldest first (what index.txt lists). */
export async function publishedBatches(db: Db, region: string): Promise<ExportBatchRow[]> {
  return db
    .select()
    .from(exportBatches)
    .where(and(eq(exportBatches.region, region), eq(exportBatches.status, "published")))
    .orderBy(asc(exportBatches.endAt));
}

/** Every region that has batches (retention also cleans regions no longer configured). */
export async function batchRegions(db: Db): Promise<string[]> {
  const found = await db.selectDistinct({ region: exportBatches.region }).from(exportBatches);
  return found.map((r) => r.region).sort();
}

/** The region's batches whose window ended before `cutoff`. */
export async function batchesEndedBefore(db: Db, region: string, cutoff: Date): Promise<ExportBatchRow[]> {
  return db
    .select()
    .from(exportBatches)
    .where(and(eq(exportBatches.region, region), lt(exportBatches.endAt, cutoff)))
    .orderBy(asc(exportBatches.endAt));
}

/** Deletes batches and (cascade) their keys. */
export async function deleteBatches(tx: Db, batchIds: readonly number[]): Promise<void> {
  for (const id of batchIds) await tx.delete(exportBatches).where(eq(exportBatches.id, id));
}
