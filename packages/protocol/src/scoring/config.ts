/**
 * Validation of DailySummariesConfig against the limits the EN v2 API enforces (Android
 * `DailySummariesConfigBuilder` / `DiagnosisKeysDataMappingBuilder`, Apple `ENExposureConfiguration`).
 */
import { ScoringConfigError } from "./errors.ts";
import type { AttenuationThresholds, DailySummariesConfig } from "./types.ts";
import { isInfectiousness, isReportType, ReportType } from "./types.ts";

/** Largest weight the API accepts (Android 2.5, Apple 250 %). */
export const MAX_SCORING_WEIGHT = 2.5;
/** Days since onset of symptoms are mapped for -14..14 only. */
export const MAX_DAYS_SINCE_ONSET = 14;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkWeight(value: unknown, name: string): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_SCORING_WEIGHT) {
    throw new ScoringConfigError(
      `${name} must be a number between 0 and ${MAX_SCORING_WEIGHT}, got ${value}`,
    );
  }
}

/** Checks three integer thresholds in 0..255, strictly increasing. Throws ScoringConfigError. */
export function validateAttenuationThresholds(
  thresholds: unknown,
): asserts thresholds is AttenuationThresholds {
  const name = "attenuationBucketThresholdDb";
  if (!Array.isArray(thresholds) || thresholds.length !== 3) {
    throw new ScoringConfigError(`${name} must contain exactly 3 thresholds (immediate, near, medium)`);
  }
  thresholds.forEach((t: unknown, i) => {
    if (!Number.isInteger(t) || (t as number) < 0 || (t as number) > 255) {
      throw new ScoringConfigError(`${name}[${i}] must be an integer between 0 and 255, got ${t}`);
    }
    if (i > 0 && (thresholds[i - 1] as number) >= (t as number)) {
      throw new ScoringConfigError(
        `${name}[${i}] (${t}) must be larger than ${name}[${i - 1}] (${thresholds[i - 1]})`,
      );
    }
  });
}

function validateDaysSinceOnsetMap(map: unknown): void {
  const name = "daysSinceOnsetToInfectiousness";
  if (!isRecord(map)) throw new ScoringConfigError(`${name} must be an object keyed by day (-14..14)`);
  for (const [key, value] of Object.entries(map)) {
    const day = Number(key);
    if (!Number.isInteger(day) || Math.abs(day) > MAX_DAYS_SINCE_ONSET || String(day) !== key) {
      throw new ScoringConfigError(`${name} has invalid day since onset "${key}" (allowed: -14..14)`);
    }
    if (!isInfectiousness(value)) {
      throw new ScoringConfigError(`${name}[${key}] must be an Infectiousness (0, 1 or 2), got ${value}`);
    }
  }
}

/**
 * Checks every field of a DailySummariesConfig and returns it unchanged, or throws a
 * ScoringConfigError naming the first offending field.
 */
export function validateDailySummariesConfig(config: DailySummariesConfig): DailySummariesConfig {
  if (!isRecord(config)) throw new ScoringConfigError("config must be an object");
  validateAttenuationThresholds(config.attenuationBucketThresholdDb);

  const weights: unknown = config.attenuationBucketWeights;
  if (!Array.isArray(weights) || weights.length !== 4) {
    throw new ScoringConfigError(
      "attenuationBucketWeights must contain exactly 4 weights (immediate, near, medium, other)",
    );
  }
  weights.forEach((w: unknown, i) => {
    checkWeight(w, `attenuationBucketWeights[${i}]`);
  });

  const rt: unknown = config.reportTypeWeights;
  if (!isRecord(rt)) throw new ScoringConfigError("reportTypeWeights must be an object");
  for (const key of ["confirmedTest", "confirmedClinicalDiagnosis", "selfReport", "recursive"] as const) {
    checkWeight(rt[key], `reportTypeWeights.${key}`);
  }

  const inf: unknown = config.infectiousnessWeights;
  if (!isRecord(inf)) throw new ScoringConfigError("infectiousnessWeights must be an object");
  checkWeight(inf.standard, "infectiousnessWeights.standard");
  checkWeight(inf.high, "infectiousnessWeights.high");

  validateDaysSinceOnsetMap(config.daysSinceOnsetToInfectiousness);
  if (!isInfectiousness(config.infectiousnessWhenDaysSinceOnsetMissing)) {
    throw new ScoringConfigError(
      `infectiousnessWhenDaysSinceOnsetMissing must be an Infectiousness (0, 1 or 2), got ${config.infectiousnessWhenDaysSinceOnsetMissing}`,
    );
  }
  if (!isReportType(config.reportTypeWhenMissing) || config.reportTypeWhenMissing === ReportType.UNKNOWN) {
    throw new ScoringConfigError(
      `reportTypeWhenMissing must be a ReportType other than UNKNOWN (1..5), got ${config.reportTypeWhenMissing}`,
    );
  }
  const min: unknown = config.minimumWindowScore;
  if (typeof min !== "number" || !Number.isFinite(min) || min < 0) {
    throw new ScoringConfigError(`minimumWindowScore must be a finite number >= 0, got ${min}`);
  }
  const days: unknown = config.daysSinceLastExposureThreshold;
  if (!Number.isInteger(days) || (days as number) < 0) {
    throw new ScoringConfigError(`daysSinceLastExposureThreshold must be an integer >= 0, got ${days}`);
  }
  return config;
}
