/**
 * GAEN time units: the 10-minute ENIntervalNumber and the day-aligned TEK rolling period
 * (Exposure Notification Cryptography Specification v1.2, "ENIntervalNumber" and "TEK rolling period").
 */
import { ProtocolError } from "../errors.ts";

/** Length of one EN interval (and of one RPI's lifetime) in seconds. */
export const EN_INTERVAL_SECONDS = 600;
/** Number of EN intervals a TEK is valid for: 144 intervals = 24 hours. */
export const TEK_ROLLING_PERIOD = 144;

function assertTime(unixSeconds: number): void {
  if (!Number.isFinite(unixSeconds) || unixSeconds < 0) {
    throw new ProtocolError("invalid_argument", "unix time must be a non-negative finite number");
  }
}

/** ENIntervalNumber(t) = floor(t / 600): the 10-minute window containing Unix time `unixSeconds`. */
export function enIntervalNumber(unixSeconds: number): number {
  assertTime(unixSeconds);
  return Math.floor(unixSeconds / EN_INTERVAL_SECONDS);
}

/** Unix time (seconds) at which EN interval `interval` starts. */
export function intervalStartSeconds(interval: number): number {
  return interval * EN_INTERVAL_SECONDS;
}

/** The rolling start interval of the TEK valid at `unixSeconds`: its UTC day's first interval (multiple of 144). */
export function rollingStartIntervalNumber(unixSeconds: number): number {
  const interval = enIntervalNumber(unixSeconds);
  return interval - (interval % TEK_ROLLING_PERIOD);
}
