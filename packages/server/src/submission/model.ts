// Pure publish rules (google/exposure-notifications-server publish/model): decoding and validating the keys,
// report type and days since onset from the certificate, time windows, overlaps, revision planning, and the
// uploader's CWA check-in reports (decoding, and which report types may publish them).
import {
  base64ToBytes,
  bytesToBase64,
  CHECK_IN_REPORT_LENGTHS,
  type CheckInProtectedReport,
  enIntervalNumber,
  ReportType,
  TEK_ROLLING_PERIOD,
} from "@bluezone/protocol";
import type { TestType } from "../verification/model.ts";
import { submissionProblem } from "./errors.ts";
import { availableAt, truncateTime } from "./privacy.ts";
import type { RevisableKey } from "./revision-token.ts";

/** A key as the phone sends it in /v1/publish. */
export interface PublishKey {
  key: string;
  rollingStartNumber: number;
  rollingPeriod: number;
  transmissionRisk?: number | undefined;
}

/** A decoded key (the fields the tekmac covers). */
export interface DecodedKey {
  keyData: Uint8Array;
  rollingStartIntervalNumber: number;
  rollingPeriod: number;
  transmissionRiskLevel: number;
}

/** A key ready to store: decoded key plus what the server adds. */
export interface DiagnosisKey extends DecodedKey {
  reportType: ReportType;
  daysSinceOnset: number | null;
  healthAuthority: string;
  traveler: boolean;
  createdAt: Date;
  availableAt: Date;
}

export interface PublishRules {
  maxKeys: number;
  maxSameStartKeys: number;
  maxKeyAgeMs: number;
  maxSymptomOnsetDays: number;
  maxOnsetAgeMs: number;
  embargoDelayMs: number;
  createdAtWindowMs: number;
}

const DAY_MS = 86_400_000;
export const MAX_TRANSMISSION_RISK = 8;

/** The GAEN report type of a certified test type (close_contact: F1 -> RECURSIVE; negative: REVOKED). */
export const REPORT_TYPE_OF_TEST: Readonly<Record<TestType, ReportType>> = {
  confirmed: ReportType.CONFIRMED_TEST,
  likely: ReportType.CONFIRMED_CLINICAL_DIAGNOSIS,
  close_contact: ReportType.RECURSIVE,
  negative: ReportType.REVOKED,
};

/**
 * Structural checks of the keys: 1..maxKeys keys, each 16 bytes of base64, rollingPeriod 1..144,
 * transmissionRisk 0..8 (missing = 0), no key twice. Throws the first failing rule as a problem.
 */
export function decodePublishKeys(keys: readonly PublishKey[], maxKeys: number): DecodedKey[] {
  if (keys.length === 0) throw submissionProblem("no_keys", "temporaryExposureKeys is empty");
  if (keys.length > maxKeys) {
    throw submissionProblem("too_many_keys", `${keys.length} keys; at most ${maxKeys} are accepted`);
  }
  const seen = new Set<string>();
  return keys.map((k, i) => {
    let keyData: Uint8Array;
    try {
      keyData = base64ToBytes(k.key);
    } catch {
      throw submissionProblem("invalid_key", `key ${i}: not base64`);
    }
    if (keyData.length !== 16) throw submissionProblem("invalid_key", `key ${i}: must be 16 bytes`);
    const canonical = bytesToBase64(keyData);
    if (seen.has(canonical)) throw submissionProblem("duplicate_key", `key ${i}: sent twice`);
    seen.add(canonical);
    if (!Number.isSafeInteger(k.rollingStartNumber) || k.rollingStartNumber < 0) {
      throw submissionProblem("invalid_key", `key ${i}: rollingStartNumber must be a non-negative integer`);
    }
    const period = k.rollingPeriod;
    if (!Number.isInteger(period) || period < 1 || period > TEK_ROLLING_PERIOD) {
      throw submissionProblem("invalid_rolling_period", `key ${i}: rollingPeriod must be 1..144`);
    }
    const risk = k.transmissionRisk ?? 0;
    if (!Number.isInteger(risk) || risk < 0 || risk > MAX_TRANSMISSION_RISK) {
      throw submissionProblem("invalid_transmission_risk", `key ${i}: transmissionRisk must be 0..8`);
    }
    return {
      keyData,
      rollingStartIntervalNumber: k.rollingStartNumber,
      rollingPeriod: period,
      transmissionRiskLevel: risk,
    };
  });
}

