import { describe, expect, it } from "vitest";
import { dailySummaries, isExposureRisk } from "./daily-summary.ts";
import { ExposureWindowError, ScoringConfigError } from "./errors.ts";
import type { DailySummariesConfig, DailySummary, ExposureSummaryData, ExposureWindow } from "./types.ts";
import { CalibrationConfidence, Infectiousness, ReportType } from "./types.ts";

// Exact binary weights: immediate 2, near 1, medium 0.5, other 0.25 (thresholds 50/60/70 dB);
// confirmed test 1, clinical 0.5, self report 0.25, recursive 1.5; standard 0.5, high 1.
const CONFIG: DailySummariesConfig = {
  attenuationBucketThresholdDb: [50, 60, 70],
  attenuationBucketWeights: [2, 1, 0.5, 0.25],
  reportTypeWeights: { confirmedTest: 1, confirmedClinicalDiagnosis: 0.5, selfReport: 0.25, recursive: 1.5 },
  infectiousnessWeights: { standard: 0.5, high: 1 },
  daysSinceOnsetToInfectiousness: {},
  infectiousnessWhenDaysSinceOnsetMissing: Infectiousness.STANDARD,
  reportTypeWhenMissing: ReportType.CONFIRMED_TEST,
  minimumWindowScore: 0,
  daysSinceLastExposureThreshold: 0,
};

const MS_DAY = 86_400_000;
const D = 19_000; // days since epoch (2022-01-08)

function win(day: number, reportType: ReportType, infectiousness: Infectiousness, db: number, secs: number) {
  const scans = [];
  for (let left = secs; left > 0; left -= Math.min(left, 300)) {
    scans.push({ typicalAttenuationDb: db, minAttenuationDb: db, secondsSinceLastScan: Math.min(left, 300) });
  }
  return {
    dateMillisSinceEpoch: day * MS_DAY,
    reportType,
    infectiousness,
    calibrationConfidence: CalibrationConfidence.HIGH,
    scanInstances: scans,
  } satisfies ExposureWindow;
}

const { CONFIRMED_TEST, CONFIRMED_CLINICAL_DIAGNOSIS, RECURSIVE, REVOKED, UNKNOWN } = ReportType;
const { HIGH, STANDARD, NONE } = Infectiousness;

// w1: 600 s immediate (40 dB) -> weighted 600*2 = 1200; test, high   -> score 1200*1*1     = 1200
// w2: 300 s near (55 dB)      -> weighted 300*1 = 300;  test, std    -> score 300*1*0.5    = 150
// w3: 600 s medium (65 dB)    -> weighted 600*0.5 = 300; recursive, high -> 300*1.5*1      = 450
// w4 (next day): 1200 s other (90 dB) -> 1200*0.25 = 300; clinical, std -> 300*0.5*0.5    = 75
const W1 = win(D, CONFIRMED_TEST, HIGH, 40, 600);
const W2 = win(D, CONFIRMED_TEST, STANDARD, 55, 300);
const W3 = win(D, RECURSIVE, HIGH, 65, 600);
const W4 = win(D + 1, CONFIRMED_CLINICAL_DIAGNOSIS, STANDARD, 90, 1200);

const data = (maximumScore: number, scoreSum: number, weightedDurationSum: number): ExposureSummaryData => ({
  maximumScore,
  scoreSum,
  weightedDurationSum,
});
const ZERO = data(0, 0, 0);

function summary(
  day: number,
  daySummary: ExposureSummaryData,
  over: Partial<DailySummary["reportTypeSummaries"]>,
) {
  return {
    daysSinceEpoch: day,
    dateMillisSinceEpoch: day * MS_DAY,
    daySummary,
    reportTypeSummaries: {
      confirmedTest: ZERO,
      confirmedClinicalDiagnosis: ZERO,
      selfReport: ZERO,
      recursive: ZERO,
      ...over,
    },
  };
}

