// SQL of the submission feature (raw and parameterised: it is the publish hot path): the multi-row insert of new
// keys (ON CONFLICT DO NOTHING), stored keys for revision checks (locked), revisions, and the uploader's check-in
// reports (into checkin/'s check_in_reports table, which the hourly warning package job publishes).
import type { CheckInProtectedReport } from "@bluezone/protocol";
import type { DiagnosisKey, StoredKey } from "./model.ts";
import type { RawTx } from "./raw-sql.ts";

const INSERT_COLUMNS = [
  "key_data",
  "rolling_start_interval_number",
  "rolling_period",
  "transmission_risk",
  "report_type",
  "days_since_onset",
  "health_authority",
  "traveler",
  "created_at",
  "available_at",
] as const;

const sqlTexts = new Map<string, string>();

/** Memoised statement text per shape (row / placeholder count), so it is built once. */
function memo(name: string, n: number, build: (n: number) => string): string {
  const id = `${name}:${n}`;
  let text = sqlTexts.get(id);
  if (text === undefined) {
    text = build(n);
    sqlTexts.set(id, text);
  }
  return text;
}

function placeholders(from: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}`).join(", ");
}

/** `INSERT ... VALUES (...), ... ON CONFLICT (key_data) DO NOTHING RETURNING key_data` for `n` rows. */
export function insertKeysSql(n: number): string {
  return memo("insert", n, (rowCount) => {
    const width = INSERT_COLUMNS.length;
    const values = Array.from({ length: rowCount }, (_, r) => `(${placeholders(r * width + 1, width)})`).join(
      ", ",
    );
    return `INSERT INTO diagnosis_keys (${INSERT_COLUMNS.join(", ")}) VALUES ${values} ON CONFLICT (key_data) DO NOTHING RETURNING key_data`;
  });
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const asBytes = (value: Uint8Array): Uint8Array =>
  new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

/**
 * Inserts new keys in one multi-row statement; keys already stored (or stored meanwhile by another request) are
 * skipped. Returns the key data actually inserted.
 */
export async function insertKeys(tx: RawTx, keys: readonly DiagnosisKey[]): Promise<Uint8Array[]> {
  if (keys.length === 0) return [];
  const params: unknown[] = [];
  for (const k of keys) {
    params.push(
      asBuffer(k.keyData),
      k.rollingStartIntervalNumber,
      k.rollingPeriod,
      k.transmissionRiskLevel,
      k.reportType,
      k.daysSinceOnset,
      k.healthAuthority,
      k.traveler,
      k.createdAt,
      k.availableAt,
    );
  }
  const inserted = await tx.query<{ key_data: Uint8Array }>(insertKeysSql(keys.length), params);
  return inserted.map((r) => asBytes(r.key_data));
}

interface StoredRow {
  key_data: Uint8Array;
  rolling_start_interval_number: number;
  rolling_period: number;
  report_type: number;
  revised_report_type: number | null;
  available_at: Date;
}

/** The stored keys among `keyData`, locked until the transaction ends. */
export async function lockStoredKeys(tx: RawTx, keyData: readonly Uint8Array[]): Promise<StoredKey[]> {
  if (keyData.length === 0) return [];
  const text = memo(
    "lock",
    keyData.length,
    (n) =>
      `SELECT key_data, rolling_start_interval_number, rolling_period, report_type, revised_report_type, available_at FROM diagnosis_keys WHERE key_data IN (${placeholders(1, n)}) FOR UPDATE`,
  );
  const found = await tx.query<StoredRow>(text, keyData.map(asBuffer));
  return found.map((r) => ({
    keyData: asBytes(r.key_data),
    rollingStartIntervalNumber: r.rolling_start_interval_number,
    rollingPeriod: r.rolling_period,
    reportType: r.report_type,
    revisedReportType: r.revised_report_type,
    availableAt: r.available_at,
  }));
}

const REVISE_SQL =
  "UPDATE diagnosis_keys SET revised_report_type = $1, revised_days_since_onset = $2, revised_transmission_risk = $3, revised_at = $4, health_authority = $5 WHERE key_data = $6";

/** Records revisions (new report type, onset and risk; exportable from `revisedAt`). */
export async function reviseKeys(
  tx: RawTx,
  revisions: readonly { key: DiagnosisKey; revisedAt: Date }[],
): Promise<void> {
  for (const { key, revisedAt } of revisions) {
    await tx.query(REVISE_SQL, [
      key.reportType,
      key.daysSinceOnset,
      key.transmissionRiskLevel,
      revisedAt,
      key.healthAuthority,
      asBuffer(key.keyData),
    ]);
  }
}

/** Deletes the keys `keyData` (a group commit taking back rows it inserted, before it commits). */
export async function deleteKeys(tx: RawTx, keyData: readonly Uint8Array[]): Promise<void> {
  if (keyData.length === 0) return;
  const text = memo(
    "delete",
    keyData.length,
    (n) => `DELETE FROM diagnosis_keys WHERE key_data IN (${placeholders(1, n)})`,
  );
  await tx.query(text, keyData.map(asBuffer));
}

/** A check-in report to store with the hour (UTC, the upload's) whose warning package will carry it. */
export interface CheckInReportRow {
  hour: Date;
  report: CheckInProtectedReport;
}

const CHECK_IN_WIDTH = 5;
/** Rows per statement: 5 parameters each stays far below PostgreSQL's 65,535-parameter limit. */
const CHECK_IN_ROWS_PER_STATEMENT = 4000;

/** `INSERT INTO check_in_reports ... VALUES ($1, 'upload', $2, ...), ...` for `n` rows. */
export function insertCheckInReportsSql(n: number): string {
  return memo("checkin", n, (rowCount) => {
    const values = Array.from({ length: rowCount }, (_, r) => {
      const p = r * CHECK_IN_WIDTH;
      return `($${p + 1}, 'upload', $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5})`;
    }).join(", ");
    return `INSERT INTO check_in_reports (hour, source, location_id_hash, iv, encrypted_check_in_record, mac) VALUES ${values}`;
  });
}

/** Stores uploaded check-in reports (source "upload") in multi-row statements. */
export async function insertCheckInReports(tx: RawTx, rows: readonly CheckInReportRow[]): Promise<void> {
  for (let from = 0; from < rows.length; from += CHECK_IN_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(from, from + CHECK_IN_ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const { hour, report } of chunk) {
      params.push(
        hour,
        asBuffer(report.locationIdHash),
        asBuffer(report.iv),
        asBuffer(report.encryptedCheckInRecord),
        asBuffer(report.mac),
      );
    }
    await tx.query(insertCheckInReportsSql(chunk.length), params);
  }
}
