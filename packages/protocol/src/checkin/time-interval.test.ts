import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProtocolError } from "../errors.ts";
import { TIME_INTERVALS } from "./cwa-vectors.testutil.ts";
import {
  checkInRecordsForSubmission,
  DEFAULT_SUBMISSION_PARAMETERS,
  deriveSubmissionTimeSpan,
  inMinutesRange,
  type PresenceTracingSubmissionParameters,
  splitAtUtcMidnight,
} from "./time-interval.ts";

const FILE_PARAMS = TIME_INTERVALS.defaultConfiguration as PresenceTracingSubmissionParameters;
const MIN = 60_000;
const DAY = 86_400_000;

describe("iOS checkin-timeinterval-derivation.json", () => {
  it("its configuration is our default", () => {
    expect(FILE_PARAMS).toEqual(DEFAULT_SUBMISSION_PARAMETERS);
  });

  for (const c of TIME_INTERVALS.testCases) {
    it(`${c.description}: ${c.startDate} - ${c.endDate}`, () => {
      const span = deriveSubmissionTimeSpan(Date.parse(c.startDate), Date.parse(c.endDate), FILE_PARAMS);
      if (c.expStartDate === null) {
        expect(span).toBeNull();
        expect(
          checkInRecordsForSubmission({ startMs: Date.parse(c.startDate), endMs: Date.parse(c.endDate) }, 5),
        ).toEqual([]);
      } else {
        expect(span).toEqual({ startMs: Date.parse(c.expStartDate), endMs: Date.parse(c.expEndDate!) });
        const records = checkInRecordsForSubmission(
          { startMs: Date.parse(c.startDate), endMs: Date.parse(c.endDate) },
          5,
        );
        expect(records).toEqual([
          {
            startIntervalNumber: Date.parse(c.expStartDate) / (10 * MIN),
            period: (Date.parse(c.expEndDate!) - Date.parse(c.expStartDate)) / (10 * MIN),
            transmissionRiskLevel: 5,
          },
        ]);
      }
    });
  }
});

describe("minutes ranges", () => {
  it("honour exclusive bounds", () => {
    const drop = DEFAULT_SUBMISSION_PARAMETERS.durationFilters[0]!.dropIfMinutesInRange;
    expect([0, 9, 10].map((m) => inMinutesRange(drop, m))).toEqual([true, true, false]);
    const late = DEFAULT_SUBMISSION_PARAMETERS.aerosoleDecayLinearFunctions[1]!.minutesRange;
    expect([30, 31, 9999, 10000].map((m) => inMinutesRange(late, m))).toEqual([false, true, true, false]);
  });
});

describe("deriveSubmissionTimeSpan", () => {
  it("aligns to 10-minute boundaries and covers the visit plus the aerosol decay, rounded to whole intervals", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
        fc.integer({ min: 0, max: 3 * DAY }),
        (start, len) => {
          const span = deriveSubmissionTimeSpan(start, start + len);
          const seconds = Math.floor((start + len) / 1000) - Math.floor(start / 1000);
          if (Math.floor(seconds / 60) < 10) {
            expect(span).toBeNull();
            return;
          }
          expect(span).not.toBeNull();
          const { startMs, endMs } = span!;
          expect(startMs % (10 * MIN)).toBe(0);
          expect(endMs % (10 * MIN)).toBe(0);
          const decay = Math.floor(seconds / 60) <= 30 ? seconds : 30 * 60;
          expect(endMs - startMs).toBe(Math.round((seconds + decay) / 600) * 600_000);
          // the derived span starts within one interval of the visit's start
          expect(Math.abs(startMs - start)).toBeLessThan(10 * MIN + decay * 1000);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("rejects negative or fractional times", () => {
    expect(() => deriveSubmissionTimeSpan(-1, 5)).toThrow(ProtocolError);
    expect(() => deriveSubmissionTimeSpan(0.5, 5)).toThrow(ProtocolError);
  });

  it("treats an end before the start as a zero-length visit (dropped)", () => {
    expect(deriveSubmissionTimeSpan(Date.UTC(2021, 0, 1, 12), Date.UTC(2021, 0, 1, 11))).toBeNull();
  });
});

describe("splitting at UTC midnight", () => {
  it("keeps a same-day span whole and splits one over midnight into days", () => {
    const s = Date.UTC(2021, 2, 4, 22, 0);
    expect(splitAtUtcMidnight({ startMs: s, endMs: s + 60 * MIN })).toEqual([
      { startMs: s, endMs: s + 60 * MIN },
    ]);
    const midnight = Date.UTC(2021, 2, 5);
    expect(splitAtUtcMidnight({ startMs: s, endMs: midnight + 2 * DAY + 30 * MIN })).toEqual([
      { startMs: s, endMs: midnight },
      { startMs: midnight, endMs: midnight + DAY },
      { startMs: midnight + DAY, endMs: midnight + 2 * DAY },
      { startMs: midnight + 2 * DAY, endMs: midnight + 2 * DAY + 30 * MIN },
    ]);
    expect(splitAtUtcMidnight({ startMs: s, endMs: midnight })).toEqual([{ startMs: s, endMs: midnight }]);
    expect(splitAtUtcMidnight({ startMs: s, endMs: s })).toEqual([]);
  });

  it("gives one record per UTC day for a visit across midnight", () => {
    // 23:30 - 00:50 UTC: 80 min + 30 min decay = 110 min, aligned to 23:30 - 01:20
    const records = checkInRecordsForSubmission(
      { startMs: Date.UTC(2021, 2, 4, 23, 30), endMs: Date.UTC(2021, 2, 5, 0, 50) },
      5,
    );
    expect(records).toEqual([
      { startIntervalNumber: Date.UTC(2021, 2, 4, 23, 30) / (10 * MIN), period: 3, transmissionRiskLevel: 5 },
      { startIntervalNumber: Date.UTC(2021, 2, 5) / (10 * MIN), period: 8, transmissionRiskLevel: 5 },
    ]);
  });

  it("the pieces tile the span exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: 10 * DAY }), (start, len) => {
        const parts = splitAtUtcMidnight({ startMs: start, endMs: start + len });
        expect(parts.reduce((n, p) => n + (p.endMs - p.startMs), 0)).toBe(len);
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i]!;
          expect(p.endMs).toBeGreaterThan(p.startMs);
          expect(Math.floor(p.startMs / DAY)).toBe(Math.floor((p.endMs - 1) / DAY));
          if (i > 0) expect(p.startMs).toBe(parts[i - 1]!.endMs);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
