// Pure rules of staff-assisted check-ins: the sealed blob's size, the visit times staff may enter, the
// retention cutoff, the release query window, and which records fall in a flagged window. No I/O or clock.

const MIN_MS = 60_000;
const HOUR_MS = 60 * MIN_MS;
const DAY_MS = 24 * HOUR_MS;

/** Records are deleted 14 days after the hour of the visit (and never released after that). */
export const ASSISTED_RETENTION_MS = 14 * DAY_MS;
/** libsodium crypto_box_SEALBYTES: ephemeral public key (32) + Poly1305 tag (16). */
export const SEALBYTES = 48;
/** Largest sealed record accepted: 48 + 1 KiB of JSON (a name, a phone number and two times fit easily). */
export const MAX_SEALED_BYTES = SEALBYTES + 1024;
/** Smallest sealed record: the overhead and at least a 2-byte JSON object. */
export const MIN_SEALED_BYTES = SEALBYTES + 2;
/** Clock skew tolerated for a visit time "now" entered on the door staff's device. */
export const MAX_FUTURE_SKEW_MS = 5 * MIN_MS;
/** Longest window one release request may ask for (the retention period bounds it anyway). */
export const MAX_RELEASE_SPAN_MS = 28 * DAY_MS;

export type AssistedProblem =
  | "bad-sealed"
  | "bad-time"
  | "time-in-future"
  | "time-too-old"
  | "bad-range"
  | "range-too-long";

/** The start of the UTC hour containing `at`. */
const hourOf = (at: Date): Date => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/** Decodes a base64 (either alphabet, padding optional) sealed record and checks its size. */
export function decodeSealed(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  const bytes = new Uint8Array(Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64"));
  if (bytes.length < MIN_SEALED_BYTES || bytes.length > MAX_SEALED_BYTES) return undefined;
  return bytes;
}

/** Checks the visit times staff entered against `now`: arrival within the last 14 days, departure after it. */
export function assistedTimesProblem(
  arrivedAt: Date,
  leftAt: Date | undefined,
  now: Date,
): AssistedProblem | undefined {
  const a = arrivedAt.getTime();
  if (!Number.isFinite(a)) return "bad-time";
  if (a > now.getTime() + MAX_FUTURE_SKEW_MS) return "time-in-future";
  if (hourOf(arrivedAt).getTime() <= now.getTime() - ASSISTED_RETENTION_MS) return "time-too-old";
  if (leftAt === undefined) return undefined;
  const l = leftAt.getTime();
  if (!Number.isFinite(l)) return "bad-time";
  if (l <= a || l - a > DAY_MS) return "bad-range";
  if (l > now.getTime() + MAX_FUTURE_SKEW_MS) return "time-in-future";
  return undefined;
}

/** The arrival hour kept in clear (the only time the server knows). */
export const assistedHour = hourOf;

/** Records whose hour is before this are past retention. */
export function assistedRetentionCutoff(now: Date): Date {
  return new Date(now.getTime() - ASSISTED_RETENTION_MS);
}

/** Checks a release query window: ordered and at most 28 days long. */
export function releaseWindowProblem(from: Date, to: Date): AssistedProblem | undefined {
  const f = from.getTime();
  const t = to.getTime();
  if (!Number.isFinite(f) || !Number.isFinite(t) || t <= f) return "bad-range";
  if (t - f > MAX_RELEASE_SPAN_MS) return "range-too-long";
  return undefined;
}

export interface FlagWindow {
  startsAt: Date;
  endsAt: Date;
}

/**
 * Whether a record of arrival hour `hour` may have been at the venue during the flagged window: it arrived
 * before the window ended, and its arrival hour plus the venue's default visit length reaches into it.
 */
export function overlapsFlag(hour: Date, flag: FlagWindow, visitMinutes: number): boolean {
  const h = hour.getTime();
  return h < flag.endsAt.getTime() && h + HOUR_MS + visitMinutes * MIN_MS > flag.startsAt.getTime();
}

/**
 * The records a health-authority officer gets for [from, to): only those in a flagged window and still within
 * retention at `now`. Anything else stays on the server, sealed, until it is deleted.
 */
export function releasable<R extends { hour: Date }>(
  records: readonly R[],
  flags: readonly FlagWindow[],
  window: { from: Date; to: Date; now: Date; visitMinutes: number },
): R[] {
  const cutoff = assistedRetentionCutoff(window.now).getTime();
  const from = hourOf(window.from).getTime();
  return records.filter((r) => {
    const h = r.hour.getTime();
    if (h < cutoff || h < from || h >= window.to.getTime()) return false;
    return flags.some((f) => overlapsFlag(r.hour, f, window.visitMinutes));
  });
}
