// HTTP routes of the guidance materials: officials (national, province) upload and delete within their scope;
// everyone lists, filters and downloads (from the blob store, with Range for video). Uploads and deletions
// are written to the audit log.
import { createHash } from "node:crypto";
import multipart from "@fastify/multipart";
import { recordAudit } from "../audit/index.ts";
import { currentAccount, requireRole } from "../auth/guard.ts";
import type { AuthenticatedAccount } from "../auth/model.ts";
import type { EnvValues } from "../platform/env.ts";
import { ProblemError, problems, problemType } from "../platform/errors.ts";
import type { App, FeatureDeps } from "../platform/feature.ts";
import { getUnit, isWithin, unitPath } from "../units/index.ts";
import type { materialsEnv } from "./config.ts";
import {
  bytesMatchType,
  contentDisposition,
  type MaterialType,
  materialTypeOf,
  parseRange,
  safeFileName,
  uploadFields,
} from "./model.ts";
import { ListQuery, MaterialList, MaterialParams, MaterialView } from "./schemas.ts";
import { deleteMaterial, findMaterial, insertMaterial, listMaterials, type MaterialRow } from "./store.ts";

type Deps = FeatureDeps<EnvValues<typeof materialsEnv>>;

const UPLOADERS = ["national", "province"] as const;
const BLOB_PREFIX = "materials/";

const unsupported = (detail: string) =>
  new ProblemError(415, {
    type: problemType("unsupported-media-type"),
    title: "Unsupported media type",
    detail,
  });
const tooLarge = (max: number) =>
  new ProblemError(413, {
    type: problemType("body-too-large"),
    title: "Request body too large",
    detail: `Materials may be at most ${max} bytes`,
  });

export const materialView = (m: MaterialRow) => ({
  id: m.publicId,
  titleVi: m.titleVi,
  titleEn: m.titleEn,
  description: m.description,
  unitCode: m.unitCode,
  type: m.type as MaterialType,
  contentType: m.contentType,
  fileName: m.fileName,
  size: m.size,
  sha256: m.sha256,
  createdAt: m.createdAt.toISOString(),
  url: `/v1/materials/${m.publicId}/file`,
});

/** Whether `account` may manage a material of `unitCode` (null: national). */
async function inScope(deps: Deps, account: AuthenticatedAccount, unitCode: string | null): Promise<boolean> {
  if (account.role === "national") return true;
  if (account.role !== "province" || !account.unitCode || unitCode === null) return false;
  return isWithin(deps.db, unitCode, account.unitCode);
}

