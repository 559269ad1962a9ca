/**
 * Aggregation of scored exposure windows into per-UTC-day DailySummary records (EN v2
 * `getDailySummaries`), and the device's "is this day a risky exposure (F1)?" decision.
 */
import { validateDailySummariesConfig } from "./config.ts";
import { ExposureWindowError, ScoringConfigError } from "./errors.ts";
import type { DailySummariesConfig, DailySummary, ExposureSummaryData, ExposureWindow } from "./types.ts";
import { Infectiousness } from "./types.ts";
import {
  effectiveReportType,
  MILLIS_PER_DAY,
  reportTypeKey,
  scoreOf,
  validateExposureWindow,
  weightedDurationOf,
} from "./window.ts";

interface Accumulator {
  maximumScore: number;
  scoreSum: number;
  weightedDurationSum: number;
}

type ReportTypeAccumulators = {
  confirmedTest: Accumulator;
  confirmedClinicalDiagnosis: Accumulator;
  selfReport: Accumulator;
  recursive: Accumulator;
};

const empty = (): Accumulator => ({ maximumScore: 0, scoreSum: 0, weightedDurationSum: 0 });

function freeze(a: Accumulator): ExposureSummaryData {
  return { maximumScore: a.maximumScore, scoreSum: a.scoreSum, weightedDurationSum: a.weightedDurationSum };
}

function toDailySummary(day: number, acc: ReportTypeAccumulators): DailySummary {
  const parts = [acc.confirmedTest, acc.confirmedClinicalDiagnosis, acc.selfReport, acc.recursive];
  const total = empty();
  for (const p of parts) {
    total.maximumScore = Math.max(total.maximumScore, p.maximumScore);
    total.scoreSum += p.scoreSum;
    total.weightedDurationSum += p.weightedDurationSum;
  }
  return {
    daysSinceEpoch: day,
    dateMillisSinceEpoch: day * MILLIS_PER_DAY,
    daySummary: freeze(total),
    reportTypeSummaries: {
      confirmedTest: freeze(acc.confirmedTest),
      confirmedClinicalDiagnosis: freeze(acc.confirmedClinicalDiagnosis),
      selfReport: freeze(acc.selfReport),
      recursive: freeze(acc.recursive),
    },
  };
}

/**
 * One DailySummary per UTC day that has a window left after filtering, sorted by day.
 * Filtering, in the reference order: windows whose report type (after UNKNOWN -> reportTypeWhenMissing)
 * is REVOKED, or whose infectiousness is NONE, are dropped; when `nowMillis` is given and
 * daysSinceLastExposureThreshold > 0, windows with (today - windowDay) > threshold are dropped; the
 * remaining windows group the days, and within a day a window scoring below minimumWindowScore adds
 * nothing to maximumScore, scoreSum or weightedDurationSum (a day whose windows all fall below it is
 * still returned, with zeros). Throws on an invalid config or window (the window's index is named).
 */
export function dailySummaries(
  windows: readonly ExposureWindow[],
  config: DailySummariesConfig,
  nowMillis?: number,
): DailySummary[] {
  validateDailySummariesConfig(config);
  if (nowMillis !== undefined && !Number.isFinite(nowMillis)) {
    throw new ScoringConfigError(`now must be a finite number of milliseconds, got ${nowMillis}`);
  }
  const today = nowMillis === undefined ? undefined : Math.floor(nowMillis / MILLIS_PER_DAY);
  const threshold = config.daysSinceLastExposureThreshold;
  const byDay = new Map<number, ReportTypeAccumulators>();

  windows.forEach((window, index) => {
    try {
      validateExposureWindow(window);
    } catch (err) {
      if (err instanceof ExposureWindowError) {
        throw new ExposureWindowError(err.code, `windows[${index}]: ${err.message}`);
      }
      throw err;
    }
    const key = reportTypeKey(effectiveReportType(window, config));
    if (key === undefined || window.infectiousness === Infectiousness.NONE) return;
    const day = window.dateMillisSinceEpoch / MILLIS_PER_DAY;
    if (today !== undefined && threshold > 0 && today - day > threshold) return;

    let acc = byDay.get(day);
    if (acc === undefined) {
      acc = {
        confirmedTest: empty(),
        confirmedClinicalDiagnosis: empty(),
        selfReport: empty(),
        recursive: empty(),
      };
      byDay.set(day, acc);
    }
    const weightedDuration = weightedDurationOf(window, config);
    const score = scoreOf(window, weightedDuration, config);
    if (score < config.minimumWindowScore) return;
    const slot = acc[key];
    slot.scoreSum += score;
    slot.maximumScore = Math.max(slot.maximumScore, score);
    slot.weightedDurationSum += weightedDuration;
  });

  return [...byDay.entries()].sort(([a], [b]) => a - b).map(([day, acc]) => toDailySummary(day, acc));
}

/**
 * True when the day's total score (daySummary.scoreSum, in weighted seconds) reaches `thresholdSeconds`,
 * e.g. EXPOSURE_RISK_THRESHOLD_SECONDS (15 min). The threshold must be > 0 so an all-zero day is never a risk.
 */
export function isExposureRisk(summary: DailySummary, thresholdSeconds: number): boolean {
  if (!Number.isFinite(thresholdSeconds) || thresholdSeconds <= 0) {
    throw new ScoringConfigError(
      `exposure risk threshold must be a finite number > 0, got ${thresholdSeconds}`,
    );
  }
  return summary.daySummary.scoreSum >= thresholdSeconds;
}
