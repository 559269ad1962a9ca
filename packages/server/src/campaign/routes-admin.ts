// Officials' write routes, scoped like the reads: targets (PUT/DELETE), subscriber files (CSV or XLSX, every
// bad row reported with its line, all or nothing), agencies with join codes, and the audit log (national).
import { listAudit } from "../audit/store.ts";
import { currentAccount } from "../auth/guard.ts";
import { ProblemError, problems, problemType } from "../platform/errors.ts";
import type { App } from "../platform/feature.ts";
import { officials, visibleUnit } from "./access.ts";
import { complianceOf, createAgency, getAgency, updateAgency } from "./agencies.ts";
import type { CampaignContext } from "./context.ts";
import { formatBasisPoints, localDay } from "./coverage.ts";
import { deleteTarget, setTarget, targetsOf } from "./figures-store.ts";
import { joinCodeFrom } from "./identity.ts";
import {
  AgencyBody,
  AgencyParams,
  AgencyPatchBody,
  AgencyView,
  AuditResponse,
  TargetBody,
  TargetResponse,
  UnitParams,
  UploadQuery,
  UploadResponse,
  UploadsResponse,
} from "./schemas.ts";
import { parseCsv, type SheetLine, validateSubscriberLines } from "./subscriber-rows.ts";
import { readXlsxLines } from "./subscriber-xlsx.ts";
import { recentUploads, saveSubscriberUpload } from "./subscribers-store.ts";
import { effectiveTarget } from "./targets.ts";
import { canView, viewerRoot } from "./units.ts";

const secured = { security: [{ bearer: [] }] };
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const toBp = (percent: number) => Math.round(percent * 100);