export async function registerMaterialRoutes(app: App, deps: Deps): Promise<void> {
  const { db, blobs, config } = deps;
  const tags = ["materials"];
  const read = { rateLimit: { max: config.readRateLimit, timeWindow: 60_000 } };
  await app.register(multipart, {
    limits: { fileSize: config.maxBytes, files: 1, fields: 8, fieldSize: 4096, parts: 10 },
  });

  app.post(
    "/v1/materials",
    {
      preHandler: requireRole(...UPLOADERS),
      bodyLimit: config.maxBytes + 64 * 1024,
      schema: {
        tags,
        summary: "Upload a guidance material (multipart: titleVi, titleEn?, description?, unitCode?, file)",
        description:
          "PDF, PNG/JPEG/WebP, MP4/WebM, DOCX/XLSX/PPTX up to MATERIALS_MAX_BYTES; the first bytes must match the " +
          "type. National officials upload for the nation (no unitCode) or any unit, province officials for their " +
          "province or a unit in it.",
        consumes: ["multipart/form-data"],
        security: [{ bearer: [] }],
        response: { 201: MaterialView },
      },
    },
    async (request, reply) => {
      const account = currentAccount(request);
      if (!request.isMultipart()) throw unsupported("Send multipart/form-data");
      const raw: Record<string, string> = {};
      let file: { bytes: Buffer; fileName: string; contentType: string } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === "file") {
            if (file) throw problems.badRequest("Send one file");
            if (!materialTypeOf(part.mimetype)) throw unsupported(`${part.mimetype} is not an allowed type`);
            file = { bytes: await part.toBuffer(), fileName: part.filename, contentType: part.mimetype };
          } else {
            raw[part.fieldname] = String(part.value);
          }
        }
      } catch (error) {
        if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge(config.maxBytes);
        throw error;
      }
      if (!file) throw problems.badRequest("The file is missing");
      const type = materialTypeOf(file.contentType)!;
      if (!bytesMatchType(file.contentType, file.bytes)) {
        throw unsupported(`The file's content is not ${file.contentType}`);
      }
      const parsed = uploadFields(raw);
      if ("problems" in parsed) throw problems.badRequest(parsed.problems.join("; "));
      const fields = parsed.ok;
      const unitCode = fields.unitCode ?? (account.role === "national" ? null : account.unitCode);
      if (unitCode !== null && !(await getUnit(db, unitCode))) throw problems.notFound(`No unit ${unitCode}`);
      if (!(await inScope(deps, account, unitCode)))
        throw problems.forbidden("This unit is outside your area");

      const publicId = Buffer.from(deps.random(16)).toString("base64url");
      const blobKey = `${BLOB_PREFIX}${publicId}`;
      const contentType = file.contentType.split(";")[0]!.trim().toLowerCase();
      await blobs.put(blobKey, file.bytes, { contentType, cacheControl: "public, max-age=3600" });
      const now = deps.clock();
      const row = await insertMaterial(db, {
        publicId,
        ...fields,
        unitCode,
        type,
        contentType,
        fileName: safeFileName(file.fileName),
        size: file.bytes.length,
        sha256: createHash("sha256").update(file.bytes).digest("hex"),
        blobKey,
        uploadedBy: account.id,
        createdAt: now,
      });
      await recordAudit(db, {
        at: now,
        action: "materials.upload",
        accountId: account.id,
        username: account.username,
        unitCode,
        detail: { material: publicId, type, size: row.size, title: row.titleVi },
      });
      return reply.code(201).send(materialView(row));
    },
  );

  app.get(
    "/v1/materials",
    {
      config: read,
      schema: {
        tags,
        summary: "Guidance materials, newest first",
        querystring: ListQuery,
        response: { 200: MaterialList },
      },
    },
    async (request, reply) => {
      const { type, unit } = request.query;
      const units = unit ? (await unitPath(db, unit)).map((u) => u.code) : undefined;
      if (unit && units?.length === 0) throw problems.notFound(`No unit ${unit}`);
      reply.header("cache-control", "public, max-age=60");
      const found = await listMaterials(db, { ...(type ? { type } : {}), ...(units ? { units } : {}) });
      return { materials: found.map(materialView) };
    },
  );

  const material = async (id: string) => {
    const row = await findMaterial(db, id);
    if (!row) throw problems.notFound("No such material");
    return row;
  };

  app.get(
    "/v1/materials/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "One guidance material",
        params: MaterialParams,
        response: { 200: MaterialView },
      },
    },
    async (request) => materialView(await material(request.params.id)),
  );

  app.get(
    "/v1/materials/:id/file",
    {
      config: read,
      schema: {
        tags,
        summary: "Download a material (Content-Disposition attachment; single Range requests for video)",
        params: MaterialParams,
      },
    },
    async (request, reply) => {
      const row = await material(request.params.id);
      const bytes = await blobs.get(row.blobKey);
      if (!bytes) throw problems.notFound("The material's file is missing");
      reply
        .header("content-type", row.contentType)
        .header("content-disposition", contentDisposition(row.fileName))
        .header("accept-ranges", "bytes")
        .header("etag", `"${row.sha256}"`)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "public, max-age=3600");
      const range = parseRange(request.headers.range, bytes.length);
      if (range === "unsatisfiable") {
        return reply.code(416).header("content-range", `bytes */${bytes.length}`).send(null);
      }
      if (range) {
        reply.code(206).header("content-range", `bytes ${range.start}-${range.end}/${bytes.length}`);
        return reply.send(
          Buffer.from(bytes.buffer, bytes.byteOffset + range.start, range.end - range.start + 1),
        );
      }
      return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    },
  );

  app.delete(
    "/v1/materials/:id",
    {
      preHandler: requireRole(...UPLOADERS),
      schema: {
        tags,
        summary: "Delete a material (national: any; province: those of their province and below)",
        security: [{ bearer: [] }],
        params: MaterialParams,
        response: { 204: { type: "null" } },
      },
    },
    async (request, reply) => {
      const account = currentAccount(request);
      const row = await material(request.params.id);
      if (!(await inScope(deps, account, row.unitCode)))
        throw problems.forbidden("This material is outside your area");
      await deleteMaterial(db, row.id);
      await blobs.delete(row.blobKey);
      await recordAudit(db, {
        at: deps.clock(),
        action: "materials.delete",
        accountId: account.id,
        username: account.username,
        unitCode: row.unitCode,
        detail: { material: row.publicId, title: row.titleVi },
      });
      return reply.code(204).send(null);
    },
  );
}