describe("dailySummaries", () => {
  it("aggregates per UTC day and report type: max, sum of scores, sum of weighted durations", () => {
    expect(dailySummaries([W1, W2, W3, W4], CONFIG)).toEqual([
      // day D: test max(1200,150)=1200, sum 1350, wd 1200+300=1500; recursive 450/450/300;
      // whole day: max 1200, sum 1350+450=1800, wd 1500+300=1800.
      summary(D, data(1200, 1800, 1800), {
        confirmedTest: data(1200, 1350, 1500),
        recursive: data(450, 450, 300),
      }),
      summary(D + 1, data(75, 75, 300), { confirmedClinicalDiagnosis: data(75, 75, 300) }),
    ]);
  });

  it("returns days in ascending order whatever the input order", () => {
    const days = dailySummaries([W4, W3, W1], CONFIG).map((s) => s.daysSinceEpoch);
    expect(days).toEqual([D, D + 1]);
  });

  it("returns no summaries for no windows", () => {
    expect(dailySummaries([], CONFIG)).toEqual([]);
  });

  it("leaves windows below minimumWindowScore out of max, sum and weighted duration", () => {
    // minimum 200 drops w2 (150) and w4 (75). Day D: test 1200/1200/1200, recursive 450/450/300,
    // day max 1200, sum 1650, wd 1500. Day D+1 had a window, so it stays, with zeros (reference behaviour).
    const config = { ...CONFIG, minimumWindowScore: 200 };
    expect(dailySummaries([W1, W2, W3, W4], config)).toEqual([
      summary(D, data(1200, 1650, 1500), {
        confirmedTest: data(1200, 1200, 1200),
        recursive: data(450, 450, 300),
      }),
      summary(D + 1, ZERO, {}),
    ]);
  });

  it("keeps a window whose score equals minimumWindowScore", () => {
    // w3 scores exactly 450.
    const [day] = dailySummaries([W3], { ...CONFIG, minimumWindowScore: 450 });
    expect(day?.daySummary).toEqual(data(450, 450, 300));
  });

  it("drops REVOKED and infectiousness NONE windows entirely (no day for them)", () => {
    const revoked = win(D + 2, REVOKED, HIGH, 40, 600);
    const none = win(D + 3, CONFIRMED_TEST, NONE, 40, 600);
    expect(dailySummaries([revoked, none], CONFIG)).toEqual([]);
    expect(dailySummaries([W1, { ...revoked, dateMillisSinceEpoch: D * MS_DAY }], CONFIG)).toEqual([
      summary(D, data(1200, 1200, 1200), { confirmedTest: data(1200, 1200, 1200) }),
    ]);
  });

  it("files UNKNOWN windows under reportTypeWhenMissing", () => {
    // UNKNOWN -> RECURSIVE (1.5): 600 s immediate = 1200 weighted, high -> 1200*1.5*1 = 1800.
    const config = { ...CONFIG, reportTypeWhenMissing: RECURSIVE };
    const [day] = dailySummaries([win(D, UNKNOWN, HIGH, 40, 600)], config);
    expect(day?.reportTypeSummaries.recursive).toEqual(data(1800, 1800, 1200));
    expect(day?.reportTypeSummaries.confirmedTest).toEqual(ZERO);
  });

  it("drops days more than daysSinceLastExposureThreshold days before now", () => {
    const config = { ...CONFIG, daysSinceLastExposureThreshold: 3 };
    const now = (D + 3) * MS_DAY + 5 * 3_600_000; // 05:00 UTC on day D+3
    const older = win(D - 1, CONFIRMED_TEST, HIGH, 40, 600); // 4 days before today: 4 > 3, dropped
    const kept = dailySummaries([older, W1], config, now).map((s) => s.daysSinceEpoch);
    expect(kept).toEqual([D]); // D is 3 days before today: 3 > 3 is false, kept
    // Without `now`, or with the threshold 0, nothing is filtered by age.
    expect(dailySummaries([older, W1], config).map((s) => s.daysSinceEpoch)).toEqual([D - 1, D]);
    const noFilter = { ...config, daysSinceLastExposureThreshold: 0 };
    expect(dailySummaries([older, W1], noFilter, now).map((s) => s.daysSinceEpoch)).toEqual([D - 1, D]);
  });

  it("names the offending window and keeps its error code", () => {
    const tooLong = win(D, CONFIRMED_TEST, HIGH, 40, 1860);
    expect(() => dailySummaries([W1, tooLong], CONFIG)).toThrow(
      /^windows\[1\]: exposure window spans 1860 s/,
    );
    expect(() => dailySummaries([W1, tooLong], CONFIG)).toThrow(
      expect.objectContaining({ code: "window_too_long" }),
    );
    const badDate = { ...W1, dateMillisSinceEpoch: D * MS_DAY + 1 };
    expect(() => dailySummaries([badDate], CONFIG)).toThrow(ExposureWindowError);
  });

  it("rejects a bad config or a non-finite now", () => {
    expect(() => dailySummaries([W1], { ...CONFIG, minimumWindowScore: -1 })).toThrow(ScoringConfigError);
    expect(() => dailySummaries([W1], CONFIG, Number.NaN)).toThrow(/now must be a finite number/);
  });
});

describe("isExposureRisk", () => {
  const [dayD, dayD1] = dailySummaries([W1, W2, W3, W4], CONFIG) as [DailySummary, DailySummary];

  it("compares the day's scoreSum with the threshold (>=)", () => {
    expect(isExposureRisk(dayD, 900)).toBe(true); // 1800 >= 900
    expect(isExposureRisk(dayD, 1800)).toBe(true); // equal counts
    expect(isExposureRisk(dayD, 1800.5)).toBe(false);
    expect(isExposureRisk(dayD1, 900)).toBe(false); // 75 < 900
  });

  it("rejects a threshold that is not > 0", () => {
    expect(() => isExposureRisk(dayD, 0)).toThrow(ScoringConfigError);
    expect(() => isExposureRisk(dayD, Number.NaN)).toThrow(/threshold must be a finite number > 0/);
  });
});
