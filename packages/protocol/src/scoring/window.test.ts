import { describe, expect, it } from "vitest";
import { ProtocolError } from "../errors.ts";
import { ExposureWindowError, ScoringConfigError } from "./errors.ts";
import type { DailySummariesConfig, ExposureWindow, ScanInstance } from "./types.ts";
import { AttenuationBucket, CalibrationConfidence, Infectiousness, ReportType } from "./types.ts";
import {
  attenuationBucket,
  MAX_EXPOSURE_WINDOW_SECONDS,
  validateExposureWindow,
  windowScore,
  windowWeightedDurationSeconds,
} from "./window.ts";

// Weights are powers of two (or sums of them) so every expected value below is exact in binary.
const CONFIG: DailySummariesConfig = {
  attenuationBucketThresholdDb: [50, 60, 70],
  attenuationBucketWeights: [2, 1, 0.5, 0.25],
  reportTypeWeights: { confirmedTest: 1, confirmedClinicalDiagnosis: 0.5, selfReport: 0.25, recursive: 1.5 },
  infectiousnessWeights: { standard: 0.5, high: 1 },
  daysSinceOnsetToInfectiousness: {},
  infectiousnessWhenDaysSinceOnsetMissing: Infectiousness.STANDARD,
  reportTypeWhenMissing: ReportType.SELF_REPORT,
  minimumWindowScore: 0,
  daysSinceLastExposureThreshold: 0,
};

const DAY = 19_000 * 86_400_000;
const scan = (
  typicalAttenuationDb: number,
  secondsSinceLastScan: number,
  minAttenuationDb = typicalAttenuationDb,
) => ({
  typicalAttenuationDb,
  minAttenuationDb,
  secondsSinceLastScan,
});
const window = (scanInstances: ScanInstance[], over: Partial<ExposureWindow> = {}): ExposureWindow => ({
  dateMillisSinceEpoch: DAY,
  reportType: ReportType.CONFIRMED_TEST,
  infectiousness: Infectiousness.HIGH,
  calibrationConfidence: CalibrationConfidence.MEDIUM,
  scanInstances,
  ...over,
});

// One scan in each bucket plus a second immediate one: 1320 s in total.
// Seconds per bucket: immediate 300 + 120 = 420, near 300, medium 300, other 300.
// weightedDuration = 420*2 + 300*1 + 300*0.5 + 300*0.25 = 840 + 300 + 150 + 75 = 1365.
const MIXED = [scan(45, 300), scan(55, 300), scan(65, 300), scan(80, 300), scan(50, 120)];

describe("attenuationBucket", () => {
  it("uses <= at each threshold (immediate <= t0 < near <= t1 < medium <= t2 < other)", () => {
    const t = [50, 60, 70] as const;
    expect(attenuationBucket(0, t)).toBe(AttenuationBucket.IMMEDIATE);
    expect(attenuationBucket(50, t)).toBe(AttenuationBucket.IMMEDIATE);
    expect(attenuationBucket(51, t)).toBe(AttenuationBucket.NEAR);
    expect(attenuationBucket(60, t)).toBe(AttenuationBucket.NEAR);
    expect(attenuationBucket(61, t)).toBe(AttenuationBucket.MEDIUM);
    expect(attenuationBucket(70, t)).toBe(AttenuationBucket.MEDIUM);
    expect(attenuationBucket(71, t)).toBe(AttenuationBucket.OTHER);
    expect(attenuationBucket(255, t)).toBe(AttenuationBucket.OTHER);
  });

  it("rejects attenuations outside 0..255 and bad thresholds", () => {
    for (const db of [-1, 256, 1.5, Number.NaN]) {
      expect(() => attenuationBucket(db, [50, 60, 70])).toThrow(ExposureWindowError);
    }
    expect(() => attenuationBucket(10, [60, 60, 70])).toThrow(/must be larger than/);
    expect(() => attenuationBucket(10, [60, 70] as unknown as [number, number, number])).toThrow(
      ScoringConfigError,
    );
  });
});

describe("windowWeightedDurationSeconds", () => {
  it("sums seconds x bucket weight over all scans", () => {
    expect(windowWeightedDurationSeconds(window(MIXED), CONFIG)).toBe(1365);
  });

  it("buckets by typicalAttenuationDb, not minAttenuationDb", () => {
    // typical 65 -> medium (weight 0.5) although min 40 would be immediate: 300 * 0.5 = 150.
    expect(windowWeightedDurationSeconds(window([scan(65, 300, 40)]), CONFIG)).toBe(150);
  });

  it("is 0 for a window without scans and ignores report type and infectiousness", () => {
    expect(windowWeightedDurationSeconds(window([]), CONFIG)).toBe(0);
    const revokedNone = window(MIXED, {
      reportType: ReportType.REVOKED,
      infectiousness: Infectiousness.NONE,
    });
    expect(windowWeightedDurationSeconds(revokedNone, CONFIG)).toBe(1365);
  });
});

