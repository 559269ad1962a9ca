// Officials' read routes of campaign monitoring, each scoped to the official's unit and below: a unit's figures,
// its trend, the ranking of its sub-units, the provinces for the map, 17:00 snapshots and agency compliance.
import { attributeSources } from "../outreach/source.ts";
import { problems } from "../platform/errors.ts";
import type { App } from "../platform/feature.ts";
import { officials, visibleUnit } from "./access.ts";
import { complianceOf, listAgencies } from "./agencies.ts";
import type { CampaignContext } from "./context.ts";
import { addDays, coverageBasisPoints, formatBasisPoints, localDay } from "./coverage.ts";
import { figuresOf } from "./figures.ts";
import {
  type CoverageSnapshot,
  dailyRows,
  latestSnapshots,
  snapshotsOf,
  sourcesOf,
  targetsOf,
} from "./figures-store.ts";
import {
  AgenciesResponse,
  HomeResponse,
  ProvincesFiguresResponse,
  RankingQuery,
  RankingResponse,
  SnapshotsQuery,
  SnapshotsResponse,
  SourcesResponse,
  SummaryResponse,
  TrendQuery,
  TrendResponse,
  UnitParams,
} from "./schemas.ts";
import { rankUnits, trendSeries } from "./series.ts";
import { subscriberHistory } from "./subscribers-store.ts";
import { effectiveTarget } from "./targets.ts";
import { canView, viewerRoot } from "./units.ts";

const snapshotView = (s: CoverageSnapshot) => {
  const coverageBp = coverageBasisPoints(s.withPhone, s.subscribers);
  return { ...s, coverageBp, coverage: formatBasisPoints(coverageBp) };
};

const secured = { security: [{ bearer: [] }] };

export function registerFigureRoutes(app: App, ctx: CampaignContext): void {
  const { db, units } = ctx;
  const today = () => localDay(ctx.clock());

  app.get(
    "/v1/campaign/units/:code",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary:
          "A unit's figures now: installs, with phone, active today, subscribers, coverage, target, the 17:00 figure",
        ...secured,
        params: UnitParams,
        response: { 200: SummaryResponse },
      },
    },
    async (request) => {
      const { unit } = visibleUnit(request, units, request.params.code);
      const day = today();
      const [[figures], snapshots, sources] = await Promise.all([
        figuresOf(db, units, [unit.code], day),
        latestSnapshots(db, [unit.code]),
        sourcesOf(db, unit.code),
      ]);
      const snapshot = snapshots.get(unit.code);
      return {
        today: day,
        unit: figures!,
        path: units.path(unit.code).map((code) => ({ code, name: units.get(code)!.name })),
        snapshot: snapshot ? snapshotView(snapshot) : null,
        sources,
      };
    },
  );

  app.get(
    "/v1/campaign/units/:code/sources",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "Installs by outreach measure (wifi, bus, airport, poster, sms, zalo) and by place",
        ...secured,
        params: UnitParams,
        response: { 200: SourcesResponse },
      },
    },
    async (request) => {
      const { unit } = visibleUnit(request, units, request.params.code);
      return { unitCode: unit.code, ...attributeSources(await sourcesOf(db, unit.code, 10_000)) };
    },
  );

  app.get(
    "/v1/campaign/units/:code/trend",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "Daily running totals and coverage of a unit over the last `days` days, with its target",
        ...secured,
        params: UnitParams,
        querystring: TrendQuery,
        response: { 200: TrendResponse },
      },
    },
    async (request) => {
      const { unit } = visibleUnit(request, units, request.params.code);
      const day = today();
      const days = request.query.days ?? 60;
      const [daily, subscribers, targets] = await Promise.all([
        dailyRows(db, unit.code),
        subscriberHistory(db, unit.code),
        targetsOf(db, units.path(unit.code)),
      ]);
      const target = effectiveTarget(units.path(unit.code), targets);
      return {
        unitCode: unit.code,
        target: target && { percentBp: target.percentBp, deadline: target.deadline },
        points: trendSeries(daily, subscribers, addDays(day, -(days - 1)), day),
      };
    },
  );

  app.get(
    "/v1/campaign/units/:code/ranking",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "The sub-units of a unit with their figures, ranked (sort, order) and searchable (q)",
        ...secured,
        params: UnitParams,
        querystring: RankingQuery,
        response: { 200: RankingResponse },
      },
    },
    async (request) => {
      const { unit } = visibleUnit(request, units, request.params.code);
      const children = units.children(unit.code).map((c) => c.code);
      const figures = await figuresOf(db, units, children, today());
      const { sort, order, q } = request.query;
      return {
        unitCode: unit.code,
        units: rankUnits(figures, {
          ...(sort ? { sort } : {}),
          ...(order ? { order } : {}),
          ...(q ? { query: q } : {}),
        }),
      };
    },
  );

  app.get(
    "/v1/campaign/provinces",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "Figures of the provinces the official may see (all for national, their own for a province)",
        ...secured,
        response: { 200: ProvincesFiguresResponse },
      },
    },
    async (request) => {
      const account = request.account!;
      const visible = units.children("VN").filter((p) => canView(units, account, p.code));
      const day = today();
      return {
        today: day,
        provinces: await figuresOf(
          db,
          units,
          visible.map((p) => p.code),
          day,
        ),
      };
    },
  );

  app.get(
    "/v1/campaign/units/:code/snapshots",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "The unit's 17:00 CoverageSnapshots between two days (default: the last 60 days)",
        ...secured,
        params: UnitParams,
        querystring: SnapshotsQuery,
        response: { 200: SnapshotsResponse },
      },
    },
    async (request) => {
      const { unit } = visibleUnit(request, units, request.params.code);
      const to = request.query.to ?? today();
      const from = request.query.from ?? addDays(to, -59);
      return { snapshots: (await snapshotsOf(db, unit.code, from, to)).map(snapshotView) };
    },
  );

  app.get(
    "/v1/campaign/units/:code/agencies",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary:
          "Agencies in the unit and below with staff compliance (joined / headcount) against their target",
        ...secured,
        params: UnitParams,
        response: { 200: AgenciesResponse },
      },
    },
    async (request) => {
      const { unit } = visibleUnit(request, units, request.params.code);
      const codes =
        unit.level === "national" ? null : [unit.code, ...units.children(unit.code).map((c) => c.code)];
      const agencies = await listAgencies(db, codes);
      const defaultBp = ctx.config.agencyTargetPercent * 100;
      return { agencies: agencies.map((a) => complianceOf(a, defaultBp)) };
    },
  );

  app.get(
    "/v1/campaign/home",
    {
      preHandler: officials(),
      schema: {
        tags: ["campaign"],
        summary: "Where the official's console starts: their unit (\"VN\" for national) and today's date",
        ...secured,
        response: { 200: HomeResponse },
      },
    },
    async (request) => {
      const root = viewerRoot(request.account!)!;
      const unit = units.get(root);
      if (!unit) throw problems.notFound(`Your account's unit ${root} is not a current unit`);
      return { unitCode: unit.code, name: unit.name, level: unit.level, today: today() };
    },
  );
}
