// Shapes of the campaign API the console uses: derived from the server's TypeBox schemas
// (packages/server/src/api.ts), so a change there is a type error here, not a blank on the dashboard.
import type { CampaignTrend, UnitFigures } from "@bluezone/server/api";

export type {
  AgencyView as Agency,
  CampaignHome as Home,
  CampaignReport as Report,
  CampaignSummary as Summary,
  CampaignTargetView as TargetView,
  CampaignTrend as Trend,
  CoverageSnapshot as Snapshot,
  RankedUnit,
  RowError,
  SubscriberUpload as Upload,
  TargetProgress,
  UnitFigures,
} from "@bluezone/server/api";
export { ROW_ERROR_CODES } from "@bluezone/server/api";

export type CampaignLevel = UnitFigures["level"];
export type TargetStatus = UnitFigures["status"];
export type AppliedTarget = NonNullable<UnitFigures["target"]>;
export type TrendPoint = CampaignTrend["points"][number];
