/**
 * Overlap of a check-in with a trace warning (Android CheckInWarningMatcher.calculateOverlap): the
 * intersection of the check-in with [start, start + period x 10 min], rounded to whole minutes.
 */
import { equalBytes } from "../bytes.ts";
import { CHECK_IN_INTERVAL_MS } from "./check-in-record.ts";
import { locationIdHash } from "./location-id.ts";

/** A check-in on the phone. `submitted` marks the user's own check-ins that they uploaded as positive. */
export interface CheckInVisit {
  locationId: Uint8Array;
  startMs: number;
  endMs: number;
  submitted?: boolean;
}

/** The span a warning covers; the venue is given by locationId (after decryption) or by locationIdHash. */
export type OverlapWarning = {
  startIntervalNumber: number;
  period: number;
  transmissionRiskLevel: number;
} & ({ locationId: Uint8Array } | { locationIdHash: Uint8Array });

function sameVenue(checkIn: CheckInVisit, warning: OverlapWarning): boolean {
  if ("locationId" in warning && warning.locationId instanceof Uint8Array) {
    return equalBytes(checkIn.locationId, warning.locationId);
  }
  return (
    "locationIdHash" in warning && equalBytes(locationIdHash(checkIn.locationId), warning.locationIdHash)
  );
}

/**
 * Minutes the check-in overlaps the warning, rounded to the nearest minute (half up); null when the venue
 * differs, the spans do not overlap (touching is not overlapping), or the check-in is the user's own submission.
 */
export function checkInOverlapMinutes(checkIn: CheckInVisit, warning: OverlapWarning): number | null {
  if (!sameVenue(checkIn, warning)) return null;
  const warningStart = warning.startIntervalNumber * CHECK_IN_INTERVAL_MS;
  const warningEnd = (warning.startIntervalNumber + warning.period) * CHECK_IN_INTERVAL_MS;
  const overlapMs = Math.min(checkIn.endMs, warningEnd) - Math.max(checkIn.startMs, warningStart);
  if (!(overlapMs > 0)) return null;
  if (checkIn.submitted === true) return null;
  return Math.round(overlapMs / 60_000);
}
