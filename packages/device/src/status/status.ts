/**
 * The phone's exposure status (pure): F0 if this phone uploaded a confirmed or likely report, else F1 or F2
 * from the risk assessment, else not exposed - each with its advice in Vietnamese and English. Check-in
 * warnings ("Bạn đã ở cùng địa điểm với ca bệnh") are shown beside the level: sharing a venue's time window is
 * not a Bluetooth-measured close contact, so it does not change F0/F1/F2.
 */
import type { CheckInWarning } from "../checkin/check-in.ts";
import type { RiskAssessment } from "../exposure/risk.ts";
import {
  adviceCheckIn,
  adviceF0,
  adviceF1,
  adviceF2,
  adviceNotExposed,
  type LocalizedText,
} from "./advice.ts";

export type ExposureLevel = "not_exposed" | "F1" | "F2" | "F0";

/** A completed, consented upload of this phone's keys. */
export interface UploadRecord {
  /** Test type of the code the user entered: "confirmed", "likely" or "close_contact". */
  testType: string;
  uploadedAtMs: number;
  keyCount: number;
}

export interface DeviceStatus {
  level: ExposureLevel;
  /** UTC midnight (ms) of the most recent risky exposure day (F1/F2), also kept for F0 if there was one. */
  exposureDateMs: number | undefined;
  /** Score of that day in weighted seconds (900 = 15 min at weight 1.0). */
  score: number | undefined;
  /** When this phone uploaded a confirmed/likely report (F0). */
  uploadedAtMs: number | undefined;
  /** When diagnosis keys were last checked. */
  lastCheckMs: number | undefined;
  advice: LocalizedText;
  /** Present when a check-in overlapped a case's (or a flagged) venue window: the warnings, newest first. */
  checkInWarning?: { warnings: CheckInWarning[]; advice: LocalizedText } | undefined;
}

/** Test types that make the uploader an F0. */
export const F0_TEST_TYPES: readonly string[] = ["confirmed", "likely"];

export function deriveStatus(input: {
  risk: RiskAssessment;
  uploads: readonly UploadRecord[];
  lastCheckMs: number | undefined;
  checkInWarnings?: readonly CheckInWarning[];
}): DeviceStatus {
  const { risk, lastCheckMs } = input;
  const warnings = [...(input.checkInWarnings ?? [])].sort((a, b) => b.startMs - a.startMs);
  const checkInWarning = warnings.length > 0 ? { warnings, advice: adviceCheckIn(warnings) } : undefined;
  const base = { exposureDateMs: risk.exposureDateMs, score: risk.score, lastCheckMs, checkInWarning };
  const f0 = [...input.uploads].reverse().find((u) => F0_TEST_TYPES.includes(u.testType));
  if (f0) return { ...base, level: "F0", uploadedAtMs: f0.uploadedAtMs, advice: adviceF0() };
  if (risk.level === "F1" && risk.exposureDateMs !== undefined) {
    return { ...base, level: "F1", uploadedAtMs: undefined, advice: adviceF1(risk.exposureDateMs) };
  }
  if (risk.level === "F2" && risk.exposureDateMs !== undefined) {
    return { ...base, level: "F2", uploadedAtMs: undefined, advice: adviceF2(risk.exposureDateMs) };
  }
  return { ...base, level: "not_exposed", uploadedAtMs: undefined, advice: adviceNotExposed() };
}
