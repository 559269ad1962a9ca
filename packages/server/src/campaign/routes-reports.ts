// Officials' report routes: list a unit's weekly reports, generate one on demand, and download its XLSX or
// PDF (scoped like every campaign route; each download is written to the audit log).
import { recordAudit } from "../audit/store.ts";
import { problems } from "../platform/errors.ts";
import type { App } from "../platform/feature.ts";
import { officials, visibleUnit } from "./access.ts";
import type { CampaignContext } from "./context.ts";
import { isIsoDay, localDay, weekStart } from "./coverage.ts";
import { generateReport, getReport, listReports, type ReportRecord, XLSX_CONTENT_TYPE } from "./reports.ts";
import { ReportBody, ReportParams, ReportsResponse, ReportView, UnitParams } from "./schemas.ts";

const secured = { security: [{ bearer: [] }] };

const view = (r: ReportRecord) => ({
  id: r.id,
  unitCode: r.unitCode,
  weekStart: r.weekStart,
  generatedAt: r.generatedAt,
  xlsxUrl: `/v1/campaign/reports/${r.id}/xlsx`,
  pdfUrl: `/v1/campaign/reports/${r.id}/pdf`,
});

export function registerReportRoutes(app: App, ctx: CampaignContext): void {
  const { db, units } = ctx;

  app.get(
    "/v1/campaign/units/:code/reports",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "The unit's weekly reports, newest first",
        ...secured,
        params: UnitParams,
        response: { 200: ReportsResponse },
      },
    },
    async (request) => {
      const { unit } = visibleUnit(request, units, request.params.code);
      return { reports: (await listReports(db, unit.code)).map(view) };
    },
  );

  app.post(
    "/v1/campaign/units/:code/reports",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "Generate the unit's weekly report now (XLSX and PDF); default: the current week so far",
        ...secured,
        params: UnitParams,
        body: ReportBody,
        response: { 201: ReportView },
      },
    },
    async (request, reply) => {
      const { unit, account } = visibleUnit(request, units, request.params.code);
      const today = localDay(ctx.clock());
      const requested = request.body.weekStart;
      if (requested !== undefined && (!isIsoDay(requested) || requested > today)) {
        throw problems.badRequest("weekStart must be a past or current day");
      }
      const report = await generateReport(ctx, unit.code, weekStart(requested ?? today), account.id);
      return reply.code(201).send(view(report));
    },
  );

  app.get(
    "/v1/campaign/reports/:id/:format",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "Download a report as XLSX or PDF (audited)",
        ...secured,
        params: ReportParams,
        produces: [XLSX_CONTENT_TYPE, "application/pdf"],
      },
    },
    async (request, reply) => {
      const report = await getReport(db, request.params.id);
      if (!report) throw problems.notFound("No such report");
      const { account } = visibleUnit(request, units, report.unitCode);
      const format = request.params.format;
      const key = format === "pdf" ? report.pdfKey : report.xlsxKey;
      const bytes = await ctx.blobs.get(key);
      if (!bytes) throw problems.notFound("The report file is missing; generate it again");
      await recordAudit(db, {
        at: ctx.clock(),
        action: "campaign.report-export",
        accountId: account.id,
        username: account.username,
        unitCode: report.unitCode,
        detail: { reportId: report.id, weekStart: report.weekStart, format },
      });
      const fileName = key.slice(key.lastIndexOf("/") + 1);
      return reply
        .header("content-type", format === "pdf" ? "application/pdf" : XLSX_CONTENT_TYPE)
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .header("cache-control", "private, no-store")
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}
