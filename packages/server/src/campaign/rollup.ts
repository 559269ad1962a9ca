// Pure rollup arithmetic: which counter rows an install event changes (its commune, the province and "VN"),
// aggregated per unit and day in a fixed order (so concurrent writers lock rows in the same order).
import { NATIONAL_CODE } from "./coverage.ts";

/** Where a device is counted. */
export interface Place {
  communeCode: string;
  provinceCode: string;
}

/** An event that changes the counters. */
export type CounterEvent =
  | { kind: "registered"; place: Place; day: string; source: string; agencyId: number | null }
  | { kind: "active"; place: Place; day: string }
  | { kind: "phone"; place: Place; day: string; delta: 1 | -1 };

/** The change of one campaign_daily row (and the unit's campaign_totals row for installs / withPhone). */
export interface CounterDelta {
  unitCode: string;
  day: string;
  installs: number;
  withPhone: number;
  active: number;
}

/** The units a device's events count for: the commune, its province and the nation. */
export function rollupUnits(place: Place): string[] {
  return [place.communeCode, place.provinceCode, NATIONAL_CODE];
}

const byKey = <T>(map: Map<string, T>): T[] =>
  [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

/** Sums the events into one delta per (unit, day), sorted by unit then day; rows with no change left out. */
export function rollupDeltas(events: readonly CounterEvent[]): CounterDelta[] {
  const deltas = new Map<string, CounterDelta>();
  for (const event of events) {
    for (const unitCode of rollupUnits(event.place)) {
      const key = `${unitCode}\u0000${event.day}`;
      let d = deltas.get(key);
      if (!d) {
        d = { unitCode, day: event.day, installs: 0, withPhone: 0, active: 0 };
        deltas.set(key, d);
      }
      if (event.kind === "registered") {
        d.installs += 1;
        d.active += 1; // registering counts as being active that day
      } else if (event.kind === "active") d.active += 1;
      else d.withPhone += event.delta;
    }
  }
  return byKey(deltas).filter((d) => d.installs !== 0 || d.withPhone !== 0 || d.active !== 0);
}

/** Installs per (unit, source) from registrations, sorted. */
export function sourceDeltas(
  events: readonly CounterEvent[],
): { unitCode: string; source: string; installs: number }[] {
  const deltas = new Map<string, { unitCode: string; source: string; installs: number }>();
  for (const event of events) {
    if (event.kind !== "registered") continue;
    for (const unitCode of rollupUnits(event.place)) {
      const key = `${unitCode}\u0000${event.source}`;
      const d = deltas.get(key) ?? { unitCode, source: event.source, installs: 0 };
      d.installs += 1;
      deltas.set(key, d);
    }
  }
  return byKey(deltas);
}

/** Devices newly joined per agency, sorted by agency id. */
export function agencyDeltas(events: readonly CounterEvent[]): { agencyId: number; joined: number }[] {
  const joined = new Map<number, number>();
  for (const event of events) {
    if (event.kind === "registered" && event.agencyId !== null) {
      joined.set(event.agencyId, (joined.get(event.agencyId) ?? 0) + 1);
    }
  }
  return [...joined.entries()].sort(([a], [b]) => a - b).map(([agencyId, n]) => ({ agencyId, joined: n }));
}

/** Outreach source as stored: lower-case [a-z0-9._:-], at most 64 characters; "direct" when absent or unusable. */
export function normalizeSource(raw: string | null | undefined): string {
  const source = (raw ?? "").trim().toLowerCase();
  return /^[a-z0-9][a-z0-9._:-]{0,63}$/.test(source) ? source : "direct";
}

/** Running sums of a daily series: cumulative[i] = base + sum(values[0..i]). */
export function cumulative(values: readonly number[], base = 0): number[] {
  const out: number[] = [];
  let sum = base;
  for (const v of values) {
    sum += v;
    out.push(sum);
  }
  return out;
}
