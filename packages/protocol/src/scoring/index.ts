/**
 * Exposure Notification v2 risk scoring (pure): exposure windows -> window scores -> daily summaries.
 *
 * Rules implemented, following the Android EN API (`DailySummariesConfig`, `DiagnosisKeysDataMapping`,
 * `DailySummary`), its published reference code (google/exposure-notifications-internals,
 * `DailySummaryUtils`, `ExposureWindowUtils`, `TekMetadataUtils`) and Apple `ENExposureConfiguration`:
 * 1. Config limits: 3 attenuation thresholds, integers 0..255, strictly increasing; 4 bucket weights,
 *    report-type weights (CONFIRMED_TEST, CONFIRMED_CLINICAL_DIAGNOSIS, SELF_REPORT, RECURSIVE) and
 *    infectiousness weights (STANDARD, HIGH) all in 0..2.5 (0..250 %); days-since-onset keys -14..14;
 *    reportTypeWhenMissing != UNKNOWN; minimumWindowScore >= 0; daysSinceLastExposureThreshold an
 *    integer >= 0 (0 = no filter).
 * 2. A window covers at most 30 minutes: the sum of its scans' secondsSinceLastScan is <= 1800.
 * 3. Bucket of a scan by its typicalAttenuationDb: immediate if <= t0, near if <= t1, medium if <= t2,
 *    other above (minAttenuationDb is not used by v2 scoring).
 * 4. weightedDuration = sum over buckets of (seconds in bucket x bucket weight).
 * 5. score = weightedDuration x reportTypeWeight x infectiousnessWeight, where a window of report type
 *    UNKNOWN is treated as reportTypeWhenMissing; REVOKED and infectiousness NONE weigh 0.
 * 6. Daily summaries: windows that are REVOKED or have infectiousness NONE are dropped (EN v1.7), as
 *    are, given `now` and a threshold > 0, windows more than threshold days before today (UTC days);
 *    the rest are grouped by UTC day; a window with score < minimumWindowScore adds nothing to the
 *    day. Per report type and for the whole day: maximumScore = max of window scores, scoreSum = sum
 *    of window scores, weightedDurationSum = sum of weighted durations. Scores are in weighted seconds
 *    (15 min at all weights 1.0 = 900). Unlike Apple, weightedDurationSum is not rounded up to a minute.
 * 7. Days since onset -> infectiousness: listed days use the map, unlisted days in -14..14 are NONE,
 *    a missing or out-of-range value uses infectiousnessWhenDaysSinceOnsetMissing.
 */
export { MAX_DAYS_SINCE_ONSET, MAX_SCORING_WEIGHT, validateDailySummariesConfig } from "./config.ts";
export { dailySummaries, isExposureRisk } from "./daily-summary.ts";
export type { ExposureWindowErrorCode } from "./errors.ts";
export { ExposureWindowError, ScoringConfigError } from "./errors.ts";
export { infectiousnessForDaysSinceOnset } from "./infectiousness.ts";
export {
  EXPOSURE_RISK_THRESHOLD_SECONDS,
  LFPH_DAYS_SINCE_ONSET_TO_INFECTIOUSNESS,
  NARROW_NET,
  WIDE_NET,
} from "./presets.ts";
export type {
  AttenuationThresholds,
  AttenuationWeights,
  DailySummariesConfig,
  DailySummary,
  ExposureSummaryData,
  ExposureWindow,
  PerReportType,
  ScanInstance,
  ScoredReportType,
} from "./types.ts";
export { AttenuationBucket, CalibrationConfidence, Infectiousness, ReportType } from "./types.ts";
export {
  attenuationBucket,
  MAX_EXPOSURE_WINDOW_SECONDS,
  validateExposureWindow,
  windowScore,
  windowWeightedDurationSeconds,
} from "./window.ts";
