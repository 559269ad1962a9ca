// Pure views over figures: the daily trend of a unit (running totals, active, subscribers as a step function,
// coverage) and the ranking of sub-units (sort and diacritic-insensitive search).
import { searchKey } from "../units/model.ts";
import { addDays, coverageBasisPoints } from "./coverage.ts";
import type { TargetStatus } from "./targets.ts";

export interface DailyCounts {
  day: string;
  installs: number;
  withPhone: number;
  active: number;
}

export interface TrendPoint {
  day: string;
  /** Running totals at the end of the day. */
  installs: number;
  withPhone: number;
  active: number;
  /** Effective subscribers on that day (0 when none known yet). */
  subscribers: number;
  coverageBp: number | null;
}

/** One point per day from `from` to `to` (inclusive), from the unit's daily deltas and subscriber history. */
export function trendSeries(
  daily: readonly DailyCounts[],
  subscribers: readonly { asOf: string; subscribers: number }[],
  from: string,
  to: string,
): TrendPoint[] {
  const byDay = new Map(daily.map((d) => [d.day, d]));
  let installs = 0;
  let withPhone = 0;
  for (const d of daily) {
    if (d.day < from) {
      installs += d.installs;
      withPhone += d.withPhone;
    }
  }
  const steps = [...subscribers].sort((a, b) => (a.asOf < b.asOf ? -1 : 1));
  let s = 0;
  let current = 0;
  const points: TrendPoint[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const d = byDay.get(day);
    installs += d?.installs ?? 0;
    withPhone += d?.withPhone ?? 0;
    while (s < steps.length && steps[s]!.asOf <= day) current = steps[s++]!.subscribers;
    points.push({
      day,
      installs,
      withPhone,
      active: d?.active ?? 0,
      subscribers: current,
      coverageBp: coverageBasisPoints(withPhone, current),
    });
  }
  return points;
}

export const RANKING_SORTS = [
  "coverage",
  "progress",
  "installs",
  "withPhone",
  "subscribers",
  "active",
  "name",
  "code",
] as const;
export type RankingSort = (typeof RANKING_SORTS)[number];

export interface Rankable {
  code: string;
  name: string;
  installs: number;
  withPhone: number;
  active: number;
  subscribers: number | null;
  coverageBp: number | null;
  progressBp: number | null;
  status: TargetStatus;
}

/** Filters by `query` (name without diacritics, or code prefix) and sorts; units without a value go last. */
export function rankUnits<T extends Rankable>(
  list: readonly T[],
  options: { sort?: RankingSort; order?: "asc" | "desc"; query?: string } = {},
): (T & { rank: number })[] {
  const sort = options.sort ?? "coverage";
  const order = options.order ?? (sort === "name" || sort === "code" ? "asc" : "desc");
  const numeric = (u: T): number | null =>
    sort === "coverage"
      ? u.coverageBp
      : sort === "progress"
        ? u.progressBp
        : sort === "subscribers"
          ? u.subscribers
          : sort === "installs"
            ? u.installs
            : sort === "withPhone"
              ? u.withPhone
              : sort === "active"
                ? u.active
                : null;
  const sign = order === "asc" ? 1 : -1;
  const ranked = [...list]
    .sort((a, b) => {
      if (sort === "name") return sign * a.name.localeCompare(b.name, "vi") || a.code.localeCompare(b.code);
      if (sort === "code") return sign * a.code.localeCompare(b.code);
      const x = numeric(a);
      const y = numeric(b);
      if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
      return sign * (x - y) || a.code.localeCompare(b.code);
    })
    .map((u, i) => ({ ...u, rank: i + 1 }));
  const key = searchKey(options.query ?? "");
  if (!key) return ranked;
  return ranked.filter((u) => u.code.startsWith(key) || searchKey(u.name).includes(key));
}
