/**
 * The F1 / F2 decision (pure): daily summaries of all exposure windows with the configured
 * DailySummariesConfig, then per UTC day
 * - F1 when the score of windows from non-RECURSIVE keys (a confirmed or likely case) reaches the threshold;
 * - F2 otherwise, when the whole day's score reaches it and includes windows from RECURSIVE keys (contact
 *   with an F1 who uploaded with a close-contact code);
 * the most recent such day gives the exposure date. Default threshold: 900 weighted seconds (15 minutes).
 */
import {
  type DailySummariesConfig,
  type DailySummary,
  dailySummaries,
  type ExposureWindow,
  isExposureRisk,
} from "@bluezone/protocol";

export type RiskLevel = "none" | "F1" | "F2";

export interface RiskAssessment {
  level: RiskLevel;
  /** UTC midnight (ms) of the most recent day at the level, when level is F1 or F2. */
  exposureDateMs: number | undefined;
  /** That day's score in weighted seconds (F1: non-recursive score; F2: the whole day's score). */
  score: number | undefined;
  summaries: DailySummary[];
}

/** Score of a day's windows from keys that are not RECURSIVE. */
export function directScore(day: DailySummary): number {
  return day.daySummary.scoreSum - day.reportTypeSummaries.recursive.scoreSum;
}

export function assessRisk(
  windows: readonly ExposureWindow[],
  scoring: DailySummariesConfig,
  thresholdSeconds: number,
  nowMs: number,
): RiskAssessment {
  const summaries = dailySummaries(windows, scoring, nowMs);
  const newestFirst = [...summaries].reverse();
  const f1 = newestFirst.find((d) => directScore(d) >= thresholdSeconds);
  if (f1) return { level: "F1", exposureDateMs: f1.dateMillisSinceEpoch, score: directScore(f1), summaries };
  const f2 = newestFirst.find(
    (d) => isExposureRisk(d, thresholdSeconds) && d.reportTypeSummaries.recursive.scoreSum > 0,
  );
  if (f2)
    return { level: "F2", exposureDateMs: f2.dateMillisSinceEpoch, score: f2.daySummary.scoreSum, summaries };
  return { level: "none", exposureDateMs: undefined, score: undefined, summaries };
}