/** Whole UTC days from the day of interval `a` to the day of interval `b`. */
export function daysBetweenIntervals(a: number, b: number): number {
  return Math.floor(b / TEK_ROLLING_PERIOD) - Math.floor(a / TEK_ROLLING_PERIOD);
}

const intervalAt = (ms: number) => enIntervalNumber(Math.max(0, ms) / 1000);

/** The certificate's onset if plausible (before now, not older than maxOnsetAgeMs from UTC midnight); else null. */
export function usableOnsetInterval(
  onset: number | undefined,
  now: Date,
  maxOnsetAgeMs: number,
): number | null {
  if (onset === undefined) return null;
  const oldest = intervalAt(Math.floor((now.getTime() - maxOnsetAgeMs) / DAY_MS) * DAY_MS);
  return onset < intervalAt(now.getTime()) && onset >= oldest ? onset : null;
}

/**
 * Turns checked keys into DiagnosisKeys: refuses keys whose validity ended more than maxKeyAge ago or that
 * start in the future, sets report type and days since onset from the certificate (dropping, with a warning,
 * keys further than maxSymptomOnsetDays from onset), truncates the upload time, embargoes still-valid keys,
 * and refuses more than maxSameStartKeys keys with one start or keys overlapping without the same start.
 */
export function transformPublish(
  keys: readonly DecodedKey[],
  certificate: { reportType: TestType; symptomOnsetInterval: number | undefined },
  meta: { healthAuthority: string; traveler: boolean },
  now: Date,
  rules: PublishRules,
): { keys: DiagnosisKey[]; warnings: string[] } {
  const current = intervalAt(now.getTime());
  const minValidUntil = intervalAt(now.getTime() - rules.maxKeyAgeMs);
  const onset = usableOnsetInterval(certificate.symptomOnsetInterval, now, rules.maxOnsetAgeMs);
  const createdAt = truncateTime(now, rules.createdAtWindowMs);
  const warnings: string[] = [];
  const out: DiagnosisKey[] = [];
  keys.forEach((k, i) => {
    if (k.rollingStartIntervalNumber + k.rollingPeriod <= minValidUntil) {
      throw submissionProblem("key_too_old", `key ${i}: expired more than the accepted age ago`);
    }
    if (k.rollingStartIntervalNumber > current) {
      throw submissionProblem("key_in_future", `key ${i}: starts in the future`);
    }
    let daysSinceOnset: number | null = null;
    if (onset !== null) {
      daysSinceOnset = daysBetweenIntervals(onset, k.rollingStartIntervalNumber);
      if (Math.abs(daysSinceOnset) > rules.maxSymptomOnsetDays) {
        warnings.push(`key ${i}: more than ${rules.maxSymptomOnsetDays} days from symptom onset, not saved`);
        return;
      }
    }
    // Fields listed, not spread: `{ ...k, ... }` cost ~4 µs per key on V8 (10% of a publish's CPU).
    out.push({
      keyData: k.keyData,
      rollingStartIntervalNumber: k.rollingStartIntervalNumber,
      rollingPeriod: k.rollingPeriod,
      transmissionRiskLevel: k.transmissionRiskLevel,
      reportType: REPORT_TYPE_OF_TEST[certificate.reportType],
      daysSinceOnset,
      healthAuthority: meta.healthAuthority,
      traveler: meta.traveler,
      createdAt,
      availableAt: availableAt(k, createdAt, rules.embargoDelayMs),
    });
  });
  checkOverlaps(out, rules.maxSameStartKeys);
  return { keys: out, warnings };
}

