import { describe, expect, it } from "vitest";
import { validateDailySummariesConfig } from "./config.ts";
import { ScoringConfigError } from "./errors.ts";
import type { DailySummariesConfig } from "./types.ts";
import { Infectiousness, ReportType } from "./types.ts";

const VALID: DailySummariesConfig = {
  attenuationBucketThresholdDb: [50, 60, 70],
  attenuationBucketWeights: [2.5, 1, 0.5, 0],
  reportTypeWeights: { confirmedTest: 1, confirmedClinicalDiagnosis: 1, selfReport: 0, recursive: 2.5 },
  infectiousnessWeights: { standard: 0.3, high: 1 },
  daysSinceOnsetToInfectiousness: {
    [-14]: Infectiousness.NONE,
    0: Infectiousness.HIGH,
    14: Infectiousness.STANDARD,
  },
  infectiousnessWhenDaysSinceOnsetMissing: Infectiousness.STANDARD,
  reportTypeWhenMissing: ReportType.CONFIRMED_TEST,
  minimumWindowScore: 0,
  daysSinceLastExposureThreshold: 0,
};

const with_ = (over: Record<string, unknown>) => ({ ...VALID, ...over }) as unknown as DailySummariesConfig;

describe("validateDailySummariesConfig", () => {
  it("returns a valid config unchanged, including the 0 and 2.5 weight limits", () => {
    expect(validateDailySummariesConfig(VALID)).toBe(VALID);
    const edge = with_({ reportTypeWhenMissing: ReportType.REVOKED, daysSinceLastExposureThreshold: 14 });
    expect(validateDailySummariesConfig(edge)).toBe(edge);
  });

  it.each([
    ["2 thresholds", { attenuationBucketThresholdDb: [50, 60] }, /exactly 3 thresholds/],
    ["4 thresholds", { attenuationBucketThresholdDb: [50, 60, 70, 80] }, /exactly 3 thresholds/],
    [
      "a threshold above 255",
      { attenuationBucketThresholdDb: [50, 60, 256] },
      /\[2\] must be an integer between 0 and 255/,
    ],
    ["a negative threshold", { attenuationBucketThresholdDb: [-1, 60, 70] }, /\[0\] must be an integer/],
    ["a fractional threshold", { attenuationBucketThresholdDb: [50.5, 60, 70] }, /\[0\] must be an integer/],
    [
      "equal thresholds",
      { attenuationBucketThresholdDb: [50, 50, 70] },
      /\[1\] \(50\) must be larger than .*\[0\] \(50\)/,
    ],
    ["decreasing thresholds", { attenuationBucketThresholdDb: [50, 70, 60] }, /\[2\] \(60\) must be larger/],
    ["3 bucket weights", { attenuationBucketWeights: [1, 1, 1] }, /exactly 4 weights/],
    [
      "a bucket weight above 2.5",
      { attenuationBucketWeights: [2.6, 1, 1, 0] },
      /attenuationBucketWeights\[0\].*between 0 and 2.5/,
    ],
    [
      "a negative bucket weight",
      { attenuationBucketWeights: [1, 1, 1, -0.1] },
      /attenuationBucketWeights\[3\]/,
    ],
    [
      "a NaN bucket weight",
      { attenuationBucketWeights: [1, Number.NaN, 1, 0] },
      /attenuationBucketWeights\[1\]/,
    ],
    [
      "a missing report type weight",
      { reportTypeWeights: { confirmedTest: 1, confirmedClinicalDiagnosis: 1, selfReport: 1 } },
      /reportTypeWeights.recursive/,
    ],
    [
      "a report type weight above 2.5",
      { reportTypeWeights: { ...VALID.reportTypeWeights, selfReport: 3 } },
      /reportTypeWeights.selfReport/,
    ],
    ["no infectiousness weights", { infectiousnessWeights: null }, /infectiousnessWeights must be an object/],
    [
      "an infectiousness weight above 2.5",
      { infectiousnessWeights: { standard: 1, high: 2.51 } },
      /infectiousnessWeights.high/,
    ],
    [
      "a days-since-onset key of 15",
      { daysSinceOnsetToInfectiousness: { 15: Infectiousness.HIGH } },
      /invalid day since onset "15"/,
    ],
    [
      "a days-since-onset key of -15",
      { daysSinceOnsetToInfectiousness: { [-15]: Infectiousness.HIGH } },
      /invalid day since onset "-15"/,
    ],
    [
      "a fractional days-since-onset key",
      { daysSinceOnsetToInfectiousness: { "1.5": Infectiousness.HIGH } },
      /invalid day since onset "1.5"/,
    ],
    [
      "an infectiousness value of 3",
      { daysSinceOnsetToInfectiousness: { 0: 3 } },
      /daysSinceOnsetToInfectiousness\[0\]/,
    ],
    [
      "a bad infectiousness when missing",
      { infectiousnessWhenDaysSinceOnsetMissing: 3 },
      /infectiousnessWhenDaysSinceOnsetMissing/,
    ],
    [
      "reportTypeWhenMissing UNKNOWN",
      { reportTypeWhenMissing: ReportType.UNKNOWN },
      /reportTypeWhenMissing must be a ReportType other than UNKNOWN/,
    ],
    ["reportTypeWhenMissing 6", { reportTypeWhenMissing: 6 }, /reportTypeWhenMissing/],
    [
      "a negative minimumWindowScore",
      { minimumWindowScore: -1 },
      /minimumWindowScore must be a finite number >= 0/,
    ],
    [
      "an infinite minimumWindowScore",
      { minimumWindowScore: Number.POSITIVE_INFINITY },
      /minimumWindowScore/,
    ],
    [
      "a negative day threshold",
      { daysSinceLastExposureThreshold: -1 },
      /daysSinceLastExposureThreshold must be an integer >= 0/,
    ],
    ["a fractional day threshold", { daysSinceLastExposureThreshold: 1.5 }, /daysSinceLastExposureThreshold/],
  ])("rejects %s", (_label, over, message) => {
    const config = with_(over);
    expect(() => validateDailySummariesConfig(config)).toThrow(ScoringConfigError);
    expect(() => validateDailySummariesConfig(config)).toThrow(message);
    expect(() => validateDailySummariesConfig(config)).toThrow(
      expect.objectContaining({ code: "bad_scoring_config" }),
    );
  });

  it("rejects a config that is not an object", () => {
    expect(() => validateDailySummariesConfig(null as unknown as DailySummariesConfig)).toThrow(
      /config must be an object/,
    );
  });
});
