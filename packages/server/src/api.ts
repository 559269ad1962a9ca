// What the web app takes from the server, so the two cannot drift apart: the declaration form's closed lists
// (pure data, bundled into the app) and the HTTP API's shapes as types derived from the TypeBox schemas the
// server validates and serialises with. Nothing here pulls Node-only code into a browser bundle.
import type { Static } from "@fastify/type-provider-typebox";
import type * as Campaign from "./campaign/schemas.ts";
import type * as Declaration from "./declaration/schemas.ts";
import type * as Units from "./units/schemas.ts";

export { ROW_ERROR_CODES } from "./campaign/row-errors.ts";
export type { RowError } from "./campaign/subscriber-rows.ts";
export * from "./declaration/catalog.ts";
export { MEASURES, type Measure, parseSource as parseOutreachSource } from "./outreach/source.ts";

/** POST /v1/declarations body. */
export type DeclarationRequest = Static<typeof Declaration.DeclarationBody>;
/** PUT /v1/declarations/:id/follow-ups/:day body. */
export type FollowUpRequest = Static<typeof Declaration.FollowUpBody>;
export type FollowUpView = Static<typeof Declaration.FollowUpView>;
/** One of the citizen's declarations as the server returns it. */
export type DeclarationView = Static<typeof Declaration.DeclarationView>;
/** POST /v1/declarations response (`declarantKey` only for a device's first declaration). */
export type SubmitResponse = Static<typeof Declaration.SubmitResponse>;
/** GET /v1/declarations/stats query and response. */
export type StatsQuery = Static<typeof Declaration.StatsQuery>;
export type StatsView = Static<typeof Declaration.StatsResponse>;

/** An administrative unit (GET /v1/units/provinces, /v1/units/:code). */
export type AdminUnitView = Static<typeof Units.AdminUnitView>;
export type UnitDetailView = Static<typeof Units.UnitDetail>;

/** Campaign monitoring (GET /v1/campaign/...). */
export type CampaignHome = Static<typeof Campaign.HomeResponse>;
export type UnitFigures = Static<typeof Campaign.UnitFiguresView>;
export type TargetProgress = Static<typeof Campaign.TargetProgressView>;
export type CoverageSnapshot = Static<typeof Campaign.SnapshotView>;
export type CampaignSummary = Static<typeof Campaign.SummaryResponse>;
export type CampaignTrend = Static<typeof Campaign.TrendResponse>;
export type RankedUnit = Static<typeof Campaign.RankingResponse>["units"][number];
export type CampaignTargetView = Static<typeof Campaign.TargetResponse>;
export type SubscriberUpload = Static<typeof Campaign.UploadsResponse>["uploads"][number];
export type AgencyView = Static<typeof Campaign.AgencyView>;
export type CampaignReport = Static<typeof Campaign.ReportView>;
