/**
 * Scoring of one ExposureWindow: validation (at most 30 minutes of scans), attenuation buckets,
 * weighted duration and window score, computed exactly as the EN v2 reference `DailySummaryUtils`.
 */
import { validateAttenuationThresholds, validateDailySummariesConfig } from "./config.ts";
import { ExposureWindowError } from "./errors.ts";
import type {
  AttenuationThresholds,
  DailySummariesConfig,
  ExposureWindow,
  PerReportType,
  ReportType as ReportTypeValue,
  ScoredReportType,
} from "./types.ts";
import {
  AttenuationBucket,
  Infectiousness,
  isCalibrationConfidence,
  isInfectiousness,
  isReportType,
  ReportType,
} from "./types.ts";

/** An exposure window covers at most 30 minutes of scans. */
export const MAX_EXPOSURE_WINDOW_SECONDS = 30 * 60;
export const MILLIS_PER_DAY = 86_400_000;

function isAttenuation(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 255;
}

/**
 * Checks an ExposureWindow and returns it unchanged. Throws ExposureWindowError with code
 * "window_too_long" when its scans add up to more than 30 minutes, "bad_exposure_window" otherwise.
 */
export function validateExposureWindow(window: ExposureWindow): ExposureWindow {
  const bad = (message: string) => new ExposureWindowError("bad_exposure_window", message);
  if (typeof window !== "object" || window === null) throw bad("exposure window must be an object");
  const date = window.dateMillisSinceEpoch;
  if (!Number.isSafeInteger(date) || date % MILLIS_PER_DAY !== 0) {
    throw bad(`dateMillisSinceEpoch must be a UTC midnight (multiple of ${MILLIS_PER_DAY}), got ${date}`);
  }
  if (!isReportType(window.reportType)) throw bad(`reportType must be 0..5, got ${window.reportType}`);
  if (!isInfectiousness(window.infectiousness)) {
    throw bad(`infectiousness must be 0..2, got ${window.infectiousness}`);
  }
  if (!isCalibrationConfidence(window.calibrationConfidence)) {
    throw bad(`calibrationConfidence must be 0..3, got ${window.calibrationConfidence}`);
  }
  if (!Array.isArray(window.scanInstances)) throw bad("scanInstances must be an array");
  let totalSeconds = 0;
  window.scanInstances.forEach((scan: unknown, i) => {
    if (typeof scan !== "object" || scan === null) throw bad(`scanInstances[${i}] must be an object`);
    const {
      typicalAttenuationDb: typical,
      minAttenuationDb: min,
      secondsSinceLastScan: secs,
    } = scan as ExposureWindow["scanInstances"][number];
    if (!isAttenuation(typical)) {
      throw bad(`scanInstances[${i}].typicalAttenuationDb must be an integer 0..255, got ${typical}`);
    }
    if (!isAttenuation(min)) {
      throw bad(`scanInstances[${i}].minAttenuationDb must be an integer 0..255, got ${min}`);
    }
    if (min > typical) {
      throw bad(`scanInstances[${i}].minAttenuationDb (${min}) exceeds typicalAttenuationDb (${typical})`);
    }
    if (!Number.isInteger(secs) || secs < 0) {
      throw bad(`scanInstances[${i}].secondsSinceLastScan must be an integer >= 0, got ${secs}`);
    }
    totalSeconds += secs;
  });
  if (totalSeconds > MAX_EXPOSURE_WINDOW_SECONDS) {
    throw new ExposureWindowError(
      "window_too_long",
      `exposure window spans ${totalSeconds} s of scans; an exposure window is at most ${MAX_EXPOSURE_WINDOW_SECONDS} s (30 min)`,
    );
  }
  return window;
}

function bucketOf(db: number, thresholds: AttenuationThresholds): AttenuationBucket {
  if (db <= thresholds[0]) return AttenuationBucket.IMMEDIATE;
  if (db <= thresholds[1]) return AttenuationBucket.NEAR;
  if (db <= thresholds[2]) return AttenuationBucket.MEDIUM;
  return AttenuationBucket.OTHER;
}

