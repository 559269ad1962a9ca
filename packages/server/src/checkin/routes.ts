// HTTP routes of venue check-in: register/list/get venues (officials and venue owners, scoped), the A4 poster
// and A6 sign PDFs, anonymous presence ticks, and occupancy (tracing code or a scoped official).
import { buildCheckInUrl, locationId, newTraceLocation, venueCategory } from "@bluezone/protocol";
import type { FastifyRequest } from "fastify";
import { type AuthenticatedAccount, authenticate, currentAccount, requireRole } from "../auth/index.ts";
import type { EnvValues } from "../platform/env.ts";
import { problems } from "../platform/errors.ts";
import type { App, FeatureDeps } from "../platform/feature.ts";
import { getUnit, isWithin } from "../units/index.ts";
import type { checkinEnv } from "./config.ts";
import {
  flagWindowProblem,
  hashTracingCode,
  hourlySeries,
  hourStart,
  occupancyWindowStart,
  peopleInside,
  toBase64Url,
  traceLocationInput,
  vnDay,
  vnDayHours,
} from "./model.ts";
import { renderPoster } from "./poster.ts";
import { createPresenceBatcher } from "./presence-batch.ts";
import { CROWD_NOTIFIER_PUBLIC_KEY } from "./public-key.ts";
import {
  FlagBody,
  FlagView,
  ListQuery,
  Occupancy,
  OccupancyQuery,
  PresenceBody,
  RegisteredVenue,
  TRACING_CODE_HEADER,
  VenueBody,
  VenueList,
  VenueParams,
  VenueView,
} from "./schemas.ts";
import {
  findVenue,
  insertVenue,
  listVenues,
  presenceHours,
  type VenueRow,
  type VenueScope,
} from "./store.ts";
import { storeFlag } from "./warnings.ts";

type Deps = FeatureDeps<EnvValues<typeof checkinEnv>>;

const OFFICIAL_ROLES = ["national", "province", "commune", "health_authority", "venue_owner"] as const;

/** The venue scope of an official: national sees all, venue owners their own, others their unit. */
export function scopeOf(account: AuthenticatedAccount): VenueScope | undefined {
  if (account.role === "national") return { all: true };
  if (account.role === "venue_owner") return { createdBy: account.id };
  if (account.role === "agency" || account.unitCode === null) return undefined;
  return { unitCode: account.unitCode };
}

export async function mayAccess(
  deps: Pick<Deps, "db">,
  account: AuthenticatedAccount,
  venue: VenueRow,
): Promise<boolean> {
  const scope = scopeOf(account);
  if (!scope) return false;
  if ("all" in scope) return true;
  if ("createdBy" in scope) return venue.createdBy === scope.createdBy;
  return isWithin(deps.db, venue.communeCode, scope.unitCode);
}

