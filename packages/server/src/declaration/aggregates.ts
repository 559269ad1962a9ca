// Pure side of the officials' anonymous figures: the count deltas a declaration adds (or, withdrawn, removes)
// per commune and day, and the statistics view built from summed rows with small counts suppressed.
import { EXPOSURES, type Exposure, SYMPTOMS, type Symptom } from "./catalog.ts";
import type { AggregateFacts } from "./model.ts";

/** What is counted per commune and day. */
export type Metric =
  | "declarations"
  | "domestic_travel"
  | "with_symptoms"
  | "arrivals"
  | `symptom.${Symptom}`
  | `exposure.${Exposure}`;

export const METRICS: readonly Metric[] = [
  "declarations",
  "domestic_travel",
  "with_symptoms",
  "arrivals",
  ...SYMPTOMS.map((s) => `symptom.${s}` as const),
  ...EXPOSURES.map((e) => `exposure.${e}` as const),
];

/** One change to the table of daily counts. */
export interface CountDelta {
  day: string;
  provinceCode: string;
  communeCode: string;
  metric: Metric;
  delta: number;
}

/**
 * The count changes of one declaration: +1 (made) or -1 (withdrawn by the citizen) to its address commune's
 * declarations, travel, with-symptoms, each symptom and each exposure, and to the destination's arrivals.
 * Merged per (day, commune, metric) and sorted, so concurrent transactions lock rows in the same order.
 */
export function countDeltas(facts: AggregateFacts, sign: 1 | -1): CountDelta[] {
  const at = { day: facts.declaredOn, provinceCode: facts.provinceCode, communeCode: facts.communeCode };
  const metrics: Metric[] = ["declarations"];
  if (facts.kind === "domestic_travel") metrics.push("domestic_travel");
  if (facts.symptoms.length > 0) metrics.push("with_symptoms");
  for (const s of new Set(facts.symptoms)) metrics.push(`symptom.${s}`);
  for (const e of new Set(facts.exposures)) metrics.push(`exposure.${e}`);
  const deltas: CountDelta[] = metrics.map((metric) => ({ ...at, metric, delta: sign }));
  if (facts.destination) {
    deltas.push({
      day: facts.declaredOn,
      provinceCode: facts.destination.provinceCode,
      communeCode: facts.destination.communeCode,
      metric: "arrivals",
      delta: sign,
    });
  }
  return mergeDeltas(deltas);
}

const deltaKey = (d: CountDelta) => `${d.day}|${d.communeCode}|${d.metric}`;

/** Sums deltas with the same (day, commune, metric), drops zeros, sorts by that key. */
export function mergeDeltas(deltas: readonly CountDelta[]): CountDelta[] {
  const merged = new Map<string, CountDelta>();
  for (const d of deltas) {
    const key = deltaKey(d);
    const known = merged.get(key);
    merged.set(key, known ? { ...known, delta: known.delta + d.delta } : { ...d });
  }
  return [...merged.entries()]
    .filter(([, d]) => d.delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}

/** A suppressed count is null. */
export type ShownCount = number | null;

/** The officials' view of the counts of one cell (a day, a child unit or the total). */
export interface CountsView {
  declarations: ShownCount;
  domesticTravel: ShownCount;
  withSymptoms: ShownCount;
  arrivals: ShownCount;
  symptoms: Record<Symptom, ShownCount>;
  exposures: Record<Exposure, ShownCount>;
}

/**
 * Small-count suppression: counts from 1 to minCount - 1 become null (0 and >= minCount are shown), so a figure
 * cannot point at one or two identifiable people. Sums are taken before suppression.
 */
export const suppress = (count: number, minCount: number): ShownCount =>
  count > 0 && count < minCount ? null : count;

/** The view of summed metric counts (missing metrics are 0). */
export function countsView(sums: ReadonlyMap<string, number>, minCount: number): CountsView {
  const shown = (metric: Metric) => suppress(sums.get(metric) ?? 0, minCount);
  return {
    declarations: shown("declarations"),
    domesticTravel: shown("domestic_travel"),
    withSymptoms: shown("with_symptoms"),
    arrivals: shown("arrivals"),
    symptoms: Object.fromEntries(SYMPTOMS.map((s) => [s, shown(`symptom.${s}`)])) as Record<
      Symptom,
      ShownCount
    >,
    exposures: Object.fromEntries(EXPOSURES.map((e) => [e, shown(`exposure.${e}`)])) as Record<
      Exposure,
      ShownCount
    >,
  };
}

/** A summed row of the counts table: per `key` (a day or a child unit code) and metric. */
export interface SumRow {
  key: string;
  metric: string;
  count: number;
}

/** Groups summed rows by key into metric -> count maps. */
export function groupSums(rows: readonly SumRow[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const byMetric = out.get(r.key) ?? new Map<string, number>();
    byMetric.set(r.metric, (byMetric.get(r.metric) ?? 0) + r.count);
    out.set(r.key, byMetric);
  }
  return out;
}

/** Adds up the metric maps of several keys (the total of the range). */
export function totalOf(groups: Iterable<ReadonlyMap<string, number>>): Map<string, number> {
  const total = new Map<string, number>();
  for (const g of groups) for (const [metric, n] of g) total.set(metric, (total.get(metric) ?? 0) + n);
  return total;
}
