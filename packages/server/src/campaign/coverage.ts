// Pure figures of the campaign: local days in Asia/Ho_Chi_Minh (UTC+7, no DST), coverage in basis points
// truncated (never rounded) and formatted like the official letters ("47.59%"), and the national root unit.

/** The unit above every province: national figures are kept under this code. */
export const NATIONAL_CODE = "VN";

/** Asia/Ho_Chi_Minh is UTC+7 all year. */
export const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local (Asia/Ho_Chi_Minh) calendar day of an instant, "YYYY-MM-DD". */
export function localDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether `day` is a real calendar day written "YYYY-MM-DD". */
export function isIsoDay(day: string): boolean {
  const m = ISO_DAY.exec(day);
  if (!m) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

const dayMs = (day: string): number => {
  if (!isIsoDay(day)) throw new RangeError(`not a day: "${day}"`);
  return Date.parse(`${day}T00:00:00Z`);
};

/** `day` plus `n` days (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(dayMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

/** Monday of the ISO week containing `day`. */
export function weekStart(day: string): string {
  const weekday = new Date(dayMs(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The instant local midnight of `day` begins. */
export function startOfLocalDay(day: string): Date {
  return new Date(dayMs(day) - VN_OFFSET_MS);
}

/**
 * Coverage = installs with phone / subscribers in basis points (4759 = 47.59%), truncated toward zero;
 * null when there are no subscribers to divide by.
 */
export function coverageBasisPoints(withPhone: number, subscribers: number): number | null {
  if (!(subscribers > 0)) return null;
  const scaled = Math.max(0, withPhone) * 10_000;
  let bp = Math.floor(scaled / subscribers);
  // Guard the float division: exact integer floor(scaled / subscribers).
  while (bp * subscribers > scaled) bp--;
  while ((bp + 1) * subscribers <= scaled) bp++;
  return bp;
}

/** Basis points as the letters write them: 4759 -> "47.59%", 6000 -> "60.00%"; null -> "–". */
export function formatBasisPoints(bp: number | null, decimalSeparator = "."): string {
  if (bp === null) return "–";
  const sign = bp < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(bp));
  return `${sign}${Math.floor(abs / 100)}${decimalSeparator}${String(abs % 100).padStart(2, "0")}%`;
}

/** Percent text ("60", "60.5", "47.59") as basis points, or null when not a percentage with <= 2 decimals. */
export function parsePercent(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : null;
}
