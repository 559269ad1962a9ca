// Pure rules of outreach: address normalisation and keyed hashes, templates, quiet hours (Asia/Ho_Chi_Minh),
// rounds, retry back-off with jitter, opt-out replies and signed opt-out links, masking, audience CSV lines.
import { createHmac, timingSafeEqual } from "node:crypto";
import { normalizeVietnamesePhone, phoneHash } from "../campaign/identity.ts";
import { backoffDelayMs } from "../platform/jobs/policy.ts";

export type Channel = "sms" | "zalo" | "email";
export const CHANNELS: readonly Channel[] = ["sms", "zalo", "email"];

const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving time). */
const LOCAL_OFFSET_MS = 7 * 3_600_000;

export { normalizeVietnamesePhone };

const EMAIL = /^[^\s@<>(),;:"]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/** A lower-cased e-mail address, or null. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** The normalised address for a channel (E.164 for SMS and Zalo, lower case for e-mail), or null. */
export function normalizeAddress(channel: Channel, raw: string): string | null {
  return channel === "email" ? normalizeEmail(raw) : normalizeVietnamesePhone(raw);
}

/**
 * What is stored and matched instead of an address: for numbers the campaign feature's phone hash (same key,
 * so a recipient who confirmed the number in the app is recognised as installed), for e-mails its own label.
 */
export function recipientHash(secret: Uint8Array, address: string): string {
  if (address.startsWith("+")) return phoneHash(secret, address);
  return createHmac("sha256", secret).update("email").update("\u0000").update(address).digest("base64url");
}

/** "+84901234567" -> "+8490*****67"; "lan@example.vn" -> "l**@example.vn". For demo output only. */
export function maskAddress(address: string): string {
  const at = address.indexOf("@");
  if (at > 0) return `${address[0]}${"*".repeat(Math.max(2, at - 1))}${address.slice(at)}`;
  if (address.length <= 7) return "*".repeat(address.length);
  return `${address.slice(0, 5)}${"*".repeat(address.length - 7)}${address.slice(-2)}`;
}

// ---- templates -------------------------------------------------------------------------------------------

export const TEMPLATE_VARIABLES = ["unit", "link", "optout_link"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
const VARIABLE = /\{\{\s*([a-zA-Z_]+)\s*\}\}/g;

/** Names used in `template` that are not template variables (empty when the template is valid). */
export function unknownTemplateVariables(template: string): string[] {
  const unknown = new Set<string>();
  for (const m of template.matchAll(VARIABLE)) {
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(m[1]!)) unknown.add(m[1]!);
  }
  return [...unknown];
}

/** Replaces the given variables; variables without a value stay as written (filled in later). */
export function renderTemplate(template: string, values: Partial<Record<TemplateVariable, string>>): string {
  return template.replace(VARIABLE, (whole, name: string) => values[name as TemplateVariable] ?? whole);
}

/** The `src` a campaign's link carries to the install page: sms-12, zalo-12, email-12. */
export const campaignSource = (channel: Channel, campaignId: number): string => `${channel}-${campaignId}`;

/** The install page link with attribution: <base>/cai-dat?src=<source>. */
export function installLink(publicBaseUrl: string, source: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/cai-dat?src=${encodeURIComponent(source)}`;
}

// ---- time ------------------------------------------------------------------------------------------------

/** Quiet hours as local minutes of the day [start, end); start > end spans midnight; start = end: none. */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

/** "21:00-07:00" -> { startMinute: 1260, endMinute: 420 }; null when malformed. */
export function parseQuietHours(text: string): QuietHours | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) return null;
  return { startMinute: Number(m[1]) * 60 + Number(m[2]), endMinute: Number(m[3]) * 60 + Number(m[4]) };
}

export const formatMinute = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** Whether local time of `at` lies in the quiet hours. */
export function inQuietHours(at: Date, quiet: QuietHours): boolean {
  const { startMinute: s, endMinute: e } = quiet;
  if (s === e) return false;
  const minute = Math.floor(((((at.getTime() + LOCAL_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  return s < e ? minute >= s && minute < e : minute >= s || minute < e;
}

/** When a message planned at `at` may go out: `at` itself, or the end of the quiet hours it falls in. */
export function releaseTime(at: Date, quiet: QuietHours): Date {
  if (!inQuietHours(at, quiet)) return at;
  const t = at.getTime();
  const localDayStart = Math.floor((t + LOCAL_OFFSET_MS) / DAY_MS) * DAY_MS - LOCAL_OFFSET_MS;
  let end = localDayStart + quiet.endMinute * 60_000;
  if (end <= t) end += DAY_MS;
  return new Date(end);
}

export interface RoundSchedule {
  startAt: Date;
  repeatEveryDays: number | null;
  stopAt: Date | null;
}

/** Due time of round `round` (1-based), or null when there is no such round (no repeat, or past the stop). */
export function roundDueAt(schedule: RoundSchedule, round: number): Date | null {
  if (round < 1) return null;
  if (round > 1 && !schedule.repeatEveryDays) return null;
  const at = new Date(schedule.startAt.getTime() + (round - 1) * (schedule.repeatEveryDays ?? 0) * DAY_MS);
  if (schedule.stopAt && at > schedule.stopAt) return null;
  return at;
}

/**
 * Delay before retrying after failed attempt `attempt` (1-based): exponential (base * 2^(attempt-1), capped at
 * max) with "equal jitter" - between half and all of it, so workers retrying together spread out.
 */
export function retryDelayMs(
  attempt: number,
  policy: { baseMs: number; maxMs: number },
  random01: number,
): number {
  const cap = backoffDelayMs(attempt, policy);
  return Math.round(cap / 2 + (cap / 2) * Math.min(1, Math.max(0, random01)));
}

// ---- opt-out ---------------------------------------------------------------------------------------------

/** Upper case without diacritics (đ -> D), punctuation as spaces, spaces collapsed. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "D")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();
}

/** Whether an inbound SMS says "TU CHOI" / "TỪ CHỐI" (any case or diacritics, optionally followed by more words). */
export function isOptOutReply(text: string): boolean {
  return /^TU ?CHOI(?: |$)/.test(foldText(text));
}

const tokenMac = (key: Uint8Array, hash: string) =>
  createHmac("sha256", key).update("optout").update("\u0000").update(hash).digest("base64url").slice(0, 32);

/** The signed token of an opt-out link: "<recipient hash>.<mac>". */
export function optOutToken(key: Uint8Array, hash: string): string {
  return `${hash}.${tokenMac(key, hash)}`;
}

/** The recipient hash of a valid token, or null. */
export function verifyOptOutToken(key: Uint8Array, token: string): string | null {
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const hash = token.slice(0, dot);
  if (!/^[A-Za-z0-9_-]{43}$/.test(hash)) return null;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(tokenMac(key, hash));
  return given.length === expected.length && timingSafeEqual(given, expected) ? hash : null;
}

/** Constant-time check of a presented secret against the configured ones. */
export function secretMatches(presented: string | undefined, accepted: readonly string[]): boolean {
  if (!presented) return false;
  const given = createHmac("sha256", "cmp").update(presented).digest();
  let ok = false;
  for (const key of accepted) {
    const expected = createHmac("sha256", "cmp").update(key).digest();
    if (timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}

// ---- audience --------------------------------------------------------------------------------------------

export interface AudienceEntry {
  address: string;
  unitCode: string | null;
}
export interface AudienceProblem {
  line: number;
  reason: string;
}

/**
 * Checks audience CSV lines (`address[,unit code]`, an optional header line): valid entries (deduplicated)
 * and every bad line with its number. `unitFilter` (unit audience) keeps only units it accepts.
 */
export function validateAudience(
  channel: Channel,
  lines: readonly { line: number; cells: readonly string[] }[],
  unitFilter?: (unitCode: string | null) => string | null,
): { entries: AudienceEntry[]; problems: AudienceProblem[]; duplicates: number } {
  const entries: AudienceEntry[] = [];
  const problems: AudienceProblem[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  lines.forEach((l, i) => {
    const raw = (l.cells[0] ?? "").trim();
    if (raw === "" && l.cells.every((c) => c.trim() === "")) return;
    const address = normalizeAddress(channel, raw);
    if (!address) {
      if (i === 0 && /[a-z]/i.test(raw) && channel !== "email") return; // header line
      if (i === 0 && channel === "email" && !raw.includes("@")) return;
      problems.push({
        line: l.line,
        reason: channel === "email" ? "not an e-mail address" : "not a Vietnamese mobile number",
      });
      return;
    }
    const unitCode = (l.cells[1] ?? "").trim() || null;
    if (unitFilter) {
      const reason = unitFilter(unitCode);
      if (reason) {
        problems.push({ line: l.line, reason });
        return;
      }
    }
    if (seen.has(address)) {
      duplicates++;
      return;
    }
    seen.add(address);
    entries.push({ address, unitCode });
  });
  return { entries, problems, duplicates };
}

/** Maps a provider's delivery status word to the outbox status it means (null: not final, ignore). */
export function deliveryStatus(word: string): "delivered" | "failed" | null {
  const w = word.trim().toLowerCase();
  if (["delivered", "delivrd", "success", "ok", "received", "1"].includes(w)) return "delivered";
  if (["failed", "undeliv", "undelivered", "rejected", "expired", "error", "2"].includes(w)) return "failed";
  return null;
}