describe("windowScore", () => {
  it("multiplies weighted duration by the report type and infectiousness weights", () => {
    // 1365 * 1 (confirmed test) * 1 (high) = 1365
    expect(windowScore(window(MIXED), CONFIG)).toBe(1365);
    // 1365 * 0.5 (clinical diagnosis) * 1 (high) = 682.5
    expect(windowScore(window(MIXED, { reportType: ReportType.CONFIRMED_CLINICAL_DIAGNOSIS }), CONFIG)).toBe(
      682.5,
    );
    // 1365 * 1.5 (recursive) * 0.5 (standard) = 1023.75
    const recursiveStandard = window(MIXED, {
      reportType: ReportType.RECURSIVE,
      infectiousness: Infectiousness.STANDARD,
    });
    expect(windowScore(recursiveStandard, CONFIG)).toBe(1023.75);
  });

  it("scores UNKNOWN as reportTypeWhenMissing", () => {
    // UNKNOWN -> SELF_REPORT (0.25): 1365 * 0.25 * 1 = 341.25
    expect(windowScore(window(MIXED, { reportType: ReportType.UNKNOWN }), CONFIG)).toBe(341.25);
  });

  it("gives REVOKED and infectiousness NONE a score of 0", () => {
    expect(windowScore(window(MIXED, { reportType: ReportType.REVOKED }), CONFIG)).toBe(0);
    expect(windowScore(window(MIXED, { infectiousness: Infectiousness.NONE }), CONFIG)).toBe(0);
  });

  it("validates the config", () => {
    const bad = { ...CONFIG, attenuationBucketWeights: [3, 1, 0.5, 0] as const };
    expect(() => windowScore(window(MIXED), bad)).toThrow(ScoringConfigError);
  });
});

describe("validateExposureWindow", () => {
  it("accepts exactly 30 minutes of scans", () => {
    const w = window(Array.from({ length: 6 }, () => scan(60, 300))); // 6 * 300 = 1800 s
    expect(validateExposureWindow(w)).toBe(w);
    expect(MAX_EXPOSURE_WINDOW_SECONDS).toBe(1800);
  });

  it("rejects a window longer than 30 minutes with code window_too_long", () => {
    const w = window([...Array.from({ length: 6 }, () => scan(60, 300)), scan(60, 1)]); // 1801 s
    let caught: unknown;
    try {
      validateExposureWindow(w);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ExposureWindowError);
    expect(caught).toBeInstanceOf(ProtocolError);
    expect((caught as ExposureWindowError).code).toBe("window_too_long");
    expect((caught as Error).message).toMatch(/1801 s.*at most 1800 s/);
    expect(() => windowScore(w, CONFIG)).toThrow(/at most 1800 s/);
    expect(() => windowWeightedDurationSeconds(w, CONFIG)).toThrow(/at most 1800 s/);
  });

  it.each([
    ["a date that is not UTC midnight", { dateMillisSinceEpoch: DAY + 3_600_000 }, /UTC midnight/],
    ["a fractional date", { dateMillisSinceEpoch: 1.5 }, /UTC midnight/],
    ["an unknown report type", { reportType: 6 as ReportType }, /reportType/],
    ["an unknown infectiousness", { infectiousness: 3 as Infectiousness }, /infectiousness/],
    [
      "an unknown calibration confidence",
      { calibrationConfidence: 4 as CalibrationConfidence },
      /calibration/,
    ],
    ["min above typical attenuation", { scanInstances: [scan(50, 60, 51)] }, /exceeds typicalAttenuationDb/],
    ["a typical attenuation above 255", { scanInstances: [scan(256, 60, 10)] }, /typicalAttenuationDb/],
    ["a fractional attenuation", { scanInstances: [scan(50.5, 60, 10)] }, /typicalAttenuationDb/],
    ["negative seconds", { scanInstances: [scan(50, -1)] }, /secondsSinceLastScan/],
    ["fractional seconds", { scanInstances: [scan(50, 0.5)] }, /secondsSinceLastScan/],
  ])("rejects %s with code bad_exposure_window", (_label, over, message) => {
    const w = window([scan(60, 60)], over as Partial<ExposureWindow>);
    expect(() => validateExposureWindow(w)).toThrow(message);
    expect(() => validateExposureWindow(w)).toThrow(
      expect.objectContaining({ code: "bad_exposure_window", name: "ExposureWindowError" }),
    );
  });
});
