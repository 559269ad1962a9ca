// SQL of telco subscriber counts: storing an upload (all rows in one transaction), recomputing the effective
// figures of the units it affects and their ancestors, and reading the effective figure of units on a day.
import { type Db, rows, sql, transaction } from "../platform/db/database.ts";
import { anyText, json } from "./sql.ts";
import type { SubscriberRow } from "./subscriber-rows.ts";
import type { CampaignUnits } from "./units.ts";

export interface UploadInfo {
  fileName: string;
  format: "csv" | "xlsx";
  /** The uploader's view root ("VN" for national). */
  scopeCode: string;
  accountId: number | null;
  uploadedAt: Date;
}

/** Stores every row (a later upload for the same unit and date replaces it) and updates effective figures. */
export async function saveSubscriberUpload(
  db: Db,
  units: CampaignUnits,
  upload: UploadInfo,
  data: readonly SubscriberRow[],
): Promise<{ uploadId: number; rows: number }> {
  return transaction(db, async (tx) => {
    const [created] = await rows<{ id: number }>(
      tx,
      sql`INSERT INTO campaign_subscriber_uploads (file_name, format, row_count, scope_code, account_id, uploaded_at)
          VALUES (${upload.fileName}, ${upload.format}, ${data.length}, ${upload.scopeCode}, ${upload.accountId},
                  ${upload.uploadedAt.toISOString()}::timestamptz)
          RETURNING id::int AS id`,
    );
    const uploadId = created!.id;
    await tx.execute(sql`
      INSERT INTO campaign_subscriber_reports (unit_code, as_of, subscribers, upload_id)
      SELECT unit_code, as_of::date, subscribers, ${uploadId}
      FROM json_to_recordset(${json(data.map((r) => ({ unit_code: r.unitCode, as_of: r.asOf, subscribers: r.subscribers })))})
        AS x(unit_code text, as_of text, subscribers bigint)
      ON CONFLICT (unit_code, as_of) DO UPDATE SET subscribers = excluded.subscribers, upload_id = excluded.upload_id`);
    await recomputeEffective(
      tx,
      units,
      data.map((r) => r.unitCode),
      data.map((r) => r.asOf),
    );
    return { uploadId, rows: data.length };
  });
}

/** Latest value <= day per unit from `table` (reports or effective figures). */
async function latestValues(
  tx: Db,
  table: "campaign_subscriber_reports" | "campaign_subscribers",
  codes: readonly string[],
  day: string,
): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const found = await rows<{ unit_code: string; subscribers: number }>(
    tx,
    sql`SELECT DISTINCT ON (unit_code) unit_code, subscribers::float8 AS subscribers
        FROM ${sql.raw(table)}
        WHERE unit_code = ${anyText(codes)} AND as_of <= ${day}::date
        ORDER BY unit_code, as_of DESC`,
  );
  return new Map(found.map((r) => [r.unit_code, Number(r.subscribers)]));
}

/**
 * Effective subscribers of every unit in `changedCodes` and their ancestors, on each changed date and on every
 * later date those units already have a figure for: own report, else the sum of the sub-units' latest figures.
 */
export async function recomputeEffective(
  tx: Db,
  units: CampaignUnits,
  changedCodes: readonly string[],
  changedDays: readonly string[],
): Promise<void> {
  const affected = new Set<string>();
  for (const code of changedCodes) for (const c of units.path(code)) affected.add(c);
  // Deepest first, so a parent sums its children's fresh figures.
  const order = [...affected].sort(
    (a, b) => units.path(b).length - units.path(a).length || a.localeCompare(b),
  );
  const from = [...changedDays].sort()[0];
  if (!from) return;
  const later = await rows<{ as_of: string }>(
    tx,
    sql`SELECT DISTINCT as_of::text AS as_of FROM campaign_subscribers
        WHERE as_of > ${from}::date AND unit_code = ${anyText(order)}`,
  );
  const days = [...new Set([...changedDays, ...later.map((r) => r.as_of)])].sort();
  for (const day of days) {
    const own = await latestValues(tx, "campaign_subscriber_reports", order, day);
    const computed: { unit_code: string; subscribers: number }[] = [];
    for (const code of order) {
      let value = own.get(code);
      if (value === undefined) {
        const children = units.children(code).map((c) => c.code);
        const childValues = await latestValues(tx, "campaign_subscribers", children, day);
        if (childValues.size > 0) value = [...childValues.values()].reduce((s, v) => s + v, 0);
      }
      if (value !== undefined) {
        computed.push({ unit_code: code, subscribers: value });
        await tx.execute(sql`
          INSERT INTO campaign_subscribers (unit_code, as_of, subscribers) VALUES (${code}, ${day}::date, ${value})
          ON CONFLICT (unit_code, as_of) DO UPDATE SET subscribers = excluded.subscribers`);
      }
    }
  }
}

/** Effective subscribers of each unit on `day` (units without any figure are absent). */
export function subscribersOn(db: Db, codes: readonly string[], day: string): Promise<Map<string, number>> {
  return latestValues(db, "campaign_subscribers", codes, day);
}

/** Every effective figure of one unit, oldest first (a step function over days). */
export async function subscriberHistory(
  db: Db,
  code: string,
): Promise<{ asOf: string; subscribers: number }[]> {
  const found = await rows<{ as_of: string; subscribers: number }>(
    db,
    sql`SELECT as_of::text AS as_of, subscribers::float8 AS subscribers FROM campaign_subscribers
        WHERE unit_code = ${code} ORDER BY as_of`,
  );
  return found.map((r) => ({ asOf: r.as_of, subscribers: Number(r.subscribers) }));
}

/** The most recent uploads made by officials of these view roots (all when null), newest first. */
export async function recentUploads(
  db: Db,
  scopeCodes: readonly string[] | null,
  limit = 20,
): Promise<{ id: number; fileName: string; format: string; rows: number; uploadedAt: string }[]> {
  const where = scopeCodes ? sql`WHERE scope_code = ${anyText(scopeCodes)}` : sql``;
  const found = await rows<{
    id: number;
    file_name: string;
    format: string;
    row_count: number;
    uploaded_at: string;
  }>(
    db,
    sql`SELECT id::int AS id, file_name, format, row_count, uploaded_at::text AS uploaded_at
        FROM campaign_subscriber_uploads ${where} ORDER BY id DESC LIMIT ${limit}`,
  );
  return found.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    rows: r.row_count,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
  }));
}
