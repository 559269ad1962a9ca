// Pure rules of venue check-in on the server: venue input -> trace location, tracing codes, hour buckets,
// and occupancy (people inside now, hourly entries/exits of a Viet Nam day). No I/O, clock or randomness.
import { createHash } from "node:crypto";
import {
  type NewTraceLocationInput,
  traceLocationTypeForCategory,
  type VenueCategoryId,
  venueCategory,
} from "@bluezone/protocol";

const HOUR_MS = 3_600_000;
/** Viet Nam is UTC+7 all year (no daylight saving). */
const VN_OFFSET_MS = 7 * HOUR_MS;

/** What an official or a venue owner registers. Times are ISO strings; omit both for a permanent venue. */
export interface VenueInput {
  name: string;
  address: string;
  communeCode: string;
  category: string;
  defaultCheckInMinutes: number;
  startsAt?: string | undefined;
  endsAt?: string | undefined;
}

export type VenueInputProblem = "unknown-category" | "bad-time-range" | "bad-minutes";

/** Checks the parts of a venue input the schema cannot, and returns the NewTraceLocationInput or a problem. */
export function traceLocationInput(
  input: VenueInput,
): { ok: true; value: NewTraceLocationInput } | { ok: false; problem: VenueInputProblem } {
  const category = venueCategory(input.category);
  if (!category) return { ok: false, problem: "unknown-category" };
  if (!Number.isInteger(input.defaultCheckInMinutes) || input.defaultCheckInMinutes < 1) {
    return { ok: false, problem: "bad-minutes" };
  }
  if (input.defaultCheckInMinutes > 1440) return { ok: false, problem: "bad-minutes" };
  const start = input.startsAt === undefined ? undefined : Date.parse(input.startsAt);
  const end = input.endsAt === undefined ? undefined : Date.parse(input.endsAt);
  if ((start === undefined) !== (end === undefined)) return { ok: false, problem: "bad-time-range" };
  if (start !== undefined && end !== undefined) {
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
      return { ok: false, problem: "bad-time-range" };
    }
  }
  const value: NewTraceLocationInput = {
    description: input.name,
    address: input.address,
    type: traceLocationTypeForCategory(category.id as VenueCategoryId),
    defaultCheckInLengthInMinutes: input.defaultCheckInMinutes,
  };
  if (start !== undefined && end !== undefined) {
    value.startTimestamp = Math.floor(start / 1000);
    value.endTimestamp = Math.floor(end / 1000);
  }
  return { ok: true, value };
}

/** SHA-256 (hex) of a venue owner's tracing code, the only form the server keeps. */
export function hashTracingCode(code: string): string {
  return createHash("sha256").update(`bluezone-venue-tracing:${code}`).digest("hex");
}

/** base64url without padding (public ids, tracing codes). */
export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

/** The start of the UTC hour containing `at`. */
export function hourStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** The 24 UTC hour starts of a Viet Nam calendar day ("YYYY-MM-DD"), or undefined for a bad date. */
export function vnDayHours(day: string): Date[] | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(midnightUtc) || new Date(midnightUtc).toISOString().slice(0, 10) !== day)
    return undefined;
  const first = midnightUtc - VN_OFFSET_MS;
  return Array.from({ length: 24 }, (_, i) => new Date(first + i * HOUR_MS));
}

/** The Viet Nam calendar day ("YYYY-MM-DD") of an instant. */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** One hourly counter row. */
export interface PresenceHour {
  hour: Date;
  enters: number;
  exits: number;
}

/**
 * UTC hours whose counters make up "inside now": every hour overlapping [now - windowMinutes, now].
 * Counters are hourly, so the window is rounded out to whole hours.
 */
export function occupancyWindowStart(now: Date, windowMinutes: number): Date {
  return hourStart(new Date(now.getTime() - windowMinutes * 60_000));
}

/** People inside now: enters - exits over the window's hours, never negative. */
export function peopleInside(hours: readonly PresenceHour[], from: Date, now: Date): number {
  let total = 0;
  for (const h of hours) {
    if (h.hour.getTime() >= from.getTime() && h.hour.getTime() <= now.getTime()) total += h.enters - h.exits;
  }
  return Math.max(0, total);
}

/** The 24 hours of a Viet Nam day with their counters (zeros where no tick arrived). */
export function hourlySeries(
  dayHours: readonly Date[],
  rows: readonly PresenceHour[],
): { hour: string; enters: number; exits: number }[] {
  const byHour = new Map(rows.map((r) => [r.hour.getTime(), r]));
  return dayHours.map((h) => {
    const row = byHour.get(h.getTime());
    return { hour: h.toISOString(), enters: row?.enters ?? 0, exits: row?.exits ?? 0 };
  });
}

/** Longest flagged window (CWA caps a check-in at 24 h) and how far back a flag may reach. */
export const MAX_FLAG_WINDOW_MS = 24 * HOUR_MS;
export const MAX_FLAG_AGE_MS = 28 * 24 * HOUR_MS;

/** Checks a flagged window against `now`: ordered, at most 24 h, not in the future, not older than 28 days. */
export function flagWindowProblem(startsAt: Date, endsAt: Date, now: Date): string | undefined {
  const s = startsAt.getTime();
  const e = endsAt.getTime();
  if (!Number.isFinite(s) || !Number.isFinite(e) || e <= s) return "bad-window";
  if (e - s > MAX_FLAG_WINDOW_MS) return "window-too-long";
  if (e > now.getTime()) return "window-in-future";
  if (s < now.getTime() - MAX_FLAG_AGE_MS) return "window-too-old";
  return undefined;
}
