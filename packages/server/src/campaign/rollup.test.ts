import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  agencyDeltas,
  type CounterEvent,
  cumulative,
  normalizeSource,
  rollupDeltas,
  rollupUnits,
  sourceDeltas,
} from "./rollup.ts";

const bt = { communeCode: "26743", provinceCode: "79" };
const bd = { communeCode: "00004", provinceCode: "01" };

describe("rollupDeltas", () => {
  it("counts each event for the commune, its province and the nation, summed per unit and day", () => {
    const events: CounterEvent[] = [
      { kind: "registered", place: bt, day: "2025-08-01", source: "direct", agencyId: null },
      { kind: "registered", place: bt, day: "2025-08-01", source: "wifi-x", agencyId: 7 },
      { kind: "phone", place: bt, day: "2025-08-01", delta: 1 },
      { kind: "active", place: bd, day: "2025-08-02" },
      { kind: "phone", place: bd, day: "2025-08-02", delta: -1 },
    ];
    expect(rollupUnits(bt)).toEqual(["26743", "79", "VN"]);
    expect(rollupDeltas(events)).toEqual([
      { unitCode: "00004", day: "2025-08-02", installs: 0, withPhone: -1, active: 1 },
      { unitCode: "01", day: "2025-08-02", installs: 0, withPhone: -1, active: 1 },
      { unitCode: "26743", day: "2025-08-01", installs: 2, withPhone: 1, active: 2 },
      { unitCode: "79", day: "2025-08-01", installs: 2, withPhone: 1, active: 2 },
      { unitCode: "VN", day: "2025-08-01", installs: 2, withPhone: 1, active: 2 },
      { unitCode: "VN", day: "2025-08-02", installs: 0, withPhone: -1, active: 1 },
    ]);
    expect(sourceDeltas(events)).toEqual([
      { unitCode: "26743", source: "direct", installs: 1 },
      { unitCode: "26743", source: "wifi-x", installs: 1 },
      { unitCode: "79", source: "direct", installs: 1 },
      { unitCode: "79", source: "wifi-x", installs: 1 },
      { unitCode: "VN", source: "direct", installs: 1 },
      { unitCode: "VN", source: "wifi-x", installs: 1 },
    ]);
    expect(agencyDeltas(events)).toEqual([{ agencyId: 7, joined: 1 }]);
  });

  it("drops rows whose changes cancel out", () => {
    const events: CounterEvent[] = [
      { kind: "phone", place: bt, day: "2025-08-01", delta: 1 },
      { kind: "phone", place: bt, day: "2025-08-01", delta: -1 },
    ];
    expect(rollupDeltas(events)).toEqual([]);
  });

  it("the national delta equals the sum of the communes' deltas, whatever the events", () => {
    const places = [bt, bd, { communeCode: "26740", provinceCode: "79" }];
    const event = fc.oneof(
      fc.record({
        kind: fc.constant("registered" as const),
        place: fc.constantFrom(...places),
        day: fc.constantFrom("2025-08-01", "2025-08-02"),
        source: fc.constant("direct"),
        agencyId: fc.constant(null),
      }),
      fc.record({
        kind: fc.constant("phone" as const),
        place: fc.constantFrom(...places),
        day: fc.constantFrom("2025-08-01", "2025-08-02"),
        delta: fc.constantFrom(1 as const, -1 as const),
      }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 50 }), (events) => {
        const deltas = rollupDeltas(events);
        const sum = (pred: (code: string) => boolean, field: "installs" | "withPhone") =>
          deltas.filter((d) => pred(d.unitCode)).reduce((s, d) => s + d[field], 0);
        const isCommune = (c: string) => c.length === 5;
        for (const field of ["installs", "withPhone"] as const) {
          expect(sum((c) => c === "VN", field)).toBe(sum(isCommune, field));
          expect(sum((c) => c === "79", field)).toBe(sum((c) => isCommune(c) && c !== "00004", field));
        }
        const sorted = deltas.map((d) => `${d.unitCode} ${d.day}`);
        expect(sorted).toEqual([...sorted].sort());
      }),
    );
  });
});

describe("helpers", () => {
  it("normalizes outreach sources", () => {
    expect(normalizeSource("WiFi-NoiBai")).toBe("wifi-noibai");
    expect(normalizeSource("poster-123")).toBe("poster-123");
    expect(normalizeSource(undefined)).toBe("direct");
    expect(normalizeSource("<script>")).toBe("direct");
    expect(normalizeSource("x".repeat(65))).toBe("direct");
  });

  it("computes running sums", () => {
    expect(cumulative([1, 2, 3], 10)).toEqual([11, 13, 16]);
  });
});
