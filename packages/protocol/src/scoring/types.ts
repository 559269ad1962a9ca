/**
 * Data model of Exposure Notification v2 risk scoring: the enums, ScanInstance, ExposureWindow,
 * DailySummariesConfig and DailySummary, shaped like the Android/Apple EN v2 API so configs map one-to-one.
 */
import { ReportType } from "../export/types.ts";

/** Infectiousness of the diagnosis key's owner on the day of the exposure (Android `Infectiousness`). */
export const Infectiousness = { NONE: 0, STANDARD: 1, HIGH: 2 } as const;
export type Infectiousness = (typeof Infectiousness)[keyof typeof Infectiousness];

/** Report type of a diagnosis key: the export.proto enum, shared with the key export codec. */
export { ReportType };

/**
 * The report types that have a weight and a per-type summary. UNKNOWN is replaced by
 * `reportTypeWhenMissing` before scoring and REVOKED windows are dropped.
 */
export type ScoredReportType =
  | typeof ReportType.CONFIRMED_TEST
  | typeof ReportType.CONFIRMED_CLINICAL_DIAGNOSIS
  | typeof ReportType.SELF_REPORT
  | typeof ReportType.RECURSIVE;

/** Confidence in the BLE calibration of the scanning device (Android `CalibrationConfidence`). */
export const CalibrationConfidence = { LOWEST: 0, LOW: 1, MEDIUM: 2, HIGH: 3 } as const;
export type CalibrationConfidence = (typeof CalibrationConfidence)[keyof typeof CalibrationConfidence];

/** Proximity bucket a scan falls into, by its typical attenuation (GAEN `DistanceEstimate`). */
export const AttenuationBucket = { IMMEDIATE: 0, NEAR: 1, MEDIUM: 2, OTHER: 3 } as const;
export type AttenuationBucket = (typeof AttenuationBucket)[keyof typeof AttenuationBucket];

/** One scan of one beacon: attenuations in dB (0..255) and the seconds it stands for. */
export interface ScanInstance {
  /** Rounded mean attenuation of the sightings in this scan. */
  readonly typicalAttenuationDb: number;
  /** Lowest attenuation seen in this scan (never above `typicalAttenuationDb`). */
  readonly minAttenuationDb: number;
  /** Seconds elapsed since the previous scan; the duration this scan represents. */
  readonly secondsSinceLastScan: number;
}

/** Up to 30 minutes of scans of one diagnosis key, with that key's metadata. */
export interface ExposureWindow {
  /** Start of the UTC day of the window, in milliseconds since the epoch (a multiple of 86 400 000). */
  readonly dateMillisSinceEpoch: number;
  readonly reportType: ReportType;
  readonly infectiousness: Infectiousness;
  readonly calibrationConfidence: CalibrationConfidence;
  readonly scanInstances: readonly ScanInstance[];
}

/** A value for each scored report type (Apple names: `reportTypeConfirmedTestWeight`, ...). */
export interface PerReportType<T> {
  readonly confirmedTest: T;
  readonly confirmedClinicalDiagnosis: T;
  readonly selfReport: T;
  readonly recursive: T;
}

/** Thresholds in dB: immediate, near, medium (0..255, strictly increasing). */
export type AttenuationThresholds = readonly [immediate: number, near: number, medium: number];
/** Weights (0..2.5, i.e. 0..250 %) of the immediate, near, medium and other buckets. */
export type AttenuationWeights = readonly [immediate: number, near: number, medium: number, other: number];

/**
 * Android `DailySummariesConfig` merged with `DiagnosisKeysDataMapping` (Apple keeps both in
 * `ENExposureConfiguration`). Weights are fractions: 1.0 = 100 %.
 */
export interface DailySummariesConfig {
  readonly attenuationBucketThresholdDb: AttenuationThresholds;
  readonly attenuationBucketWeights: AttenuationWeights;
  readonly reportTypeWeights: PerReportType<number>;
  readonly infectiousnessWeights: { readonly standard: number; readonly high: number };
  /** Days since onset of symptoms (-14..14) -> infectiousness; days not listed map to NONE. */
  readonly daysSinceOnsetToInfectiousness: Readonly<Record<number, Infectiousness>>;
  /** Infectiousness used when the key carries no days-since-onset (or one outside -14..14). */
  readonly infectiousnessWhenDaysSinceOnsetMissing: Infectiousness;
  /** Report type used for keys with report type UNKNOWN; must not itself be UNKNOWN. */
  readonly reportTypeWhenMissing: ReportType;
  /** Windows scoring below this are left out of the daily summaries (0 keeps them all). */
  readonly minimumWindowScore: number;
  /** Days older than this many days before `now` are left out; 0 disables the filter. */
  readonly daysSinceLastExposureThreshold: number;
}

/** Aggregate of the windows of one day (Android `ExposureSummaryData`, Apple `ENExposureSummaryItem`). */
export interface ExposureSummaryData {
  readonly maximumScore: number;
  readonly scoreSum: number;
  readonly weightedDurationSum: number;
}

/** Scores of one UTC day, overall and per report type (Android `DailySummary`). */
export interface DailySummary {
  readonly daysSinceEpoch: number;
  readonly dateMillisSinceEpoch: number;
  readonly daySummary: ExposureSummaryData;
  readonly reportTypeSummaries: PerReportType<ExposureSummaryData>;
}

/** True when `value` is one of the Infectiousness values. */
export function isInfectiousness(value: unknown): value is Infectiousness {
  return value === 0 || value === 1 || value === 2;
}

/** True when `value` is one of the ReportType values. */
export function isReportType(value: unknown): value is ReportType {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 5;
}

/** True when `value` is one of the CalibrationConfidence values. */
export function isCalibrationConfidence(value: unknown): value is CalibrationConfidence {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 3;
}
