// HTTP routes of staff-assisted check-ins: the health authority's sealing public key, door staff storing a
// record sealed in their browser (venue owner, a staff account scoped to the venue, or the tracing code), and
// the health authority's release of the sealed records of flagged windows (each release audited).
import { Type } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { recordAudit } from "../audit/index.ts";
import { type AuthenticatedAccount, authenticate, currentAccount, requireRole } from "../auth/index.ts";
import { transaction } from "../platform/db/database.ts";
import type { EnvValues } from "../platform/env.ts";
import { ProblemError, problems, problemType } from "../platform/errors.ts";
import type { App, FeatureDeps } from "../platform/feature.ts";
import type { assistedEnv } from "./assisted-keys.ts";
import { assistedPublicKey } from "./assisted-keys.ts";
import {
  assistedHour,
  assistedRetentionCutoff,
  assistedTimesProblem,
  decodeSealed,
  MAX_SEALED_BYTES,
  releasable,
  releaseWindowProblem,
} from "./assisted-model.ts";
import { assistedInWindow, flagsInWindow, insertAssisted } from "./assisted-store.ts";
import { hashTracingCode } from "./model.ts";
import { mayAccess } from "./routes.ts";
import { TRACING_CODE_HEADER } from "./schemas.ts";
import { addPresenceGroups, findVenue, type VenueRow } from "./store.ts";

type Deps = FeatureDeps<EnvValues<typeof assistedEnv>>;

/** Audit action of one release of sealed records to a health-authority officer. */
export const ASSISTED_RELEASE_ACTION = "checkin.assisted-release";

const PublicId = Type.String({ pattern: "^[A-Za-z0-9_-]{22}$", description: "The venue's public id." });
const Base64Key = Type.String({ description: "X25519 public key, standard base64 (32 bytes)." });

const AssistedBody = Type.Object(
  {
    venueId: PublicId,
    sealed: Type.String({
      minLength: 1,
      maxLength: Math.ceil(MAX_SEALED_BYTES / 3) * 4,
      description:
        "crypto_box_seal of the visitor record (JSON) to the public key, base64 (either alphabet).",
    }),
    arrivedAt: Type.String({ format: "date-time", description: "Arrival (its UTC hour is kept in clear)." }),
    leftAt: Type.Optional(
      Type.String({ format: "date-time", description: "Departure, when staff record it (exit tick)." }),
    ),
  },
  { additionalProperties: false },
);

const ReleaseQuery = Type.Object(
  {
    venueId: PublicId,
    from: Type.String({ format: "date-time" }),
    to: Type.String({ format: "date-time" }),
  },
  { additionalProperties: false },
);

const Released = Type.Object({
  venueId: Type.String(),
  windows: Type.Array(Type.Object({ id: Type.Integer(), startsAt: Type.String(), endsAt: Type.String() })),
  records: Type.Array(Type.Object({ id: Type.Integer(), hour: Type.String(), sealed: Type.String() })),
});

const notConfigured = () =>
  new ProblemError(503, {
    type: problemType("assisted-not-configured"),
    title: "Staff-assisted check-in is not configured",
    detail: "No health authority sealing key: set CHECKIN_ASSISTED_PUBLIC_KEY.",
  });

/** Whether `account` may enter visitors at `venue`: its owner, or a venue_owner account scoped to it. */
export function isDoorStaff(account: AuthenticatedAccount, venue: VenueRow): boolean {
  return (
    account.role === "venue_owner" && (venue.createdBy === account.id || account.unitCode === venue.publicId)
  );
}

