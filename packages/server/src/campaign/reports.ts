// Weekly reports: generating a unit's XLSX and PDF for a week and storing them in the blob store under
// unguessable keys (the public /blobs route cannot be enumerated), the report index, and the weekly job's list.
import { randomBytes } from "node:crypto";
import { type Db, rows, sql } from "../platform/db/database.ts";
import type { CampaignContext } from "./context.ts";
import { localDay } from "./coverage.ts";
import { collectReportData } from "./report-data.ts";
import { buildReportPdf } from "./report-pdf.ts";
import { buildReportXlsx } from "./report-xlsx.ts";

export interface ReportRecord {
  id: number;
  unitCode: string;
  weekStart: string;
  xlsxKey: string;
  pdfKey: string;
  generatedAt: string;
}

type ReportRow = {
  id: number;
  unit_code: string;
  week_start: string;
  xlsx_key: string;
  pdf_key: string;
  generated_at: string;
};
const toRecord = (r: ReportRow): ReportRecord => ({
  id: Number(r.id),
  unitCode: r.unit_code,
  weekStart: r.week_start,
  xlsxKey: r.xlsx_key,
  pdfKey: r.pdf_key,
  generatedAt: new Date(r.generated_at).toISOString(),
});
const columns = sql`id::int AS id, unit_code, week_start::text AS week_start, xlsx_key, pdf_key, generated_at::text AS generated_at`;

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Generates (or regenerates) the report of `unitCode` for the week starting `weekStart`; returns its record. */
export async function generateReport(
  ctx: Pick<CampaignContext, "db" | "units" | "blobs" | "clock" | "config">,
  unitCode: string,
  weekStart: string,
  accountId: number | null,
): Promise<ReportRecord> {
  const now = ctx.clock();
  const data = await collectReportData(ctx.db, ctx.units, {
    unitCode,
    weekStart,
    today: localDay(now),
    generatedAt: now,
    agencyTargetBp: ctx.config.agencyTargetPercent * 100,
  });
  const provinceCode = ctx.units.path(unitCode)[1];
  const [xlsx, pdf] = await Promise.all([
    buildReportXlsx(data),
    buildReportPdf(data, provinceCode ? ctx.units.get(provinceCode)?.name : undefined),
  ]);
  const stem = `campaign/reports/${unitCode}/${weekStart}-${randomBytes(16).toString("base64url")}`;
  const xlsxKey = `${stem}/bao-cao-tuan-${unitCode}-${weekStart}.xlsx`;
  const pdfKey = `${stem}/bao-cao-tuan-${unitCode}-${weekStart}.pdf`;
  await ctx.blobs.put(xlsxKey, xlsx, { contentType: XLSX_CONTENT_TYPE, cacheControl: "private, no-store" });
  await ctx.blobs.put(pdfKey, pdf, { contentType: "application/pdf", cacheControl: "private, no-store" });
  const previous = await findReport(ctx.db, unitCode, weekStart);
  const [row] = await rows<ReportRow>(
    ctx.db,
    sql`INSERT INTO campaign_reports (unit_code, week_start, xlsx_key, pdf_key, account_id, generated_at)
        VALUES (${unitCode}, ${weekStart}::date, ${xlsxKey}, ${pdfKey}, ${accountId}, ${now.toISOString()}::timestamptz)
        ON CONFLICT (unit_code, week_start) DO UPDATE SET xlsx_key = excluded.xlsx_key, pdf_key = excluded.pdf_key,
          account_id = excluded.account_id, generated_at = excluded.generated_at
        RETURNING ${columns}`,
  );
  if (previous) {
    await ctx.blobs.delete(previous.xlsxKey);
    await ctx.blobs.delete(previous.pdfKey);
  }
  return toRecord(row!);
}

export async function findReport(
  db: Db,
  unitCode: string,
  weekStart: string,
): Promise<ReportRecord | undefined> {
  const [row] = await rows<ReportRow>(
    db,
    sql`SELECT ${columns} FROM campaign_reports WHERE unit_code = ${unitCode} AND week_start = ${weekStart}::date`,
  );
  return row ? toRecord(row) : undefined;
}

export async function getReport(db: Db, id: number): Promise<ReportRecord | undefined> {
  const [row] = await rows<ReportRow>(db, sql`SELECT ${columns} FROM campaign_reports WHERE id = ${id}`);
  return row ? toRecord(row) : undefined;
}

/** A unit's reports, newest week first. */
export async function listReports(db: Db, unitCode: string, limit = 26): Promise<ReportRecord[]> {
  const found = await rows<ReportRow>(
    db,
    sql`SELECT ${columns} FROM campaign_reports WHERE unit_code = ${unitCode} ORDER BY week_start DESC LIMIT ${limit}`,
  );
  return found.map(toRecord);
}
