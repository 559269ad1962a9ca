// Public, cacheable HTTP routes of the units feature: GET /v1/units/provinces, /v1/units/search,
// /v1/units/map and /v1/units/:code (with path, children and, for legacy units, their v2025 successors).
import type { FastifyReply, FastifyRequest } from "fastify";
import type { EnvValues } from "../platform/env.ts";
import { problems } from "../platform/errors.ts";
import type { App, FeatureDeps } from "../platform/feature.ts";
import type { unitsEnv } from "./config.ts";
import type { ProvinceMap } from "./map.ts";
import type { AdminUnit } from "./model.ts";
import {
  CodeParams,
  MapQuery,
  ProvincesResponse,
  ScopeQuery,
  SearchQuery,
  SearchResponse,
  UnitDetail,
} from "./schemas.ts";
import {
  getUnit,
  listChildren,
  listProvinces,
  searchUnits,
  successorsOf,
  type UnitScope,
  unitPath,
} from "./store.ts";

type UnitsDeps = FeatureDeps<EnvValues<typeof unitsEnv>>;

export interface UnitsRouteOptions {
  /** Version of the data in the tables; responses carry it as a weak ETag. */
  dataVersion: string | undefined;
  map: ProvinceMap;
}

const scopeOf = (q: { hierarchy?: AdminUnit["hierarchy"]; asOf?: string }): UnitScope => ({
  ...(q.hierarchy ? { hierarchy: q.hierarchy } : {}),
  ...(q.asOf ? { asOf: q.asOf } : {}),
});

export function registerUnitsRoutes(app: App, deps: UnitsDeps, options: UnitsRouteOptions): void {
  const { db } = deps;
  const cacheControl = `public, max-age=${Math.floor(deps.config.cacheMaxAgeMs / 1000)}`;
  const dataEtag = options.dataVersion ? `W/"units-${options.dataVersion}"` : undefined;

  /** Sets the cache headers; true (and a 304 sent) when the client already has this version. */
  const notModified = (request: FastifyRequest, reply: FastifyReply, etag: string | undefined): boolean => {
    reply.header("cache-control", cacheControl);
    if (!etag) return false;
    reply.header("etag", etag);
    const sent = request.headers["if-none-match"];
    if (!sent?.split(",").some((t) => t.trim() === etag)) return false;
    reply.code(304).send();
    return true;
  };

  app.get(
    "/v1/units/provinces",
    {
      schema: {
        tags: ["units"],
        summary: "Provinces and centrally-run cities (v2025 by default, or as of a day)",
        querystring: ScopeQuery,
        response: { 200: ProvincesResponse },
      },
    },
    async (request, reply) => {
      if (notModified(request, reply, dataEtag)) return reply;
      return { provinces: await listProvinces(db, scopeOf(request.query)) };
    },
  );

  app.get(
    "/v1/units/search",
    {
      schema: {
        tags: ["units"],
        summary: 'Find units by name, with or without diacritics ("phuong ben thanh")',
        querystring: SearchQuery,
        response: { 200: SearchResponse },
      },
    },
    async (request, reply) => {
      if (notModified(request, reply, dataEtag)) return reply;
      const { q, level, within, limit } = request.query;
      const results = await searchUnits(db, q, {
        ...scopeOf(request.query),
        ...(level ? { level } : {}),
        ...(within ? { within } : {}),
        limit: limit ?? 20,
      });
      return { results };
    },
  );

  app.get(
    "/v1/units/map",
    {
      schema: {
        tags: ["units"],
        summary: "Province shapes for the coverage map: TopoJSON (both hierarchies) or GeoJSON (one)",
        description:
          "TopoJSON objects `provinces` (v2025, id = code) and `legacyProvinces` (id = legacy code, " +
          "`successor` = v2025 code). `format=geojson` returns one hierarchy's FeatureCollection.",
        querystring: MapQuery,
      },
    },
    async (request, reply) => {
      const { format, hierarchy } = request.query;
      const doc = format === "geojson" ? options.map.geojson(hierarchy ?? "v2025") : options.map.topojson;
      if (notModified(request, reply, doc.etag)) return reply;
      reply.type(format === "geojson" ? "application/geo+json" : "application/json");
      return reply.send(doc.body);
    },
  );

  app.get(
    "/v1/units/:code",
    {
      schema: {
        tags: ["units"],
        summary: "One unit with its path and children; a legacy code also lists its v2025 successors",
        description:
          "Without `hierarchy` or `asOf`, the v2025 unit with this code, else the legacy one (codes are reused).",
        params: CodeParams,
        querystring: ScopeQuery,
        response: { 200: UnitDetail },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const explicit = request.query.hierarchy !== undefined || request.query.asOf !== undefined;
      const unit = explicit
        ? await getUnit(db, code, scopeOf(request.query))
        : ((await getUnit(db, code)) ?? (await getUnit(db, code, { hierarchy: "legacy" })));
      if (!unit) throw problems.notFound(`No administrative unit with code ${code}`);
      if (notModified(request, reply, dataEtag)) return reply;
      const scope = { hierarchy: unit.hierarchy };
      const [path, children, successors] = await Promise.all([
        unitPath(db, code, scope),
        listChildren(db, code, scope),
        unit.hierarchy === "legacy" ? successorsOf(db, code) : Promise.resolve([]),
      ]);
      return {
        ...unit,
        path: path.slice(0, -1),
        children,
        successors: successors.map((s) => ({ ...s.unit, weight: s.weight })),
      };
    },
  );
}
