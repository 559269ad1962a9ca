// The figures of a weekly report, gathered from the rollups as of the week's last day (or today): the unit,
// one table per level below it, the trend of the last eight weeks and the agencies below their target.
import type { Db } from "../platform/db/database.ts";
import { type AgencyCompliance, complianceOf, listAgencies } from "./agencies.ts";
import { addDays, coverageBasisPoints } from "./coverage.ts";
import { activeOn, dailyRows, targetsOf, totalsAsOf } from "./figures-store.ts";
import { type TrendPoint, trendSeries } from "./series.ts";
import { subscriberHistory, subscribersOn } from "./subscribers-store.ts";
import { effectiveTarget } from "./targets.ts";
import type { CampaignLevel, CampaignUnits } from "./units.ts";

export interface ReportRow {
  code: string;
  name: string;
  /** The province of a commune row. */
  parentName: string | null;
  installs: number;
  withPhone: number;
  active: number;
  subscribers: number;
  coverageBp: number | null;
  targetBp: number | null;
  deadline: string | null;
  reached: boolean;
}

export interface ReportData {
  unit: { code: string; name: string; level: CampaignLevel };
  weekStart: string;
  weekEnd: string;
  /** Day the figures are as of: the week's Sunday, or today while the week runs. */
  asOf: string;
  generatedAt: Date;
  /** Local day the report was made (the letter's date). */
  today: string;
  summary: ReportRow;
  /** Installs with phone gained during the week. */
  weekGain: { installs: number; withPhone: number };
  levels: { level: Exclude<CampaignLevel, "national">; rows: ReportRow[] }[];
  trend: TrendPoint[];
  agenciesBelowTarget: AgencyCompliance[];
}

/** Collects the report of `unitCode` for the week starting `weekStart` (a Monday). */
export async function collectReportData(
  db: Db,
  units: CampaignUnits,
  input: { unitCode: string; weekStart: string; today: string; generatedAt: Date; agencyTargetBp: number },
): Promise<ReportData> {
  const unit = units.get(input.unitCode);
  if (!unit) throw new Error(`unknown unit ${input.unitCode}`);
  const weekEnd = addDays(input.weekStart, 6);
  const asOf = [weekEnd, input.today].sort()[0]!; // the earlier day
  const provinces =
    unit.level === "national" ? units.children("VN") : unit.level === "province" ? [unit] : [];
  const communes = unit.level === "commune" ? [] : provinces.flatMap((p) => units.children(p.code));
  const levelCodes = [
    ...(unit.level === "national" ? provinces.map((p) => p.code) : []),
    ...communes.map((c) => c.code),
  ];
  const codes = [unit.code, ...levelCodes];
  const [totals, before, active, subscribers, targets, daily, history, agencies] = await Promise.all([
    totalsAsOf(db, codes, asOf),
    totalsAsOf(db, [unit.code], addDays(input.weekStart, -1)),
    activeOn(db, codes, asOf),
    subscribersOn(db, codes, asOf),
    targetsOf(db, [...new Set(codes.flatMap((c) => units.path(c)))]),
    dailyRows(db, unit.code),
    subscriberHistory(db, unit.code),
    listAgencies(db, unit.level === "national" ? null : [unit.code, ...communes.map((c) => c.code)]),
  ]);
  const row = (code: string): ReportRow => {
    const u = units.get(code)!;
    const t = totals.get(code) ?? { installs: 0, withPhone: 0 };
    const subs = subscribers.get(code) ?? 0;
    const target = effectiveTarget(units.path(code), targets);
    const coverageBp = coverageBasisPoints(t.withPhone, subs);
    return {
      code,
      name: u.name,
      parentName: u.level === "commune" && u.parentCode ? (units.get(u.parentCode)?.name ?? null) : null,
      installs: t.installs,
      withPhone: t.withPhone,
      active: active.get(code) ?? 0,
      subscribers: subs,
      coverageBp,
      targetBp: target?.percentBp ?? null,
      deadline: target?.deadline ?? null,
      reached: target !== null && coverageBp !== null && coverageBp >= target.percentBp,
    };
  };
  const summary = row(unit.code);
  const prior = before.get(unit.code) ?? { installs: 0, withPhone: 0 };
  const levels: ReportData["levels"] = [];
  if (unit.level === "national") levels.push({ level: "province", rows: provinces.map((p) => row(p.code)) });
  if (communes.length > 0) levels.push({ level: "commune", rows: communes.map((c) => row(c.code)) });
  return {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    weekStart: input.weekStart,
    weekEnd,
    asOf,
    generatedAt: input.generatedAt,
    today: input.today,
    summary,
    weekGain: { installs: summary.installs - prior.installs, withPhone: summary.withPhone - prior.withPhone },
    levels,
    trend: trendSeries(daily, history, addDays(asOf, -55), asOf),
    agenciesBelowTarget: agencies
      .map((a) => complianceOf(a, input.agencyTargetBp))
      .filter((a) => a.belowTarget)
      .sort((a, b) => (a.complianceBp ?? -1) - (b.complianceBp ?? -1)),
  };
}
