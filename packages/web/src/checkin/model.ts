// Pure helpers of the check-in pages: the venue a poster URL describes (decoded on the phone, the server never
// sees it), times for <input type="datetime-local"> in the phone's zone, edit checks mirroring the wallet's,
// where a scanned QR text should lead, the staff-assisted record sealed for the health authority, and the
// health authority's key file.
import { effectiveEndMs, type StoredCheckIn } from "@bluezone/device";
import {
  CWA_QR_CODE_DESCRIPTORS,
  checkInUrlDescriptor,
  venueCategoryForType,
  verifyCheckInUrl,
} from "@bluezone/protocol";

const MIN_MS = 60_000;

/** The check-in page path our posters point to. */
export const CHECK_IN_PATH = "/c/";

/** What the check-in page shows before the visitor taps "Check in". */
export interface VenueView {
  name: string;
  address: string;
  categoryId: string;
  categoryVi: string;
  categoryEn: string;
  defaultMinutes: number;
  /** Event start/end (ms) when the QR is for a temporary event. */
  startsMs: number | null;
  endsMs: number | null;
}

export type VenueProblem = "missing" | "invalid";

/** The page URL the wallet accepts for a fragment, e.g. "https://bluezone.gov.vn/c/?v=1#CAES...". */
export function checkInUrlFor(origin: string, search: string, hash: string): string {
  const version = /(?:^\?|&)v=(\d+)/.exec(search)?.[1] ?? "1";
  return `${origin}${CHECK_IN_PATH}?v=${version}${hash}`;
}

/** Decodes and validates the QR payload of a check-in URL into what the page shows. */
export function venueFromUrl(
  url: string,
  pageUrl: string,
): { ok: true; venue: VenueView } | { ok: false; problem: VenueProblem } {
  if (!/#.+/.test(url)) return { ok: false, problem: "missing" };
  try {
    const parsed = verifyCheckInUrl(url, [checkInUrlDescriptor(pageUrl), ...CWA_QR_CODE_DESCRIPTORS]);
    const category = venueCategoryForType(parsed.cwaLocationData.type);
    const data = parsed.payload.locationData;
    const start = Number(data.startTimestamp ?? 0);
    const end = Number(data.endTimestamp ?? 0);
    return {
      ok: true,
      venue: {
        name: data.description,
        address: data.address,
        categoryId: category.id,
        categoryVi: category.vi,
        categoryEn: category.en,
        defaultMinutes: parsed.cwaLocationData.defaultCheckInLengthInMinutes || 120,
        startsMs: start > 0 ? start * 1000 : null,
        endsMs: end > 0 ? end * 1000 : null,
      },
    };
  } catch {
    return { ok: false, problem: "invalid" };
  }
}

/** When an open check-in will be checked out automatically (the venue's default length). */
export function autoCheckOutMs(c: Pick<StoredCheckIn, "startMs" | "defaultMinutes">): number {
  return c.startMs + c.defaultMinutes * MIN_MS;
}

/** Whether a check-in is still open at `nowMs` (not checked out, default length not over). */
export function isOpen(c: StoredCheckIn, nowMs: number): boolean {
  return c.endMs === null && nowMs < autoCheckOutMs(c);
}

/** The visit's end as shown: the check-out, else the automatic one. */
export const shownEndMs = effectiveEndMs;

const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DDTHH:MM" of `ms` at UTC offset `offsetMinutes` (e.g. 420 for Viet Nam), for datetime-local. */
export function toLocalInput(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * MIN_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The instant of a datetime-local value at UTC offset `offsetMinutes`; null when it is not a valid value. */
export function fromLocalInput(value: string, offsetMinutes: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const utc = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCMonth() !== (mo as number) - 1 || check.getUTCDate() !== d || (h as number) > 23)
    return null;
  return utc - offsetMinutes * MIN_MS;
}

export type TimeEditProblem = "invalid" | "end-before-start" | "in-future" | "too-long";

/** Checks edited times as the wallet will: start < end <= now, and a visit of at most 24 hours. */
export function timeEditProblem(
  startMs: number | null,
  endMs: number | null,
  nowMs: number,
): TimeEditProblem | undefined {
  if (startMs === null || endMs === null) return "invalid";
  if (endMs <= startMs) return "end-before-start";
  if (endMs > nowMs) return "in-future";
  if (endMs - startMs > 24 * 60 * MIN_MS) return "too-long";
  return undefined;
}

/** Where a scanned QR text leads: our check-in page (same origin) or a CWA code shown on our page. */
export function scannedTarget(text: string, origin: string): { ok: true; path: string } | { ok: false } {
  const trimmed = text.trim();
  const ours = new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/c/?(\\?v=\\d+#.+)$`).exec(
    trimmed,
  );
  if (ours) return { ok: true, path: `${CHECK_IN_PATH}${ours[1]}` };
  const cwa = /^https:\/\/e\.coronawarn\.app\/?(\?v=\d+#.+)$/.exec(trimmed);
  if (cwa) return { ok: true, path: `${CHECK_IN_PATH}${cwa[1]}` };
  return { ok: false };
}

/** The record door staff seal for the health authority (the server only ever sees it sealed). */
export interface AssistedRecord {
  v: 1;
  venueId: string;
  venueName: string;
  name: string;
  phone: string;
  arrivedAt: string;
  leftAt?: string;
}

export type AssistedFieldProblem = "required" | "bad-phone" | "too-long";

/** Checks the visitor fields staff type: a name, a Vietnamese or international phone number. */
export function assistedFieldProblems(input: { name: string; phone: string }): {
  name?: AssistedFieldProblem;
  phone?: AssistedFieldProblem;
} {
  const out: { name?: AssistedFieldProblem; phone?: AssistedFieldProblem } = {};
  const name = input.name.trim();
  if (!name) out.name = "required";
  else if (name.length > 100) out.name = "too-long";
  const phone = input.phone.replace(/[\s.-]/g, "");
  if (!phone) out.phone = "required";
  else if (!/^(?:0\d{9}|\+\d{8,15})$/.test(phone)) out.phone = "bad-phone";
  return out;
}

/** Reads the private key from the key file's text (`private: <base64>`) or a pasted bare base64 key. */
export function privateKeyFromText(text: string): string | undefined {
  const line = /^\s*private:\s*([A-Za-z0-9+/]{43}=)\s*$/m.exec(text);
  if (line) return line[1];
  const bare = text.trim();
  return /^[A-Za-z0-9+/]{43}=$/.test(bare) ? bare : undefined;
}