export function registerCheckinRoutes(app: App, deps: Deps): void {
  const { config } = deps;
  const baseUrl = `${deps.platform.publicBaseUrl}${config.pagePath}`;
  const tags = ["checkin"];
  const read = { rateLimit: { max: config.readRateLimit, timeWindow: 60_000 } };
  const ticks = deps.metrics.counter("presence_ticks_total", "Anonymous venue presence ticks", ["kind"]);
  const enterTicks = ticks.labels({ kind: "enter" });
  const exitTicks = ticks.labels({ kind: "exit" });
  const presenceBatch = deps.metrics.histogram(
    "presence_ingest_batch_size",
    "Presence ticks per ingest transaction.",
    [],
    [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
  );
  const presence = createPresenceBatcher({
    db: deps.db,
    maxBatch: config.presenceMaxBatch,
    concurrency: config.presenceConcurrency,
    onBatch: (size) => presenceBatch.observe(size),
  });
  app.addHook("onClose", async () => presence.drained());
  const registered = deps.metrics.counter("venues_registered_total", "Venues registered");

  const view = (v: VenueRow) => ({
    id: v.publicId,
    name: v.name,
    address: v.address,
    communeCode: v.communeCode,
    category: v.category,
    defaultCheckInMinutes: v.defaultCheckInMinutes,
    startsAt: v.startsAt?.toISOString() ?? null,
    endsAt: v.endsAt?.toISOString() ?? null,
    checkInUrl: buildCheckInUrl(baseUrl, v.payload),
    locationId: Buffer.from(v.locationId).toString("base64"),
    createdAt: v.createdAt.toISOString(),
  });

  const venueFor = async (request: FastifyRequest, id: string): Promise<VenueRow> => {
    const venue = await findVenue(deps.db, id);
    if (!venue || !(await mayAccess(deps, currentAccount(request), venue)))
      throw problems.notFound("No such venue");
    return venue;
  };

  app.post(
    "/v1/venues",
    {
      preHandler: requireRole(...OFFICIAL_ROLES),
      config: read,
      schema: {
        tags,
        summary: "Register a venue and create its check-in QR code",
        description:
          "Officials register venues in their unit; venue owners register their own. Returns the tracing code " +
          "(for the occupancy page) once: only its hash is stored.",
        body: VenueBody,
        response: { 201: RegisteredVenue },
      },
    },
    async (request, reply) => {
      const account = currentAccount(request);
      const body = request.body;
      const input = traceLocationInput(body);
      if (!input.ok) throw problems.badRequest(`Invalid venue: ${input.problem}`, { code: input.problem });
      const unit = await getUnit(deps.db, body.communeCode);
      if (unit?.level !== "commune")
        throw problems.badRequest("Unknown commune", { code: "unknown-commune" });
      const scope = scopeOf(account);
      if (!scope) throw problems.forbidden();
      if ("unitCode" in scope && !(await isWithin(deps.db, body.communeCode, scope.unitCode))) {
        throw problems.forbidden("The commune is outside your unit");
      }
      let payload: Uint8Array;
      try {
        payload = newTraceLocation(input.value, deps.random(16), CROWD_NOTIFIER_PUBLIC_KEY);
      } catch (e) {
        throw problems.badRequest(`Invalid venue: ${(e as Error).message}`, { code: "invalid-venue" });
      }
      const tracingCode = toBase64Url(deps.random(24));
      const venue = await insertVenue(deps.db, {
        publicId: toBase64Url(deps.random(16)),
        name: body.name,
        address: body.address,
        communeCode: body.communeCode,
        category: body.category,
        defaultCheckInMinutes: body.defaultCheckInMinutes,
        startsAt: body.startsAt ? new Date(body.startsAt) : null,
        endsAt: body.endsAt ? new Date(body.endsAt) : null,
        payload,
        locationId: locationId(payload),
        tracingCodeHash: hashTracingCode(tracingCode),
        createdBy: account.id,
        createdAt: deps.clock(),
      });
      registered.inc();
      reply.code(201).header("cache-control", "no-store");
      return {
        venue: view(venue),
        tracingCode,
        tracingUrl: `${deps.platform.publicBaseUrl}/venues/occupancy/#${venue.publicId}.${tracingCode}`,
      };
    },
  );

  app.get(
    "/v1/venues",
    {
      preHandler: requireRole(...OFFICIAL_ROLES),
      config: read,
      schema: { tags, summary: "Venues in your scope", querystring: ListQuery, response: { 200: VenueList } },
    },
    async (request) => {
      const scope = scopeOf(currentAccount(request));
      if (!scope) throw problems.forbidden();
      const list = await listVenues(deps.db, scope, {
        limit: request.query.limit ?? 100,
        offset: request.query.offset ?? 0,
      });
      return { venues: list.map(view) };
    },
  );

  app.get(
    "/v1/venues/:id",
    {
      preHandler: requireRole(...OFFICIAL_ROLES),
      config: read,
      schema: { tags, summary: "One venue", params: VenueParams, response: { 200: VenueView } },
    },
    async (request) => view(await venueFor(request, request.params.id)),
  );

  for (const [file, format] of [
    ["poster.pdf", "a4"],
    ["sign.pdf", "a6"],
  ] as const) {
    app.get(
      `/v1/venues/:id/${file}`,
      {
        preHandler: requireRole(...OFFICIAL_ROLES),
        config: read,
        schema: {
          tags,
          summary:
            format === "a4" ? "A4 poster with the QR code (16 x 16 cm)" : "A6 table sign with the QR code",
          params: VenueParams,
        },
      },
      async (request, reply) => {
        const venue = await venueFor(request, request.params.id);
        const pdf = await renderPoster(
          {
            url: buildCheckInUrl(baseUrl, venue.payload),
            name: venue.name,
            address: venue.address,
            categoryVi: venueCategory(venue.category)?.vi ?? venue.category,
          },
          format,
        );
        reply
          .header("content-type", "application/pdf")
          .header("content-disposition", `inline; filename="venue-${format}.pdf"`)
          .header("cache-control", "private, no-store");
        return reply.send(Buffer.from(pdf));
      },
    );
  }

  app.post(
    "/v1/presence",
    {
      config: { rateLimit: { max: config.presenceRateLimit, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "Anonymous entry/exit tick",
        description:
          "Adds one to the venue's hourly enter or exit counter. Nothing about the phone is stored.",
        body: PresenceBody,
        response: { 204: { type: "null" } },
      },
    },
    async (request, reply) => {
      const { venueId, kind } = request.body;
      const added = await presence.submit({ venueId, hourMs: hourStart(deps.clock()).getTime(), kind });
      if (!added) throw problems.notFound("No such venue");
      (kind === "enter" ? enterTicks : exitTicks).inc();
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/v1/venues/:id/occupancy",
    {
      config: read,
      schema: {
        tags,
        summary: "People inside now and hourly entries/exits of a day",
        description: `With the owner's tracing code in \`${TRACING_CODE_HEADER}\`, or as an official in scope.`,
        params: VenueParams,
        querystring: OccupancyQuery,
        response: { 200: Occupancy },
      },
    },
    async (request, reply) => {
      const venue = await findVenue(deps.db, request.params.id);
      const code = request.headers[TRACING_CODE_HEADER];
      let allowed = false;
      if (venue && typeof code === "string" && code.length > 0 && code.length <= 200) {
        allowed = hashTracingCode(code) === venue.tracingCodeHash;
      } else if (venue && code === undefined) {
        const account = await authenticate(request);
        allowed =
          (OFFICIAL_ROLES as readonly string[]).includes(account.role) &&
          (await mayAccess(deps, account, venue));
      }
      if (!venue || !allowed) throw problems.notFound("No such venue");
      const now = deps.clock();
      const date = request.query.date ?? vnDay(now);
      const dayHours = vnDayHours(date);
      if (!dayHours) throw problems.badRequest("Invalid date", { code: "bad-date" });
      const from = occupancyWindowStart(now, venue.defaultCheckInMinutes);
      const first = dayHours[0] as Date;
      const last = dayHours[23] as Date;
      const lo = new Date(Math.min(from.getTime(), first.getTime()));
      const hi = new Date(Math.max(now.getTime(), last.getTime()));
      const hours = await presenceHours(deps.db, venue.id, lo, hi);
      reply.header("cache-control", "no-store");
      return {
        venueId: venue.publicId,
        at: now.toISOString(),
        windowMinutes: venue.defaultCheckInMinutes,
        inside: peopleInside(hours, from, now),
        date,
        hours: hourlySeries(dayHours, hours),
      };
    },
  );

  app.post(
    "/v1/venues/:id/flags",
    {
      preHandler: requireRole("national", "health_authority"),
      config: read,
      schema: {
        tags,
        summary: "Flag a venue and time window found by case interview",
        description:
          "Publishes a warning for the window in the next hourly TraceWarningPackage (a protected report made " +
          "server-side with the venue's locationId), so phones checked in then warn.",
        params: VenueParams,
        body: FlagBody,
        response: { 201: FlagView },
      },
    },
    async (request, reply) => {
      const venue = await venueFor(request, request.params.id);
      const startsAt = new Date(request.body.startsAt);
      const endsAt = new Date(request.body.endsAt);
      const problem = flagWindowProblem(startsAt, endsAt, deps.clock());
      if (problem) throw problems.badRequest(`Invalid window: ${problem}`, { code: problem });
      const transmissionRiskLevel = request.body.transmissionRiskLevel ?? 8;
      const flag = await storeFlag(
        deps.db,
        { venueId: venue.id, locationId: venue.locationId, startsAt, endsAt, transmissionRiskLevel },
        currentAccount(request).id,
        deps,
      );
      reply.code(201);
      return {
        id: flag.id,
        venueId: venue.publicId,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        transmissionRiskLevel,
      };
    },
  );
}
