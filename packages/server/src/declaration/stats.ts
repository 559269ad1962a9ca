// The officials' side: anonymous per-day counts of a unit (a commune, a province summing its communes, or the
// country) and its children over a date range, only for units within the official's own scope.
import type { Static } from "@fastify/type-provider-typebox";
import type { AuthenticatedAccount } from "../auth/index.ts";
import type { Db } from "../platform/db/database.ts";
import { problems } from "../platform/errors.ts";
import {
  type AdminUnit,
  getUnit,
  isWithin,
  listChildren,
  listProvinces,
  resolveUnit,
} from "../units/index.ts";
import { countsView, groupSums, totalOf } from "./aggregates.ts";
import type { FieldIssue, Language } from "./messages.ts";
import { validationProblem } from "./messages.ts";
import { addDays, dayDiff, daysBetween, vnDay } from "./model.ts";
import type { StatsResponse } from "./schemas.ts";
import { type CountScope, sumCountsByChild, sumCountsByDay } from "./store.ts";

type Stats = Static<typeof StatsResponse>;

export interface StatsRequest {
  unit?: string;
  from?: string;
  to?: string;
}

/** The date range of a request: `to` defaults to today (Viet Nam), `from` to 13 days before `to`. */
export function statsRange(
  query: StatsRequest,
  now: Date,
  maxDays: number,
): { from: string; to: string } | FieldIssue {
  const to = query.to ?? vnDay(now);
  const from = query.from ?? addDays(to, -13);
  if (from > to || dayDiff(from, to) + 1 > maxDays)
    return { pointer: query.from ? "#/from" : "#/to", code: "range-invalid", params: { limit: maxDays } };
  return { from, to };
}

/**
 * The unit an official asks about and may see: the requested unit (or their own), within their own unit
 * (isWithin) unless they are national. Null = the whole country (national officials only).
 */
async function scopedUnit(
  db: Db,
  account: AuthenticatedAccount,
  requested: string | undefined,
  language: Language,
): Promise<AdminUnit | null> {
  if (requested === undefined) {
    if (account.role === "national" && account.unitCode === null) return null;
    if (account.unitCode === null) throw problems.forbidden("This account is not scoped to a unit");
    const own = await resolveUnit(db, account.unitCode);
    if (!own) throw problems.forbidden("This account's unit is unknown");
    return own;
  }
  const unit = await getUnit(db, requested);
  if (!unit || unit.level === "district")
    throw validationProblem([{ pointer: "#/unit", code: "unit-unknown" }], "querystring", language);
  if (account.role === "national") return unit;
  if (account.unitCode === null || !(await isWithin(db, unit.code, account.unitCode)))
    throw problems.forbidden("This unit is outside your area");
  return unit;
}

/** The statistics of one request; see StatsResponse. */
export async function declarationStats(
  deps: { db: Db; now: Date; minCount: number; maxDays: number },
  account: AuthenticatedAccount,
  query: StatsRequest,
  language: Language,
): Promise<Stats> {
  const range = statsRange(query, deps.now, deps.maxDays);
  if ("code" in range) throw validationProblem([range], "querystring", language);
  const unit = await scopedUnit(deps.db, account, query.unit, language);
  const scope: CountScope =
    unit === null
      ? { level: "country" }
      : unit.level === "province"
        ? { level: "province", code: unit.code }
        : { level: "commune", code: unit.code };
  const [byDay, byChild, children] = await Promise.all([
    sumCountsByDay(deps.db, scope, range.from, range.to),
    sumCountsByChild(deps.db, scope, range.from, range.to),
    scope.level === "country"
      ? listProvinces(deps.db)
      : scope.level === "province"
        ? listChildren(deps.db, scope.code)
        : Promise.resolve([]),
  ]);
  const days = groupSums(byDay);
  const childSums = groupSums(byChild);
  const none = new Map<string, number>();
  return {
    unit: unit ? { code: unit.code, name: unit.name, level: unit.level } : null,
    from: range.from,
    to: range.to,
    minCount: deps.minCount,
    days: daysBetween(range.from, range.to).map((day) => ({
      day,
      counts: countsView(days.get(day) ?? none, deps.minCount),
    })),
    total: countsView(totalOf(days.values()), deps.minCount),
    children: children.map((c) => ({
      code: c.code,
      name: c.name,
      counts: countsView(childSums.get(c.code) ?? none, deps.minCount),
    })),
  };
}
