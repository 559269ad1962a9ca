// Pure helpers of the code-issuing page: countdown to expiry, the SMS link carrying the long code, the
// officer's local date for the symptom-date field, and readable renderings of the short code.

/** Milliseconds until `expiresAt` (ISO date-time), never negative. */
export function remainingMs(expiresAt: string, nowMs: number): number {
  const end = Date.parse(expiresAt);
  return Number.isNaN(end) ? 0 : Math.max(0, end - nowMs);
}

/** "mm:ss" (or "h:mm:ss" from one hour), rounding partial seconds up so 0:00 means expired. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, "0");
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${ss}`
    : `${String(minutes).padStart(2, "0")}:${ss}`;
}

/**
 * The link an SMS carries so the patient's app opens with the long code, in the Exposure Notifications
 * Express form `https://<host>/v?c=<long code>`.
 */
export function verificationLink(origin: string, longCode: string): string {
  return `${origin.replace(/\/+$/, "")}/v?c=${encodeURIComponent(longCode)}`;
}

/** An `sms:` URI that opens the messaging app with `body` filled in (the `?&` form works on Android and iOS). */
export function smsHref(body: string): string {
  return `sms:?&body=${encodeURIComponent(body)}`;
}

/** The local calendar date of `date` as "YYYY-MM-DD" (what <input type="date"> uses). */
export function localIsoDate(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, "0");
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** "12345678" -> "1234 5678", easier to read out; other lengths unchanged. */
export function groupShortCode(code: string): string {
  return /^\d{8}$/.test(code) ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** "12345678" -> "1 2 3 4 5 6 7 8": what a screen reader should say (digit by digit, not a number). */
export function spokenCode(code: string): string {
  return [...code].join(" ");
}

/** A date-time as the officer reads it: day/month/year and time in the UI language (local zone by default). */
export function formatDateTime(iso: string, language: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === "vi" ? "vi-VN" : "en-GB", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}
