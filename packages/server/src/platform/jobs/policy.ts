// Pure timing rules of the job queue: retry back-off and the periods of recurring schedules.

export interface BackoffPolicy {
  /** Delay before the first retry. */
  baseMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 10_000, maxMs: 3_600_000 };
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Delay before retrying after failed attempt number `attempt` (1-based): base * 2^(attempt-1), capped. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 40));
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/** A recurring job: enqueued once per period (every `everyMs`, shifted by `offsetMs` from the Unix epoch). */
export interface Schedule {
  /** Name of the job handler to run. */
  name: string;
  everyMs: number;
  /** E.g. daily at 10:00 UTC (17:00 Asia/Ho_Chi_Minh): everyMs = 24h, offsetMs = 10h. */
  offsetMs?: number;
  payload?: unknown;
  maxAttempts?: number;
}

/** Helpers to write schedules readably: every.seconds(30), every.hours(1), every.day({ atUtcHour: 10 }). */
export const every = {
  seconds: (n: number, offsetSeconds = 0) => ({ everyMs: n * 1000, offsetMs: offsetSeconds * 1000 }),
  minutes: (n: number, offsetMinutes = 0) => ({ everyMs: n * 60_000, offsetMs: offsetMinutes * 60_000 }),
  hours: (n: number, offsetMinutes = 0) => ({ everyMs: n * 3_600_000, offsetMs: offsetMinutes * 60_000 }),
  day: (at: { atUtcHour: number; atUtcMinute?: number }) => ({
    everyMs: 86_400_000,
    offsetMs: at.atUtcHour * 3_600_000 + (at.atUtcMinute ?? 0) * 60_000,
  }),
};

/** Start (ms since epoch) of the period of `schedule` that contains `nowMs`. */
export function periodStart(nowMs: number, everyMs: number, offsetMs = 0): number {
  if (!(everyMs > 0)) throw new Error("everyMs must be positive");
  const shifted = nowMs - offsetMs;
  return Math.floor(shifted / everyMs) * everyMs + offsetMs;
}

/** The dedupe key that makes a period's job unique across every process: "<name>@<ISO period start>". */
export function periodDedupeKey(name: string, periodStartMs: number): string {
  return `${name}@${new Date(periodStartMs).toISOString()}`;
}

const JOB_NAME = /^[a-z][a-z0-9_.:-]{0,99}$/;

/** Job names: lower-case, starting with a letter, e.g. "export.batch", "outreach:send". */
export function assertJobName(name: string): void {
  if (!JOB_NAME.test(name)) throw new Error(`invalid job name "${name}"`);
}