export function registerAssistedRoutes(app: App, deps: Deps): void {
  const tags = ["checkin"];
  const limited = { rateLimit: { max: deps.config.assistedRateLimit, timeWindow: 60_000 } };
  const stored = deps.metrics.counter("assisted_checkins_total", "Staff-assisted check-ins stored");
  const released = deps.metrics.counter(
    "assisted_checkins_released_total",
    "Sealed staff-assisted check-ins released to the health authority",
  );
  const publicKey = () => assistedPublicKey(deps.db, deps.config.assistedPublicKey);

  /** The venue if the caller is its door staff or holds its tracing code; 404 otherwise (no oracle). */
  const staffVenue = async (request: FastifyRequest, id: string): Promise<VenueRow> => {
    const venue = await findVenue(deps.db, id);
    const code = request.headers[TRACING_CODE_HEADER];
    if (venue && typeof code === "string" && code.length > 0 && code.length <= 200) {
      if (hashTracingCode(code) === venue.tracingCodeHash) return venue;
    } else if (code === undefined) {
      const account = await authenticate(request);
      if (venue && isDoorStaff(account, venue)) return venue;
      if (venue && (await mayAccess(deps, account, venue)))
        throw problems.forbidden("Only the venue's staff enter visitors");
    }
    throw problems.notFound("No such venue");
  };

  app.get(
    "/v1/checkin/assisted/public-key",
    {
      config: limited,
      schema: {
        tags,
        summary: "The health authority's public key staff-assisted check-ins are sealed to",
        response: { 200: Type.Object({ publicKey: Base64Key, algorithm: Type.String() }) },
      },
    },
    async (_request, reply) => {
      const key = await publicKey();
      if (!key) throw notConfigured();
      reply.header("cache-control", "public, max-age=300");
      return { publicKey: key, algorithm: "crypto_box_seal (X25519, XSalsa20-Poly1305)" };
    },
  );

  app.post(
    "/v1/checkin/assisted",
    {
      config: limited,
      schema: {
        tags,
        summary: "Store a staff-assisted check-in sealed in the browser",
        description:
          "For visitors without a smartphone. The body holds only the sealed record, the venue and the times; " +
          `the server keeps the blob, the venue and the arrival hour, and adds enter (and exit) ticks. As the ` +
          `venue's owner, a venue_owner account scoped to it, or with the tracing code in \`${TRACING_CODE_HEADER}\`.`,
        body: AssistedBody,
        response: { 201: Type.Object({ id: Type.Integer(), venueId: Type.String(), hour: Type.String() }) },
      },
    },
    async (request, reply) => {
      const venue = await staffVenue(request, request.body.venueId);
      if (!(await publicKey())) throw notConfigured();
      const sealed = decodeSealed(request.body.sealed);
      if (!sealed) throw problems.badRequest("Invalid sealed record", { code: "bad-sealed" });
      const arrivedAt = new Date(request.body.arrivedAt);
      const leftAt = request.body.leftAt === undefined ? undefined : new Date(request.body.leftAt);
      const now = deps.clock();
      const problem = assistedTimesProblem(arrivedAt, leftAt, now);
      if (problem) throw problems.badRequest(`Invalid times: ${problem}`, { code: problem });
      const hour = assistedHour(arrivedAt);
      const row = await transaction(deps.db, async (tx) => {
        const inserted = await insertAssisted(tx, { venueId: venue.id, hour, sealed, createdAt: now });
        const tick = (at: Date, enters: number, exits: number) => ({
          publicId: venue.publicId,
          locationIdHex: null,
          hour: at.toISOString(),
          enters,
          exits,
        });
        // The upsert sums groups of the same hour into one row.
        await addPresenceGroups(tx, [
          tick(hour, 1, 0),
          ...(leftAt ? [tick(assistedHour(leftAt), 0, 1)] : []),
        ]);
        return inserted;
      });
      stored.inc();
      reply.code(201).header("cache-control", "no-store");
      return { id: row.id, venueId: venue.publicId, hour: hour.toISOString() };
    },
  );

  app.get(
    "/v1/checkin/assisted",
    {
      preHandler: requireRole("national", "health_authority"),
      config: limited,
      schema: {
        tags,
        summary: "Release the sealed staff-assisted check-ins of a venue's flagged windows",
        description:
          "Returns sealed records only for hours overlapping a flag of the venue (POST /v1/venues/:id/flags), " +
          "within retention; decryption happens in the officer's browser. Every release is audited.",
        querystring: ReleaseQuery,
        response: { 200: Released },
      },
    },
    async (request, reply) => {
      const account = currentAccount(request);
      const venue = await findVenue(deps.db, request.query.venueId);
      if (!venue || !(await mayAccess(deps, account, venue))) throw problems.notFound("No such venue");
      const from = new Date(request.query.from);
      const to = new Date(request.query.to);
      const problem = releaseWindowProblem(from, to);
      if (problem) throw problems.badRequest(`Invalid window: ${problem}`, { code: problem });
      const now = deps.clock();
      // Records arriving in [from, to) (within retention) and the flags they could overlap.
      const lo = new Date(Math.max(assistedHour(from).getTime(), assistedRetentionCutoff(now).getTime()));
      const reach = new Date(to.getTime() + 3_600_000 + venue.defaultCheckInMinutes * 60_000);
      const flags = await flagsInWindow(deps.db, venue.id, lo, reach);
      const candidates = flags.length === 0 ? [] : await assistedInWindow(deps.db, venue.id, lo, to);
      const records = releasable(candidates, flags, {
        from,
        to,
        now,
        visitMinutes: venue.defaultCheckInMinutes,
      });
      await recordAudit(deps.db, {
        at: now,
        action: ASSISTED_RELEASE_ACTION,
        accountId: account.id,
        username: account.username,
        unitCode: venue.communeCode,
        detail: {
          venueId: venue.publicId,
          from: from.toISOString(),
          to: to.toISOString(),
          flagIds: flags.map((f) => f.id),
          recordIds: records.map((r) => r.id),
        },
      });
      released.inc(records.length);
      reply.header("cache-control", "no-store");
      return {
        venueId: venue.publicId,
        windows: flags.map((f) => ({
          id: f.id,
          startsAt: f.startsAt.toISOString(),
          endsAt: f.endsAt.toISOString(),
        })),
        records: records.map((r) => ({
          id: r.id,
          hour: r.hour.toISOString(),
          sealed: Buffer.from(r.sealed).toString("base64"),
        })),
      };
    },
  );
}
