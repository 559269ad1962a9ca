/**
 * The phone's venue check-ins (pure): from a scanned URL to a stored check-in, effective end times (auto
 * check-out after the venue's default length), retention, warnings from published reports, and upload reports.
 */
import {
  bytesToBase64,
  bytesToBase64Url,
  type CheckInProtectedReport,
  CWA_QR_CODE_DESCRIPTORS,
  checkInOverlapMinutes,
  checkInRecordsForSubmission,
  checkInUrlDescriptor,
  deriveTraceWarnings,
  encryptCheckInRecord,
  locationId,
  venueCategoryForType,
  verifyCheckInUrl,
} from "@bluezone/protocol";

const MIN_MS = 60_000;
const DAY_MS = 86_400_000;
/** Visit length used when the venue gives none (CWA's default of 2 hours). */
export const FALLBACK_CHECK_IN_MINUTES = 120;
export const CHECK_IN_RETENTION_DAYS = 14;
export const DEFAULT_WARNING_MINUTES = 15;
export const OVERLAP_WARNING_TEXT = {
  vi: "Bạn đã ở cùng địa điểm với ca bệnh",
  en: "You were at the same place as a case",
} as const;

/** One check-in as stored on the phone (JSON-serialisable). */
export interface StoredCheckIn {
  id: string;
  /** base64url locationId of the venue (from the QR payload; never sent except in encrypted reports/ticks). */
  locationId: string;
  name: string;
  address: string;
  categoryId: string;
  categoryVi: string;
  defaultMinutes: number;
  startMs: number;
  /** Set when checked out (by call, or automatically after the default length). */
  endMs: number | null;
}

/** A warning the phone raised for one of its check-ins. */
export interface CheckInWarning {
  checkInId: string;
  venueName: string;
  overlapMinutes: number;
  startMs: number;
  endMs: number;
  text: { vi: string; en: string };
}

const fromB64Url = (s: string) => {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

export { fromB64Url as locationIdBytes };

/** Parses and checks a scanned URL (our posters under `pageUrl`, or CWA's) into a new check-in at `nowMs`. */
export function checkInFromUrl(url: string, pageUrl: string, nowMs: number, id: string): StoredCheckIn {
  const parsed = verifyCheckInUrl(url, [checkInUrlDescriptor(pageUrl), ...CWA_QR_CODE_DESCRIPTORS]);
  const category = venueCategoryForType(parsed.cwaLocationData.type);
  const minutes = parsed.cwaLocationData.defaultCheckInLengthInMinutes || FALLBACK_CHECK_IN_MINUTES;
  return {
    id,
    locationId: bytesToBase64Url(locationId(parsed.payloadBytes)),
    name: parsed.payload.locationData.description,
    address: parsed.payload.locationData.address,
    categoryId: category.id,
    categoryVi: category.vi,
    defaultMinutes: minutes,
    startMs: nowMs,
    endMs: null,
  };
}

/** When the visit ends: the check-out time, else start + default length (the automatic check-out). */
export function effectiveEndMs(c: StoredCheckIn): number {
  return c.endMs ?? c.startMs + c.defaultMinutes * MIN_MS;
}

/** Whether a check-in still open at `nowMs` should be checked out automatically. */
export function isDueForAutoCheckOut(c: StoredCheckIn, nowMs: number): boolean {
  return c.endMs === null && nowMs >= c.startMs + c.defaultMinutes * MIN_MS;
}

/** Whether the check-in is past retention (ended more than 14 days ago). */
export function isExpired(c: StoredCheckIn, nowMs: number, days = CHECK_IN_RETENTION_DAYS): boolean {
  return effectiveEndMs(c) < nowMs - days * DAY_MS;
}

/** Validates an edit of times: start before end, end not in the future. */
export function editTimes(c: StoredCheckIn, startMs: number, endMs: number, nowMs: number): StoredCheckIn {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs || endMs > nowMs) {
    throw new RangeError("check-in times must satisfy start < end <= now");
  }
  return { ...c, startMs, endMs };
}

/**
 * The warnings raised by `reports` for `checkIns`: overlap >= `minMinutes` with a decrypted report. Check-ins
 * in `shared` (ids this phone uploaded itself as an F0) never warn: those reports are the user's own.
 */
export function warningsFor(
  checkIns: readonly StoredCheckIn[],
  reports: readonly CheckInProtectedReport[],
  minMinutes = DEFAULT_WARNING_MINUTES,
  shared: ReadonlySet<string> = new Set(),
): CheckInWarning[] {
  const ids = new Map(checkIns.map((c) => [c.locationId, fromB64Url(c.locationId)]));
  const decrypted = deriveTraceWarnings(reports, ids.values());
  const out: CheckInWarning[] = [];
  for (const c of checkIns) {
    const id = ids.get(c.locationId);
    if (!id) continue;
    let best = 0;
    for (const w of decrypted) {
      const m = checkInOverlapMinutes(
        { locationId: id, startMs: c.startMs, endMs: effectiveEndMs(c), submitted: shared.has(c.id) },
        w,
      );
      if (m !== null && m > best) best = m;
    }
    if (best >= minMinutes) {
      out.push({
        checkInId: c.id,
        venueName: c.name,
        overlapMinutes: best,
        startMs: c.startMs,
        endMs: effectiveEndMs(c),
        text: OVERLAP_WARNING_TEXT,
      });
    }
  }
  return out;
}

/** Protected reports of the check-ins, for the publish body of an F0 upload (fresh random IV each, base64). */
export function encryptedCheckInReports(
  checkIns: readonly StoredCheckIn[],
  transmissionRiskLevel: number,
  random: (n: number) => Uint8Array,
): { locationIdHash: string; iv: string; encryptedCheckInRecord: string; mac: string }[] {
  const out = [];
  for (const c of checkIns) {
    const id = fromB64Url(c.locationId);
    for (const record of checkInRecordsForSubmission(
      { startMs: c.startMs, endMs: effectiveEndMs(c) },
      transmissionRiskLevel,
    )) {
      const r = encryptCheckInRecord(record, id, random(16));
      out.push({
        locationIdHash: bytesToBase64(r.locationIdHash),
        iv: bytesToBase64(r.iv),
        encryptedCheckInRecord: bytesToBase64(r.encryptedCheckInRecord),
        mac: bytesToBase64(r.mac),
      });
    }
  }
  return out;
}
