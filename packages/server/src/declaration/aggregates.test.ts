import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CountDelta,
  countDeltas,
  countsView,
  groupSums,
  mergeDeltas,
  suppress,
  totalOf,
} from "./aggregates.ts";
import { EXPOSURES, SYMPTOMS } from "./catalog.ts";
import type { AggregateFacts } from "./model.ts";

const facts = (overrides: Partial<AggregateFacts> = {}): AggregateFacts => ({
  kind: "health",
  declaredOn: "2026-05-10",
  provinceCode: "79",
  communeCode: "26743",
  symptoms: ["fever", "cough"],
  exposures: ["contact_f0"],
  destination: null,
  ...overrides,
});
const summary = (deltas: CountDelta[]) => deltas.map((d) => `${d.communeCode} ${d.metric} ${d.delta}`);

describe("countDeltas", () => {
  it("adds a health declaration to its commune's day: total, with symptoms, each symptom and exposure", () => {
    expect(summary(countDeltas(facts(), 1))).toEqual([
      "26743 declarations 1",
      "26743 exposure.contact_f0 1",
      "26743 symptom.cough 1",
      "26743 symptom.fever 1",
      "26743 with_symptoms 1",
    ]);
    expect(countDeltas(facts(), 1).every((d) => d.day === "2026-05-10" && d.provinceCode === "79")).toBe(
      true,
    );
  });

  it("counts nothing but the declaration when there are no symptoms or exposures", () => {
    expect(summary(countDeltas(facts({ symptoms: [], exposures: [] }), 1))).toEqual(["26743 declarations 1"]);
  });

  it("counts a travel declaration as travel at home and as an arrival at the destination", () => {
    const trip = facts({
      kind: "domestic_travel",
      symptoms: [],
      exposures: [],
      destination: { provinceCode: "01", communeCode: "00004" },
    });
    expect(countDeltas(trip, 1)).toEqual([
      { day: "2026-05-10", provinceCode: "01", communeCode: "00004", metric: "arrivals", delta: 1 },
      { day: "2026-05-10", provinceCode: "79", communeCode: "26743", metric: "declarations", delta: 1 },
      { day: "2026-05-10", provinceCode: "79", communeCode: "26743", metric: "domestic_travel", delta: 1 },
    ]);
  });

  it("withdrawing is the exact opposite of declaring, and repeated codes count once", () => {
    const arbitraryFacts = fc.record({
      kind: fc.constantFrom("health" as const, "domestic_travel" as const),
      declaredOn: fc.constantFrom("2026-05-09", "2026-05-10"),
      provinceCode: fc.constant("79"),
      communeCode: fc.constantFrom("26743", "25747"),
      symptoms: fc.array(fc.constantFrom(...SYMPTOMS), { maxLength: 14 }),
      exposures: fc.array(fc.constantFrom(...EXPOSURES), { maxLength: 6 }),
      destination: fc.option(
        fc.record({ provinceCode: fc.constant("01"), communeCode: fc.constantFrom("00004", "00008") }),
        { nil: null },
      ),
    });
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const added = countDeltas(f, 1);
        expect(mergeDeltas([...added, ...countDeltas(f, -1)])).toEqual([]);
        expect(added.every((d) => d.delta === 1)).toBe(true);
        expect(added.filter((d) => d.metric.startsWith("symptom.")).length).toBe(new Set(f.symptoms).size);
        expect(added.filter((d) => d.metric === "arrivals").length).toBe(f.destination ? 1 : 0);
      }),
    );
  });
});

describe("mergeDeltas", () => {
  it("sums the same cell, drops zeros and sorts by day, commune and metric", () => {
    const at = (
      day: string,
      communeCode: string,
      metric: CountDelta["metric"],
      delta: number,
    ): CountDelta => ({
      day,
      provinceCode: "79",
      communeCode,
      metric,
      delta,
    });
    expect(
      mergeDeltas([
        at("2026-05-10", "26743", "declarations", 1),
        at("2026-05-09", "26743", "declarations", 1),
        at("2026-05-10", "25747", "arrivals", 1),
        at("2026-05-10", "26743", "declarations", 2),
        at("2026-05-10", "25747", "symptom.fever", 1),
        at("2026-05-10", "25747", "symptom.fever", -1),
      ]),
    ).toEqual([
      at("2026-05-09", "26743", "declarations", 1),
      at("2026-05-10", "25747", "arrivals", 1),
      at("2026-05-10", "26743", "declarations", 3),
    ]);
  });
});

describe("suppression and views", () => {
  it("hides 1 to minCount - 1, shows 0 and larger counts", () => {
    expect([0, 1, 4, 5, 17].map((n) => suppress(n, 5))).toEqual([0, null, null, 5, 17]);
    expect([0, 1, 2].map((n) => suppress(n, 1))).toEqual([0, 1, 2]);
  });

  it("builds the counts of a cell from summed metrics, missing metrics as 0", () => {
    const view = countsView(
      new Map([
        ["declarations", 12],
        ["symptom.fever", 6],
        ["symptom.cough", 2],
        ["exposure.contact_f0", 5],
        ["arrivals", 3],
      ]),
      5,
    );
    expect(view.declarations).toBe(12);
    expect(view.withSymptoms).toBe(0);
    expect(view.arrivals).toBeNull();
    expect(view.symptoms.fever).toBe(6);
    expect(view.symptoms.cough).toBeNull();
    expect(view.symptoms.chills).toBe(0);
    expect(view.exposures.contact_f0).toBe(5);
    expect(Object.keys(view.symptoms)).toEqual([...SYMPTOMS]);
    expect(Object.keys(view.exposures)).toEqual([...EXPOSURES]);
  });

  it("sums before suppressing: two communes with 3 each make a province's 6", () => {
    const groups = groupSums([
      { key: "26743", metric: "declarations", count: 3 },
      { key: "25747", metric: "declarations", count: 3 },
      { key: "25747", metric: "declarations", count: 1 },
    ]);
    expect(groups.get("25747")?.get("declarations")).toBe(4);
    const total = totalOf(groups.values());
    expect(total.get("declarations")).toBe(7);
    expect(countsView(total, 5).declarations).toBe(7);
    expect(countsView(groups.get("26743") ?? new Map(), 5).declarations).toBeNull();
  });
});
