// The submission's privacy measures, each a named unit (after corona-warn-app/cwa-server): hour-truncated
// creation times, the embargo of still-valid keys, constant-size responses, chaff (fake) requests with a
// real-looking latency. (Retention is retention/'s.) No IP, user agent or phone number is ever an input here.
import { bytesToBase64Url, intervalStartSeconds } from "@bluezone/protocol";
import type { RandomBytes } from "../platform/feature.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Creation-time truncation: stored times are cut to the start of their `windowMs` window (default the hour),
 * so a stored key cannot be linked to the exact moment of an upload.
 */
export function truncateTime(at: Date, windowMs = HOUR_MS): Date {
  return new Date(Math.floor(at.getTime() / windowMs) * windowMs);
}

/**
 * Embargo of still-valid keys: a key is not exported before its UTC day has ended plus `delayMs` (2 h by
 * default), so nobody can use it to make or match RPIs while the phone may still broadcast it. Returns when
 * the key becomes available: max(its hour-truncated upload time, end of the UTC day of its last valid
 * instant + delay).
 */
export function availableAt(
  key: { rollingStartIntervalNumber: number; rollingPeriod: number },
  createdAt: Date,
  delayMs: number,
): Date {
  const validUntilMs = intervalStartSeconds(key.rollingStartIntervalNumber + key.rollingPeriod) * 1000;
  const dayEndMs = Math.ceil(validUntilMs / DAY_MS) * DAY_MS;
  return new Date(Math.max(truncateTime(createdAt).getTime(), dayEndMs + delayMs));
}

/** Whether a key is still embargoed at `now` (its available time has not come). */
export const isEmbargoed = (available: Date, now: Date): boolean => available.getTime() > now.getTime();

/**
 * Response padding: the `padding` value (random base64url characters) that makes `JSON.stringify` of the body
 * with it exactly `targetChars` long, so responses of every kind (success, chaff, few or many keys) have the
 * same size. Bodies already at or over the target get an empty padding.
 */
export function responsePadding(
  body: Record<string, unknown>,
  targetChars: number,
  random: RandomBytes,
): string {
  const bare = JSON.stringify({ ...body, padding: "" }).length;
  const missing = targetChars - bare;
  if (missing <= 0) return "";
  return bytesToBase64Url(random(Math.ceil((missing * 3) / 4) + 3)).slice(0, missing);
}

/** Returns the body with its `padding` set (see responsePadding). */
export function padResponse<T extends Record<string, unknown>>(
  body: T,
  targetChars: number,
  random: RandomBytes,
): T & { padding: string } {
  return { ...body, padding: responsePadding(body, targetChars, random) };
}

/** Chaff requests: apps send fake uploads marked `X-Chaff: 1`; they are answered like real ones, write nothing. */
export const CHAFF_HEADER = "x-chaff";
export function isChaff(headers: Record<string, string | string[] | undefined>): boolean {
  const value = headers[CHAFF_HEADER];
  return (Array.isArray(value) ? value[0] : value)?.trim() === "1";
}

/**
 * Chaff latency: an exponential moving average of real publish durations; a chaff response waits about as long
 * (+-20% jitter), so timing does not tell chaff from real uploads.
 */
export class ChaffLatency {
  #averageMs: number;
  readonly #weight: number;
  readonly #maxMs: number;

  constructor(options: { initialMs?: number; weight?: number; maxMs?: number } = {}) {
    this.#averageMs = options.initialMs ?? 50;
    this.#weight = options.weight ?? 0.1;
    this.#maxMs = options.maxMs ?? 2000;
  }

  /** Records the duration of a real (non-chaff) publish. */
  observe(durationMs: number): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    this.#averageMs += this.#weight * (Math.min(durationMs, this.#maxMs) - this.#averageMs);
  }

  get averageMs(): number {
    return this.#averageMs;
  }

  /** How long the next chaff response should take, from one random byte of jitter. */
  delayMs(random: RandomBytes): number {
    const jitter = 0.8 + (0.4 * (random(1)[0] ?? 128)) / 255;
    return Math.round(this.#averageMs * jitter);
  }
}
