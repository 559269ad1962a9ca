/**
 * Consensus DailySummariesConfig presets WIDE_NET and NARROW_NET and the notification threshold,
 * from the Linux Foundation Public Health "Risk Score Symposium" GAEN configuration guidance.
 *
 * Source: LFPH, "Configuring Exposure Notification Risk Scores for COVID-19", v2.0 (Nov 2020,
 * reconvened Aug 2021), https://github.com/lfph/gaen-risk-scoring/blob/main/risk-scoring.md
 * - "Wide Net":      thresholds <=55 / <=70 / <=80 dB, weights 200 % / 100 % / 25 % / 0 %.
 * - "Narrow Net v2": thresholds <=55 / <=67 / <=75 dB, weights 175 % / 100 % / 33 % / 0 %.
 *   (The superseded "Narrower Net 1.0" was 55 / 63 / 70 dB with 150 % / 100 % / 40 % / 0 %.)
 * - One v2 infectiousness curve for both nets (by days since onset): -14..-5 NONE, -4..-3 STANDARD,
 *   -2..+3 HIGH, +4..+5 STANDARD, +6..+14 NONE; standard weight 30 %, high weight 100 %.
 * The guidance leaves report-type weights, the missing-data defaults, minimumWindowScore and the
 * day filter open; our choices are marked "project choice" below.
 */
import type { DailySummariesConfig, Infectiousness as InfectiousnessValue } from "./types.ts";
import { Infectiousness, ReportType } from "./types.ts";

/**
 * A day is a risky exposure (F1) from 15 minutes of weighted exposure: 900 "seconds" of score (the
 * CDC/WHO close-contact duration that LFPH uses for its "Alert" tier; Google: 15 min at weight 1.0 = 900).
 */
export const EXPOSURE_RISK_THRESHOLD_SECONDS = 15 * 60;

function curve(): Readonly<Record<number, InfectiousnessValue>> {
  const map: Record<number, InfectiousnessValue> = {};
  for (let day = -14; day <= 14; day++) {
    if (day >= -2 && day <= 3) map[day] = Infectiousness.HIGH;
    else if (day === -4 || day === -3 || day === 4 || day === 5) map[day] = Infectiousness.STANDARD;
    else map[day] = Infectiousness.NONE;
  }
  return Object.freeze(map);
}

/** LFPH v2 days-since-onset -> infectiousness curve (shared by both nets). */
export const LFPH_DAYS_SINCE_ONSET_TO_INFECTIOUSNESS = curve();

const shared = {
  infectiousnessWeights: Object.freeze({ standard: 0.3, high: 1.0 }),
  daysSinceOnsetToInfectiousness: LFPH_DAYS_SINCE_ONSET_TO_INFECTIOUSNESS,
  // Project choice: every report type counts fully. RECURSIVE must weigh > 0 or F2 never shows.
  reportTypeWeights: Object.freeze({
    confirmedTest: 1.0,
    confirmedClinicalDiagnosis: 1.0,
    selfReport: 1.0,
    recursive: 1.0,
  }),
  // Project choice: a key without days-since-onset counts as STANDARD; without a type, as a test.
  infectiousnessWhenDaysSinceOnsetMissing: Infectiousness.STANDARD,
  reportTypeWhenMissing: ReportType.CONFIRMED_TEST,
  // Google: "Use 0 to consider all ExposureWindows (recommended)". Keys are published for 14 days.
  minimumWindowScore: 0,
  daysSinceLastExposureThreshold: 14,
} as const;

/** LFPH "Wide Net": 55 / 70 / 80 dB, weights 2.0 / 1.0 / 0.25 / 0. */
export const WIDE_NET: DailySummariesConfig = Object.freeze({
  ...shared,
  attenuationBucketThresholdDb: Object.freeze([55, 70, 80] as const),
  attenuationBucketWeights: Object.freeze([2.0, 1.0, 0.25, 0] as const),
});

/** LFPH "Narrow Net v2": 55 / 67 / 75 dB, weights 1.75 / 1.0 / 0.33 / 0. */
export const NARROW_NET: DailySummariesConfig = Object.freeze({
  ...shared,
  attenuationBucketThresholdDb: Object.freeze([55, 67, 75] as const),
  attenuationBucketWeights: Object.freeze([1.75, 1.0, 0.33, 0] as const),
});
