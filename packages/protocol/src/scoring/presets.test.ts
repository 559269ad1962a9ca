import { describe, expect, it } from "vitest";
import { validateDailySummariesConfig } from "./config.ts";
import { dailySummaries, isExposureRisk } from "./daily-summary.ts";
import { EXPOSURE_RISK_THRESHOLD_SECONDS, NARROW_NET, WIDE_NET } from "./presets.ts";
import type { ExposureWindow } from "./types.ts";
import { CalibrationConfidence, Infectiousness, ReportType } from "./types.ts";
import { windowScore } from "./window.ts";

// 15 minutes as three 5-minute scans at one attenuation.
const fifteenMinutes = (
  db: number,
  infectiousness: Infectiousness = Infectiousness.HIGH,
): ExposureWindow => ({
  dateMillisSinceEpoch: 19_000 * 86_400_000,
  reportType: ReportType.CONFIRMED_TEST,
  infectiousness,
  calibrationConfidence: CalibrationConfidence.MEDIUM,
  scanInstances: [0, 1, 2].map(() => ({
    typicalAttenuationDb: db,
    minAttenuationDb: db,
    secondsSinceLastScan: 300,
  })),
});

describe("WIDE_NET and NARROW_NET", () => {
  it("are valid configs carrying the LFPH v2 thresholds and weights", () => {
    expect(validateDailySummariesConfig(WIDE_NET)).toBe(WIDE_NET);
    expect(validateDailySummariesConfig(NARROW_NET)).toBe(NARROW_NET);
    expect(WIDE_NET.attenuationBucketThresholdDb).toEqual([55, 70, 80]);
    expect(WIDE_NET.attenuationBucketWeights).toEqual([2, 1, 0.25, 0]);
    expect(NARROW_NET.attenuationBucketThresholdDb).toEqual([55, 67, 75]);
    expect(NARROW_NET.attenuationBucketWeights).toEqual([1.75, 1, 0.33, 0]);
    for (const net of [WIDE_NET, NARROW_NET]) {
      expect(net.infectiousnessWeights).toEqual({ standard: 0.3, high: 1 });
      expect(net.reportTypeWeights.recursive).toBeGreaterThan(0); // F2 must be able to fire
    }
  });

  it("are frozen so no caller can change them for everyone", () => {
    expect(Object.isFrozen(WIDE_NET)).toBe(true);
    expect(Object.isFrozen(NARROW_NET.attenuationBucketWeights)).toBe(true);
    expect(Object.isFrozen(NARROW_NET.daysSinceOnsetToInfectiousness)).toBe(true);
  });

  it("score 15 minutes at 60 dB (near in both nets) as 900, reaching the 15-minute threshold", () => {
    // 900 s * 1.0 (near) * 1.0 (confirmed test) * 1.0 (high) = 900
    expect(windowScore(fifteenMinutes(60), WIDE_NET)).toBe(900);
    expect(windowScore(fifteenMinutes(60), NARROW_NET)).toBe(900);
    const [day] = dailySummaries([fifteenMinutes(60)], WIDE_NET);
    expect(day && isExposureRisk(day, EXPOSURE_RISK_THRESHOLD_SECONDS)).toBe(true);
  });

  it("differ where their buckets differ", () => {
    // 72 dB: wide 70 < 72 <= 80 -> medium 0.25 -> 900*0.25 = 225;
    //        narrow 67 < 72 <= 75 -> medium 0.33 -> 900*0.33 = 297.
    expect(windowScore(fifteenMinutes(72), WIDE_NET)).toBe(225);
    expect(windowScore(fifteenMinutes(72), NARROW_NET)).toBeCloseTo(297, 9);
    // 78 dB: wide medium (<= 80) -> 225; narrow other (> 75) -> 0.
    expect(windowScore(fifteenMinutes(78), WIDE_NET)).toBe(225);
    expect(windowScore(fifteenMinutes(78), NARROW_NET)).toBe(0);
    // 50 dB immediate, standard infectiousness: wide 900*2*0.3 = 540; narrow 900*1.75*0.3 = 472.5.
    expect(windowScore(fifteenMinutes(50, Infectiousness.STANDARD), WIDE_NET)).toBeCloseTo(540, 9);
    expect(windowScore(fifteenMinutes(50, Infectiousness.STANDARD), NARROW_NET)).toBeCloseTo(472.5, 9);
  });

  it("drop days more than 14 days old when given now", () => {
    const now = (19_000 + 15) * 86_400_000;
    expect(dailySummaries([fifteenMinutes(60)], WIDE_NET, now)).toEqual([]);
    expect(dailySummaries([fifteenMinutes(60)], WIDE_NET, now - 86_400_000)).toHaveLength(1);
  });
});