/**
 * Bucket of an attenuation: IMMEDIATE if db <= t[0], NEAR if <= t[1], MEDIUM if <= t[2], else OTHER.
 * Throws ScoringConfigError for bad thresholds and ExposureWindowError for a db outside 0..255.
 */
export function attenuationBucket(db: number, thresholds: AttenuationThresholds): AttenuationBucket {
  validateAttenuationThresholds(thresholds);
  if (!isAttenuation(db)) {
    throw new ExposureWindowError("bad_exposure_window", `attenuation must be an integer 0..255, got ${db}`);
  }
  return bucketOf(db, thresholds);
}

/** Weighted duration of an already validated window (see windowWeightedDurationSeconds). */
export function weightedDurationOf(window: ExposureWindow, config: DailySummariesConfig): number {
  // Same order as the reference: whole seconds per bucket first, then one product per bucket.
  const seconds = [0, 0, 0, 0];
  for (const scan of window.scanInstances) {
    const bucket = bucketOf(scan.typicalAttenuationDb, config.attenuationBucketThresholdDb);
    seconds[bucket] = (seconds[bucket] ?? 0) + scan.secondsSinceLastScan;
  }
  let result = 0;
  for (let b = 0; b < 4; b++) result += (seconds[b] ?? 0) * (config.attenuationBucketWeights[b] ?? 0);
  return result;
}

/** The report type a window is scored as: UNKNOWN becomes `config.reportTypeWhenMissing`. */
export function effectiveReportType(window: ExposureWindow, config: DailySummariesConfig): ReportTypeValue {
  return window.reportType === ReportType.UNKNOWN ? config.reportTypeWhenMissing : window.reportType;
}

/** Key of a scored report type in PerReportType records; undefined for UNKNOWN and REVOKED. */
export function reportTypeKey(reportType: ReportTypeValue): keyof PerReportType<unknown> | undefined {
  switch (reportType) {
    case ReportType.CONFIRMED_TEST:
      return "confirmedTest";
    case ReportType.CONFIRMED_CLINICAL_DIAGNOSIS:
      return "confirmedClinicalDiagnosis";
    case ReportType.SELF_REPORT:
      return "selfReport";
    case ReportType.RECURSIVE:
      return "recursive";
    default:
      return undefined;
  }
}

/** True for the report types that are weighted and summarised (not UNKNOWN, not REVOKED). */
export function isScoredReportType(reportType: ReportTypeValue): reportType is ScoredReportType {
  return reportTypeKey(reportType) !== undefined;
}

/** Score of an already validated window, from its weighted duration (see windowScore). */
export function scoreOf(
  window: ExposureWindow,
  weightedDuration: number,
  config: DailySummariesConfig,
): number {
  const key = reportTypeKey(effectiveReportType(window, config));
  const reportTypeWeight = key === undefined ? 0 : config.reportTypeWeights[key];
  const infectiousnessWeight =
    window.infectiousness === Infectiousness.HIGH
      ? config.infectiousnessWeights.high
      : window.infectiousness === Infectiousness.STANDARD
        ? config.infectiousnessWeights.standard
        : 0;
  return weightedDuration * reportTypeWeight * infectiousnessWeight;
}

/**
 * Sum over the window's scans of secondsSinceLastScan x the weight of the bucket of its
 * typicalAttenuationDb. Validates both arguments.
 */
export function windowWeightedDurationSeconds(window: ExposureWindow, config: DailySummariesConfig): number {
  validateDailySummariesConfig(config);
  return weightedDurationOf(validateExposureWindow(window), config);
}

/**
 * weightedDuration x reportTypeWeight x infectiousnessWeight. Report type UNKNOWN is scored as
 * `reportTypeWhenMissing`; REVOKED and infectiousness NONE have weight 0. Validates both arguments.
 */
export function windowScore(window: ExposureWindow, config: DailySummariesConfig): number {
  validateDailySummariesConfig(config);
  validateExposureWindow(window);
  return scoreOf(window, weightedDurationOf(window, config), config);
}