/** Keys may share a start (a key replaced mid-day) up to maxSameStartKeys; otherwise they must not overlap. */
export function checkOverlaps(keys: readonly DecodedKey[], maxSameStartKeys: number): void {
  const sorted = [...keys].sort(
    (a, b) =>
      a.rollingStartIntervalNumber - b.rollingStartIntervalNumber || a.rollingPeriod - b.rollingPeriod,
  );
  const perStart = new Map<number, number>();
  let lastStart = Number.NaN;
  let nextFree = Number.NEGATIVE_INFINITY;
  for (const k of sorted) {
    const start = k.rollingStartIntervalNumber;
    const n = (perStart.get(start) ?? 0) + 1;
    perStart.set(start, n);
    if (n > maxSameStartKeys) {
      throw submissionProblem(
        "too_many_same_start_keys",
        `${n} keys start at interval ${start}; at most ${maxSameStartKeys} may`,
      );
    }
    if (start !== lastStart && start < nextFree) {
      throw submissionProblem("key_overlap", `a key starting at ${start} overlaps the previous key`);
    }
    lastStart = start;
    nextFree = start + k.rollingPeriod;
  }
}

/** What is stored for a key that may be revised. */
export interface StoredKey {
  keyData: Uint8Array;
  rollingStartIntervalNumber: number;
  rollingPeriod: number;
  reportType: number;
  revisedReportType: number | null;
  availableAt: Date;
}

/** Allowed report type revisions: a clinical (likely) diagnosis becomes confirmed, or is revoked. */
export const REVISIONS: Readonly<Partial<Record<number, readonly number[]>>> = {
  [ReportType.CONFIRMED_CLINICAL_DIAGNOSIS]: [ReportType.CONFIRMED_TEST, ReportType.REVOKED],
};

/** Whether publishing a stored key again with `incoming` leaves it unchanged or revises it; throws otherwise. */
export function revisionOf(stored: StoredKey, incoming: number): "unchanged" | "revise" {
  if (stored.reportType === incoming || stored.revisedReportType === incoming) return "unchanged";
  if (stored.revisedReportType !== null) {
    throw submissionProblem("key_already_revised", "a key was already revised and cannot change again");
  }
  if (!REVISIONS[stored.reportType]?.includes(incoming)) {
    throw submissionProblem(
      "invalid_revision_transition",
      `report type ${stored.reportType} cannot become ${incoming}`,
    );
  }
  return "revise";
}

export interface PublishPlan {
  inserts: DiagnosisKey[];
  /** Stored keys to revise: the incoming key (new type, onset, risk) and when the revision may be exported. */
  revisions: { key: DiagnosisKey; revisedAt: Date }[];
  unchanged: DiagnosisKey[];
  warnings: string[];
}

const sameKey = (a: RevisableKey, b: DecodedKey) =>
  a.rollingStartIntervalNumber === b.rollingStartIntervalNumber &&
  a.rollingPeriod === b.rollingPeriod &&
  bytesToBase64(a.keyData) === bytesToBase64(b.keyData);

/**
 * Plans a publish against the keys already stored: new keys are inserted (a REVOKED certificate has nothing
 * to insert: such keys are skipped with a warning); stored keys published with the same type are unchanged;
 * a revision needs a valid revision token listing the key (`token`: undefined = none sent, null = invalid)
 * and an allowed transition (REVISIONS). Revisions are exported no earlier than the key itself.
 */
