/**
 * Which time span a check-in is submitted with (CWA PresenceTracingSubmissionParameters, iOS
 * derivingWarningTimeInterval / Android deriveTime): drop short visits, add aerosol decay, align to
 * 10-minute intervals, split at UTC midnight, and build the CheckInRecords to encrypt.
 */
import { ProtocolError } from "../errors.ts";
import { CHECK_IN_INTERVAL_MS, checkInRecordFromTimes } from "./check-in-record.ts";
import type { CheckInRecord } from "./types.ts";

/** A range of whole minutes; bounds are inclusive unless marked exclusive (CWA RiskCalculationParameters). */
export interface MinutesRange {
  min: number;
  max: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

/** CWA's submission parameters, field names as in the app configuration (including "aerosole"). */
export interface PresenceTracingSubmissionParameters {
  durationFilters: readonly { dropIfMinutesInRange: MinutesRange }[];
  aerosoleDecayLinearFunctions: readonly { minutesRange: MinutesRange; slope: number; intercept: number }[];
}

/** A span of time in Unix milliseconds. */
export interface TimeSpan {
  startMs: number;
  endMs: number;
}

/** CWA's default: drop visits under 10 minutes; decay = the visit's length up to 30 min, then 30 min. */
export const DEFAULT_SUBMISSION_PARAMETERS: PresenceTracingSubmissionParameters = Object.freeze({
  durationFilters: [{ dropIfMinutesInRange: { min: 0, max: 10, maxExclusive: true } }],
  aerosoleDecayLinearFunctions: [
    { minutesRange: { min: 0, max: 30 }, slope: 1, intercept: 0 },
    { minutesRange: { min: 30, max: 9999, minExclusive: true }, slope: 0, intercept: 30 },
  ],
});

const INTERVAL_SECONDS = CHECK_IN_INTERVAL_MS / 1000;
const DAY_MS = 86_400_000;

/** True when `minutes` lies in the range. */
export function inMinutesRange(range: MinutesRange, minutes: number): boolean {
  const aboveMin = range.minExclusive === true ? minutes > range.min : minutes >= range.min;
  const belowMax = range.maxExclusive === true ? minutes < range.max : minutes <= range.max;
  return aboveMin && belowMax;
}

function checkSpan(startMs: number, endMs: number): void {
  if (!Number.isSafeInteger(startMs) || !Number.isSafeInteger(endMs) || startMs < 0 || endMs < 0) {
    throw new ProtocolError("bad_argument", "check-in times must be non-negative integer milliseconds");
  }
}

/**
 * The span a check-in is submitted with, or null when a duration filter drops it. Works in whole seconds
 * like the apps; the result starts and ends on 10-minute boundaries.
 */
export function deriveSubmissionTimeSpan(
  startMs: number,
  endMs: number,
  params: PresenceTracingSubmissionParameters = DEFAULT_SUBMISSION_PARAMETERS,
): TimeSpan | null {
  checkSpan(startMs, endMs);
  const start = Math.floor(startMs / 1000);
  const end = Math.floor(endMs / 1000);
  const durationSeconds = Math.max(0, end - start);
  const durationMinutes = Math.floor(durationSeconds / 60);
  if (params.durationFilters.some((f) => inMinutesRange(f.dropIfMinutesInRange, durationMinutes)))
    return null;
  const decayFn = params.aerosoleDecayLinearFunctions.find((f) =>
    inMinutesRange(f.minutesRange, durationMinutes),
  );
  const decaySeconds = decayFn === undefined ? 0 : decayFn.slope * durationSeconds + decayFn.intercept * 60;
  const targetSeconds = Math.round((durationSeconds + decaySeconds) / INTERVAL_SECONDS) * INTERVAL_SECONDS;
  const relevantEnd = end + Math.trunc(decaySeconds);
  const startInterval = Math.floor(start / INTERVAL_SECONDS) * INTERVAL_SECONDS;
  const endInterval = Math.floor(relevantEnd / INTERVAL_SECONDS) * INTERVAL_SECONDS;
  const overlapWithStartInterval = startInterval + INTERVAL_SECONDS - start;
  const overlapWithEndInterval = relevantEnd - endInterval;
  if (overlapWithEndInterval > overlapWithStartInterval) {
    const newEnd = endInterval + INTERVAL_SECONDS;
    return { startMs: (newEnd - targetSeconds) * 1000, endMs: newEnd * 1000 };
  }
  return { startMs: startInterval * 1000, endMs: (startInterval + targetSeconds) * 1000 };
}

/** Splits a span at every UTC midnight inside it (Android splitByMidnightUTC); an empty span gives []. */
export function splitAtUtcMidnight(span: TimeSpan): TimeSpan[] {
  checkSpan(span.startMs, span.endMs);
  const parts: TimeSpan[] = [];
  let start = span.startMs;
  while (start < span.endMs) {
    const nextMidnight = (Math.floor(start / DAY_MS) + 1) * DAY_MS;
    const end = Math.min(nextMidnight, span.endMs);
    parts.push({ startMs: start, endMs: end });
    start = end;
  }
  return parts;
}

/**
 * The CheckInRecords a check-in is submitted as: derive the span, split it at UTC midnight, one record
 * per day. [] when the visit is dropped.
 */
export function checkInRecordsForSubmission(
  checkIn: TimeSpan,
  transmissionRiskLevel: number,
  params: PresenceTracingSubmissionParameters = DEFAULT_SUBMISSION_PARAMETERS,
): CheckInRecord[] {
  const span = deriveSubmissionTimeSpan(checkIn.startMs, checkIn.endMs, params);
  if (span === null) return [];
  return splitAtUtcMidnight(span).map((p) =>
    checkInRecordFromTimes(p.startMs, p.endMs, transmissionRiskLevel),
  );
}
