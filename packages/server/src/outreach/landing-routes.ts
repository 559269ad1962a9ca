// HTTP routes of the install landing page: its data and QR code for the web page /cai-dat, the captive-portal
// page /cai-dat/wifi, the anonymous visit counter (per source and day, nothing about the visitor), the visit
// figures and the install posters for officials.
import { requireRole } from "../auth/guard.ts";
import { addDays, isIsoDay, localDay } from "../campaign/coverage.ts";
import type { EnvValues } from "../platform/env.ts";
import { problems } from "../platform/errors.ts";
import type { App, FeatureDeps } from "../platform/feature.ts";
import type { landingEnv } from "./landing-config.ts";
import { androidLink, qrSvg, renderPortalPage } from "./landing-page.ts";
import {
  LandingInfo,
  LandingQuery,
  PosterQuery,
  VisitBody,
  VisitsQuery,
  VisitsResponse,
} from "./landing-schemas.ts";
import { countVisit, listVisits } from "./landing-store.ts";
import { renderInstallPoster } from "./poster-install.ts";
import { landingUrl, parseSource } from "./source.ts";

type Deps = FeatureDeps<EnvValues<typeof landingEnv>>;

/** Path of the web install page on PUBLIC_BASE_URL. */
export const LANDING_PATH = "/cai-dat";
const OFFICIALS = ["national", "province", "commune"] as const;
const MAX_RANGE_DAYS = 92;

export function registerLandingRoutes(app: App, deps: Deps): void {
  const { config, db } = deps;
  const tags = ["outreach"];
  const limited = { rateLimit: { max: config.visitRateLimit, timeWindow: 60_000 } };
  const read = { rateLimit: { max: config.visitRateLimit * 4, timeWindow: 60_000 } };
  const visitsTotal = deps.metrics.counter("landing_visits_total", "Install page visits", ["measure"]);
  const info = (raw: string | undefined) => {
    const source = parseSource(raw);
    const src = source?.source ?? null;
    return {
      source,
      iosUrl: config.iosUrl,
      androidUrl: androidLink(config.androidUrl, src),
      pageUrl: landingUrl(deps.platform.publicBaseUrl, LANDING_PATH, src),
    };
  };
  const visit = async (source: string | null) => {
    await countVisit(db, localDay(deps.clock()), source ?? "direct");
    visitsTotal.inc({ measure: source ? (parseSource(source)?.measure ?? "direct") : "direct" });
  };

  app.get(
    "/v1/outreach/landing",
    {
      config: read,
      schema: {
        tags,
        summary: "What the install page shows for a source: store links and its own URL",
        querystring: LandingQuery,
        response: { 200: LandingInfo },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return info(request.query.src);
    },
  );

  app.get(
    "/v1/outreach/landing/qr.svg",
    {
      config: read,
      schema: {
        tags,
        summary: "QR code (SVG) of the install page with the source",
        querystring: LandingQuery,
      },
    },
    async (request, reply) => {
      const { pageUrl } = info(request.query.src);
      reply
        .header("content-type", "image/svg+xml; charset=utf-8")
        .header("cache-control", "public, max-age=3600");
      return reply.send(qrSvg(pageUrl, { title: pageUrl }));
    },
  );

  app.post(
    "/v1/outreach/landing-visits",
    {
      config: limited,
      schema: {
        tags,
        summary: "Counts one anonymous visit of the install page",
        description:
          "Adds one to the counter of the source and today (Asia/Ho_Chi_Minh). Nothing else is kept.",
        body: VisitBody,
        response: { 204: { type: "null" } },
      },
    },
    async (request, reply) => {
      await visit(request.body.src ?? null);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/v1/outreach/landing-visits",
    {
      preHandler: requireRole(...OFFICIALS),
      schema: {
        tags,
        summary: "Install page visits per source and day (default: the last 30 days)",
        security: [{ bearer: [] }],
        querystring: VisitsQuery,
        response: { 200: VisitsResponse },
      },
    },
    async (request) => {
      const to = request.query.to ?? localDay(deps.clock());
      const from = request.query.from ?? addDays(to, -29);
      if (!isIsoDay(from) || !isIsoDay(to) || from > to)
        throw problems.badRequest("from must not be after to");
      if (addDays(from, MAX_RANGE_DAYS) <= to) throw problems.badRequest(`At most ${MAX_RANGE_DAYS} days`);
      return { from, to, visits: await listVisits(db, from, to) };
    },
  );

  app.get(
    `${LANDING_PATH}/wifi`,
    {
      config: limited,
      schema: {
        tags,
        summary: "Captive-portal install page (tiny HTML, no script, no external asset); counts a visit",
        querystring: LandingQuery,
      },
    },
    async (request, reply) => {
      const page = info(request.query.src);
      await visit(page.source?.source ?? null);
      reply.header("content-type", "text/html; charset=utf-8").header("cache-control", "no-store");
      return reply.send(renderPortalPage(page));
    },
  );

  app.get(
    "/v1/outreach/posters/install.pdf",
    {
      preHandler: requireRole(...OFFICIALS),
      config: read,
      schema: {
        tags,
        summary: "Install poster (A4 or A3) with a big QR code to the install page and the source",
        security: [{ bearer: [] }],
        querystring: PosterQuery,
      },
    },
    async (request, reply) => {
      const size = request.query.size ?? "A4";
      const { pageUrl, source } = info(request.query.src);
      const pdf = await renderInstallPoster(pageUrl, size);
      const name = `bluezone-cai-dat-${source?.source ?? "direct"}-${size}.pdf`;
      reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `inline; filename="${name}"`)
        .header("cache-control", "private, no-store");
      return reply.send(Buffer.from(pdf));
    },
  );
}