export function planPublish(
  incoming: readonly DiagnosisKey[],
  stored: readonly StoredKey[],
  token: readonly RevisableKey[] | null | undefined,
): PublishPlan {
  const byKey = new Map(stored.map((s) => [bytesToBase64(s.keyData), s]));
  const plan: PublishPlan = { inserts: [], revisions: [], unchanged: [], warnings: [] };
  incoming.forEach((key, i) => {
    const existing = byKey.get(bytesToBase64(key.keyData));
    if (!existing) {
      if (key.reportType === ReportType.REVOKED)
        plan.warnings.push(`key ${i}: never published, nothing to revoke`);
      else plan.inserts.push(key);
      return;
    }
    if (revisionOf(existing, key.reportType) === "unchanged") {
      plan.unchanged.push(key);
      return;
    }
    if (token === undefined)
      throw submissionProblem("missing_revision_token", `key ${i}: was published before`);
    if (token === null)
      throw submissionProblem("invalid_revision_token", "revision token invalid or expired");
    if (!token.some((t) => sameKey(t, key))) {
      throw submissionProblem("invalid_revision_token", `key ${i}: not in the revision token`);
    }
    const revisedAt = new Date(Math.max(key.availableAt.getTime(), existing.availableAt.getTime()));
    plan.revisions.push({ key, revisedAt });
  });
  return plan;
}

/** A check-in report as the phone sends it in /v1/publish (CWA CheckInProtectedReport, base64 fields). */
export interface PublishCheckInReport {
  locationIdHash: string;
  iv: string;
  encryptedCheckInRecord: string;
  mac: string;
}

const CHECK_IN_FIELDS = ["locationIdHash", "iv", "encryptedCheckInRecord", "mac"] as const;

/**
 * Structural checks of checkInProtectedReports (cwa-server EventCheckInProtectedReportsValidator): at most
 * `max` reports, each field base64 (either alphabet) of exactly 32 / 16 / 16 / 32 bytes. The server cannot
 * decrypt them (it never learns the locationId), so this is all it can check. Throws the first failure.
 */
export function decodeCheckInReports(
  reports: readonly PublishCheckInReport[] | undefined,
  max: number,
): CheckInProtectedReport[] {
  if (reports === undefined) return [];
  if (reports.length > max) {
    throw submissionProblem(
      "too_many_check_in_reports",
      `${reports.length} check-in reports; at most ${max} are accepted`,
    );
  }
  return reports.map((r, i) => {
    const out: Partial<Record<(typeof CHECK_IN_FIELDS)[number], Uint8Array>> = {};
    for (const field of CHECK_IN_FIELDS) {
      let bytes: Uint8Array;
      try {
        bytes = base64ToBytes(r[field]);
      } catch {
        throw submissionProblem("invalid_check_in_report", `check-in report ${i}: ${field} is not base64`);
      }
      if (bytes.length !== CHECK_IN_REPORT_LENGTHS[field]) {
        throw submissionProblem(
          "invalid_check_in_report",
          `check-in report ${i}: ${field} must be ${CHECK_IN_REPORT_LENGTHS[field]} bytes`,
        );
      }
      out[field] = bytes;
    }
    return out as CheckInProtectedReport;
  });
}

/**
 * Report types whose uploads publish check-ins: confirmed and likely cases (F0), as CWA publishes check-ins
 * only with a positive result. A close contact's (RECURSIVE) check-ins would warn a venue's visitors of an F1,
 * and a REVOKED certificate has nothing to warn about.
 */
export const CHECK_IN_REPORT_TYPES: ReadonlySet<ReportType> = new Set([
  ReportType.CONFIRMED_TEST,
  ReportType.CONFIRMED_CLINICAL_DIAGNOSIS,
]);

/** The check-in reports a publish stores, and the warning when it drops them (the keys are stored regardless). */
export function checkInReportsToStore(
  reports: readonly CheckInProtectedReport[],
  reportType: ReportType,
): { reports: readonly CheckInProtectedReport[]; warning: string | undefined } {
  if (reports.length === 0 || CHECK_IN_REPORT_TYPES.has(reportType)) return { reports, warning: undefined };
  return {
    reports: [],
    warning: `checkInProtectedReports: not published for report type ${reportType} (only confirmed or likely cases)`,
  };
}

/** Warning of a publish whose check-in reports were dropped because it stored no new key (a replay or revision). */
export const CHECK_IN_REPORTS_NEED_NEW_KEYS =
  "checkInProtectedReports: not stored, this publish added no new key (check-ins go up with the first upload)";