export function registerAdminRoutes(app: App, ctx: CampaignContext): void {
  const { db, units } = ctx;

  // Subscriber files arrive as the raw file body (text/csv or XLSX); only this feature's routes see the parser.
  app.addContentTypeParser(
    ["text/csv", XLSX_TYPE, "application/octet-stream"],
    { parseAs: "buffer", bodyLimit: 20 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );

  const targetView = async (code: string) => {
    const path = units.path(code);
    const targets = await targetsOf(db, path);
    const own = targets.get(code);
    const applied = effectiveTarget(path, targets);
    return {
      unitCode: code,
      own: own ? { percentBp: own.percentBp, deadline: own.deadline } : null,
      applied: applied && {
        unitCode: applied.unitCode,
        percentBp: applied.percentBp,
        percent: formatBasisPoints(applied.percentBp),
        deadline: applied.deadline,
        inherited: applied.inherited,
      },
    };
  };

  app.get(
    "/v1/campaign/units/:code/target",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "The unit's own target and the one that applies",
        ...secured,
        params: UnitParams,
        response: { 200: TargetResponse },
      },
    },
    async (request) => targetView(visibleUnit(request, units, request.params.code).unit.code),
  );

  app.put(
    "/v1/campaign/units/:code/target",
    {
      preHandler: officials("national", "province"),
      schema: {
        tags: ["campaign"],
        summary: 'Set a unit\'s coverage target ("60% by 31/08"); sub-units without their own inherit it',
        ...secured,
        params: UnitParams,
        body: TargetBody,
        response: { 200: TargetResponse },
      },
    },
    async (request) => {
      const { unit, account } = visibleUnit(request, units, request.params.code);
      if (request.body.deadline < localDay(ctx.clock())) throw problems.badRequest("The deadline has passed");
      await setTarget(
        db,
        { unitCode: unit.code, percentBp: toBp(request.body.percent), deadline: request.body.deadline },
        account.id,
        ctx.clock(),
      );
      return targetView(unit.code);
    },
  );

  app.delete(
    "/v1/campaign/units/:code/target",
    {
      preHandler: officials("national", "province"),
      schema: {
        tags: ["campaign"],
        summary: "Remove a unit's own target (it inherits again)",
        ...secured,
        params: UnitParams,
        response: { 200: TargetResponse },
      },
    },
    async (request) => {
      const { unit } = visibleUnit(request, units, request.params.code);
      if (!(await deleteTarget(db, unit.code))) throw problems.notFound("This unit has no target of its own");
      return targetView(unit.code);
    },
  );

  app.post(
    "/v1/campaign/subscribers",
    {
      preHandler: officials("national", "province"),
      schema: {
        tags: ["campaign"],
        summary: "Upload telco subscriber counts per unit (CSV UTF-8 or XLSX as the request body)",
        description:
          "Columns (Vietnamese or English headers, any order): mã đơn vị / unit code, số thuê bao / subscribers, " +
          "ngày / date (YYYY-MM-DD or DD/MM/YYYY). Every row is checked; any bad row rejects the whole file with " +
          "422 and the list of errors with line numbers. Units must lie within the official's area.",
        ...secured,
        querystring: UploadQuery,
        response: { 200: UploadResponse },
      },
    },
    async (request) => {
      const account = currentAccount(request);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw problems.badRequest(
          "Send the file as the request body (Content-Type text/csv or the XLSX type)",
        );
      }
      const isXlsx = body[0] === 0x50 && body[1] === 0x4b; // "PK": a zip, i.e. an XLSX workbook
      let lines: SheetLine[];
      try {
        lines = isXlsx ? await readXlsxLines(body) : parseCsv(body.toString("utf8"));
      } catch {
        throw problems.badRequest("The file is neither a readable XLSX workbook nor CSV text");
      }
      const result = validateSubscriberLines(lines, {
        isKnownUnit: (code) => units.get(code) !== undefined,
        inScope: (code) => canView(units, account, code),
        today: localDay(ctx.clock()),
      });
      if (!result.ok) {
        throw new ProblemError(422, {
          type: problemType("invalid-rows"),
          title: "The file has errors",
          detail: `${result.errors.length} problem(s); nothing was imported`,
          extra: { rowErrors: result.errors },
        });
      }
      const fileName = request.query.filename ?? (isXlsx ? "subscribers.xlsx" : "subscribers.csv");
      return saveSubscriberUpload(
        db,
        units,
        {
          fileName,
          format: isXlsx ? "xlsx" : "csv",
          scopeCode: viewerRoot(account)!,
          accountId: account.id,
          uploadedAt: ctx.clock(),
        },
        result.rows,
      );
    },
  );

  app.get(
    "/v1/campaign/subscribers/uploads",
    {
      preHandler: officials("national", "province"),
      schema: {
        tags: ["campaign"],
        summary: "Recent subscriber uploads visible to the official",
        ...secured,
        response: { 200: UploadsResponse },
      },
    },
    async (request) => {
      const root = viewerRoot(currentAccount(request))!;
      return { uploads: await recentUploads(db, root === "VN" ? null : [root]) };
    },
  );

  const agencyView = (a: Parameters<typeof complianceOf>[0]) =>
    complianceOf(a, ctx.config.agencyTargetPercent * 100);

  app.post(
    "/v1/campaign/agencies",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "Register an agency under a unit; returns its join code for staff to enter in the app",
        ...secured,
        body: AgencyBody,
        response: { 201: AgencyView },
      },
    },
    async (request, reply) => {
      const { unit } = visibleUnit(request, units, request.body.unitCode);
      for (let attempt = 0; attempt < 5; attempt++) {
        const agency = await createAgency(db, {
          unitCode: unit.code,
          name: request.body.name.trim(),
          kind: request.body.kind,
          headcount: request.body.headcount,
          joinCode: joinCodeFrom(ctx.random),
          targetBp: request.body.targetPercent === undefined ? null : toBp(request.body.targetPercent),
        });
        if (agency) return reply.code(201).send(agencyView(agency));
      }
      throw problems.conflict("Could not allocate a join code; try again");
    },
  );

  app.patch(
    "/v1/campaign/agencies/:id",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "Change an agency's name, headcount or target",
        ...secured,
        params: AgencyParams,
        body: AgencyPatchBody,
        response: { 200: AgencyView },
      },
    },
    async (request) => {
      const existing = await getAgency(db, request.params.id);
      if (!existing) throw problems.notFound("No such agency");
      visibleUnit(request, units, existing.unitCode);
      const { name, headcount, targetPercent } = request.body;
      const updated = await updateAgency(db, existing.id, {
        ...(name !== undefined ? { name: name.trim() } : {}),
        ...(headcount !== undefined ? { headcount } : {}),
        ...(targetPercent !== undefined
          ? { targetBp: targetPercent === null ? null : toBp(targetPercent) }
          : {}),
      });
      return agencyView(updated!);
    },
  );

  app.get(
    "/v1/campaign/agencies/:id",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "One agency with its compliance",
        ...secured,
        params: AgencyParams,
        response: { 200: AgencyView },
      },
    },
    async (request) => {
      const agency = await getAgency(db, request.params.id);
      if (!agency) throw problems.notFound("No such agency");
      visibleUnit(request, units, agency.unitCode);
      return agencyView(agency);
    },
  );

  app.get(
    "/v1/campaign/audit",
    {
      preHandler: officials("national"),
      schema: {
        tags: ["campaign"],
        summary: "Audit log: sign-ins and report exports (national officials)",
        ...secured,
        response: { 200: AuditResponse },
      },
    },
    async () => {
      const entries = await listAudit(db, { limit: 200 });
      return {
        entries: entries.map((e) => ({
          at: e.at.toISOString(),
          action: e.action,
          username: e.username,
          unitCode: e.unitCode,
          detail: e.detail,
        })),
      };
    },
  );
}
