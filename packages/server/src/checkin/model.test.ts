import { TraceLocationType } from "@bluezone/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hashTracingCode,
  hourlySeries,
  hourStart,
  occupancyWindowStart,
  peopleInside,
  traceLocationInput,
  vnDay,
  vnDayHours,
} from "./model.ts";

const base = { name: "Quán phở", address: "12 Lê Lợi", communeCode: "26743", defaultCheckInMinutes: 60 };

describe("traceLocationInput", () => {
  it("maps the category to its CWA type and keeps the default length", () => {
    const r = traceLocationInput({ ...base, category: "restaurant" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.type).toBe(TraceLocationType.LOCATION_TYPE_PERMANENT_FOOD_SERVICE);
    expect(r.value.defaultCheckInLengthInMinutes).toBe(60);
    expect(r.value.startTimestamp).toBeUndefined();
  });

  it("turns an event's ISO times into Unix seconds", () => {
    const r = traceLocationInput({
      ...base,
      category: "event",
      startsAt: "2026-05-10T10:00:00Z",
      endsAt: "2026-05-10T12:30:00Z",
    });
    expect(r).toMatchObject({ ok: true, value: { startTimestamp: 1778407200, endTimestamp: 1778416200 } });
  });

  it("rejects unknown categories, half or inverted ranges, bad minutes", () => {
    expect(traceLocationInput({ ...base, category: "casino" })).toEqual({
      ok: false,
      problem: "unknown-category",
    });
    expect(traceLocationInput({ ...base, category: "event", startsAt: "2026-05-10T10:00:00Z" })).toEqual({
      ok: false,
      problem: "bad-time-range",
    });
    expect(
      traceLocationInput({
        ...base,
        category: "event",
        startsAt: "2026-05-10T10:00:00Z",
        endsAt: "2026-05-10T09:00:00Z",
      }),
    ).toEqual({ ok: false, problem: "bad-time-range" });
    expect(traceLocationInput({ ...base, category: "shop", defaultCheckInMinutes: 0 })).toEqual({
      ok: false,
      problem: "bad-minutes",
    });
    expect(traceLocationInput({ ...base, category: "shop", defaultCheckInMinutes: 1441 })).toEqual({
      ok: false,
      problem: "bad-minutes",
    });
  });
});

describe("tracing codes", () => {
  it("hashes deterministically and differently per code", () => {
    expect(hashTracingCode("abc")).toBe(hashTracingCode("abc"));
    expect(hashTracingCode("abc")).not.toBe(hashTracingCode("abd"));
    expect(hashTracingCode("abc")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("hours and days", () => {
  it("starts the hour and finds the Viet Nam day (UTC+7)", () => {
    expect(hourStart(new Date("2026-05-10T03:59:59.999Z")).toISOString()).toBe("2026-05-10T03:00:00.000Z");
    expect(vnDay(new Date("2026-05-10T16:59:00Z"))).toBe("2026-05-10");
    expect(vnDay(new Date("2026-05-10T17:00:00Z"))).toBe("2026-05-11");
  });

  it("lists the 24 UTC hours of a Viet Nam day and rejects bad dates", () => {
    const hours = vnDayHours("2026-05-10");
    expect(hours).toHaveLength(24);
    expect(hours?.[0]?.toISOString()).toBe("2026-05-09T17:00:00.000Z");
    expect(hours?.[23]?.toISOString()).toBe("2026-05-10T16:00:00.000Z");
    expect(vnDayHours("2026-02-30")).toBeUndefined();
    expect(vnDayHours("10/05/2026")).toBeUndefined();
  });
});

describe("occupancy", () => {
  const h = (iso: string, enters: number, exits: number) => ({ hour: new Date(iso), enters, exits });

  it("counts enters - exits over the hours overlapping the window", () => {
    const now = new Date("2026-05-10T05:20:00Z");
    const from = occupancyWindowStart(now, 90); // 03:50 -> from 03:00
    expect(from.toISOString()).toBe("2026-05-10T03:00:00.000Z");
    const rows = [
      h("2026-05-10T02:00:00Z", 50, 0),
      h("2026-05-10T03:00:00Z", 10, 2),
      h("2026-05-10T05:00:00Z", 3, 4),
    ];
    expect(peopleInside(rows, from, now)).toBe(7);
  });

  it("is never negative", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ offset: fc.integer({ min: 0, max: 48 }), enters: fc.nat(1000), exits: fc.nat(1000) }),
        ),
        fc.integer({ min: 1, max: 1440 }),
        (ticks, minutes) => {
          const now = new Date("2026-05-10T12:30:00Z");
          const rows = ticks.map((t) => ({
            hour: new Date(Date.parse("2026-05-09T12:00:00Z") + t.offset * 3_600_000),
            enters: t.enters,
            exits: t.exits,
          }));
          expect(peopleInside(rows, occupancyWindowStart(now, minutes), now)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it("fills a day's series with zeros where nothing was counted", () => {
    const hours = vnDayHours("2026-05-10") ?? [];
    const series = hourlySeries(hours, [h("2026-05-10T01:00:00Z", 4, 1)]);
    expect(series).toHaveLength(24);
    expect(series[8]).toEqual({ hour: "2026-05-10T01:00:00.000Z", enters: 4, exits: 1 });
    expect(series.reduce((a, s) => a + s.enters + s.exits, 0)).toBe(5);
  });
});
