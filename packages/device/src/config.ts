/**
 * DeviceConfig: every tunable of the phone's engine with its default beside it, and validation.
 * Defaults: LFPH "Wide Net" scoring and F1 from 15 weighted minutes in one UTC day (see riskThresholdSeconds).
 */
import {
  CalibrationConfidence,
  type DailySummariesConfig,
  EXPOSURE_RISK_THRESHOLD_SECONDS,
  type ExportPublicKey,
  validateDailySummariesConfig,
  WIDE_NET,
} from "@bluezone/protocol";
import { DeviceConfigError } from "./errors.ts";

/** Where the phone downloads diagnosis keys: `<blobBaseUrl>/<region>/index.txt`. */
export interface ExposureSourceConfig {
  /** Base URL of the blob store or CDN, without a trailing slash (e.g. "https://cdn.example.vn/exports"). */
  blobBaseUrl: string;
  /** Folder of the region's exports under blobBaseUrl (e.g. "exposureKeyExport-VN"). */
  region: string;
  /**
   * Keys allowed to sign export files ({ key: SPKI PEM or CryptoKey, keyId?, version? }); a file that none of
   * them verifies is rejected.
   */
  publicKeys: ExportPublicKey[];
}

/** The verification and key server (standard verification-server + exposure-notifications-server API). */
export interface KeyServerConfig {
  /** Base URL; the phone calls <baseUrl>/v1/verify, /v1/certificate and /v1/publish. */
  baseUrl: string;
  /** healthAuthorityID sent with /v1/publish. */
  healthAuthorityID: string;
}

export interface DeviceConfig {
  /** Calibrated TX power (dBm) this phone advertises in its BLE metadata (from the GAEN calibration table). */
  txPowerDbm: number;
  /** RSSI correction (dB) of this phone's receiver (calibration table); attenuation = tx - (rssi + corr). */
  rssiCorrectionDb: number;
  /** Reported in every exposure window this phone builds. */
  calibrationConfidence: CalibrationConfidence;
  /** TEKs, sightings, exposure windows and upload records older than this are deleted. GAEN: 14. */
  retentionDays: number;
  /** Upper bound on stored sightings; the oldest are dropped first. */
  maxSightings: number;
  /** Readings of the same RPI within this many ms of its first reading are one scan instance. */
  scanInstantMs: number;
  /** Seconds a scan instance stands for when no earlier scan is known (the phone's scan period). */
  nominalScanIntervalSeconds: number;
  /** Cap on secondsSinceLastScan (a long silent gap does not count as contact time). */
  maxSecondsSinceLastScan: number;
  /** EN v2 scoring configuration. Default: WIDE_NET (LFPH). */
  scoring: DailySummariesConfig;
  /**
   * A UTC day is a risky exposure (F1, or F2 for RECURSIVE keys) when its daily summary scoreSum reaches
   * this many weighted seconds. Default 900 = 15 minutes at weight 1.0 (EXPOSURE_RISK_THRESHOLD_SECONDS).
   */
  riskThresholdSeconds: number;
  /** transmissionRisk sent with each uploaded key (deprecated in EN v2; 0..8). */
  transmissionRisk: number;
  /** Where to download exports; checkForExposures() needs it. */
  exposureSource: ExposureSourceConfig | undefined;
  /** Key server; uploadKeys() needs it. */
  keyServer: KeyServerConfig | undefined;
}

export const DEFAULT_DEVICE_CONFIG: DeviceConfig = Object.freeze({
  txPowerDbm: -10,
  rssiCorrectionDb: 0,
  calibrationConfidence: CalibrationConfidence.MEDIUM,
  retentionDays: 14,
  maxSightings: 100_000,
  scanInstantMs: 20_000,
  nominalScanIntervalSeconds: 300,
  maxSecondsSinceLastScan: 300,
  scoring: WIDE_NET,
  riskThresholdSeconds: EXPOSURE_RISK_THRESHOLD_SECONDS,
  transmissionRisk: 0,
  exposureSource: undefined,
  keyServer: undefined,
});

function check(ok: boolean, message: string): void {
  if (!ok) throw new DeviceConfigError(message);
}

const isInt = (v: unknown, min: number, max: number) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** Throws DeviceConfigError naming the first invalid field; returns the config unchanged. */
export function validateDeviceConfig(c: DeviceConfig): DeviceConfig {
  check(isInt(c.txPowerDbm, -128, 127), `txPowerDbm must be an integer -128..127, got ${c.txPowerDbm}`);
  check(isInt(c.rssiCorrectionDb, -100, 100), `rssiCorrectionDb must be an integer -100..100`);
  check(isInt(c.calibrationConfidence, 0, 3), "calibrationConfidence must be 0..3");
  check(isInt(c.retentionDays, 1, 60), `retentionDays must be an integer 1..60, got ${c.retentionDays}`);
  check(isInt(c.maxSightings, 1, 10_000_000), "maxSightings must be an integer 1..10,000,000");
  check(isInt(c.scanInstantMs, 1, 120_000), "scanInstantMs must be an integer 1..120,000");
  check(isInt(c.nominalScanIntervalSeconds, 1, 1800), "nominalScanIntervalSeconds must be 1..1800");
  check(isInt(c.maxSecondsSinceLastScan, 1, 1800), "maxSecondsSinceLastScan must be 1..1800");
  check(
    Number.isFinite(c.riskThresholdSeconds) && c.riskThresholdSeconds > 0,
    "riskThresholdSeconds must be a number > 0",
  );
  check(isInt(c.transmissionRisk, 0, 8), "transmissionRisk must be an integer 0..8");
  try {
    validateDailySummariesConfig(c.scoring);
  } catch (e) {
    throw new DeviceConfigError(`scoring: ${(e as Error).message}`);
  }
  if (c.exposureSource) {
    const s = c.exposureSource;
    check(/^https?:\/\//.test(s.blobBaseUrl), "exposureSource.blobBaseUrl must be an http(s) URL");
    check(s.region.length > 0 && !s.region.includes(".."), "exposureSource.region must be a folder name");
    check(s.publicKeys.length > 0, "exposureSource.publicKeys must list at least one export signing key");
  }
  if (c.keyServer) {
    check(/^https?:\/\//.test(c.keyServer.baseUrl), "keyServer.baseUrl must be an http(s) URL");
    check(c.keyServer.healthAuthorityID.length > 0, "keyServer.healthAuthorityID must not be empty");
  }
  return c;
}

/** Fills in defaults for every field left out, strips trailing slashes from URLs, and validates. */
export function resolveDeviceConfig(partial: Partial<DeviceConfig> = {}): DeviceConfig {
  const merged: DeviceConfig = { ...DEFAULT_DEVICE_CONFIG };
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined) (merged as unknown as Record<string, unknown>)[k] = v;
  }
  if (merged.exposureSource) {
    merged.exposureSource = {
      ...merged.exposureSource,
      blobBaseUrl: merged.exposureSource.blobBaseUrl.replace(/\/+$/, ""),
      region: merged.exposureSource.region.replace(/^\/+|\/+$/g, ""),
    };
  }
  if (merged.keyServer) {
    merged.keyServer = { ...merged.keyServer, baseUrl: merged.keyServer.baseUrl.replace(/\/+$/, "") };
  }
  return validateDeviceConfig(merged);
}
