/**
 * The check-in wallet: check-ins kept only on the phone (Store), check-out by call or automatically, editable
 * times, 14-day retention, anonymous presence ticks, signed warning package download and overlap warnings, and
 * the protected reports of an F0 upload (each check-in reported once; those never warn their own phone).
 */
import type { ExportPublicKey } from "@bluezone/protocol";
import type { Clock, Http, Random, Store } from "../adapters.ts";
import { DeviceConfigError } from "../errors.ts";
import {
  type CheckInWarning,
  checkInFromUrl,
  DEFAULT_WARNING_MINUTES,
  editTimes,
  encryptedCheckInReports,
  isDueForAutoCheckOut,
  isExpired,
  type StoredCheckIn,
  warningsFor,
} from "./check-in.ts";
import { downloadVerifiedWarnings, fetchWarningIndex } from "./warning-download.ts";

/** Protected reports (base64, the publish body's shape) of the check-ins not reported yet, and their ids. */
export interface CheckInUploadReports {
  reports: { locationIdHash: string; iv: string; encryptedCheckInRecord: string; mac: string }[];
  checkInIds: string[];
}

export interface CheckInWalletConfig {
  /** The check-in page our posters point to, e.g. "https://bluezone.gov.vn/c/". */
  pageUrl: string;
  /** API base, e.g. "https://bluezone.gov.vn" (presence ticks). Omit to send no ticks. */
  serverUrl?: string;
  /** Base URL of the warning packages folder (…/blobs/checkin/warnings). Omit to skip downloads. */
  warningsUrl?: string;
  /**
   * Keys allowed to sign warning packages: the export public keys (SPKI PEM or CryptoKey), the same that verify
   * export files. Required with warningsUrl: a package whose `<n>.sig` none of them verifies is rejected.
   */
  publicKeys?: readonly ExportPublicKey[];
  /** Overlap that raises a warning (default 15 minutes). */
  warningMinutes?: number;
}

const PREFIX = "checkin/visit/";
const FETCHED = "checkin/fetched-intervals";
const WARNINGS = "checkin/warnings";
const REPORTED = "checkin/reported";

export class CheckInWallet {
  constructor(
    private readonly deps: { store: Store; clock: Clock; http: Http; random: Random },
    private readonly config: CheckInWalletConfig,
  ) {
    if (config.warningsUrl && !(config.publicKeys && config.publicKeys.length > 0)) {
      throw new DeviceConfigError("checkIn.publicKeys must list the export signing key to verify warnings");
    }
  }

  /** Checks in at a scanned/opened URL now; throws CheckInUrlError / TraceLocationValidationError on bad URLs. */
  async checkIn(url: string): Promise<StoredCheckIn> {
    const now = this.deps.clock.nowMs();
    const id = `${now.toString(36)}-${Array.from(this.deps.random.bytes(6), (b) => b.toString(16).padStart(2, "0")).join("")}`;
    const checkIn = checkInFromUrl(url, this.config.pageUrl, now, id);
    await this.deps.store.put(PREFIX + id, checkIn);
    await this.tick(checkIn, "enter");
    return checkIn;
  }

  /** Checks out now (or at `atMs`). */
  async checkOut(id: string, atMs?: number): Promise<StoredCheckIn> {
    const c = await this.get(id);
    // A visit lasts at least a minute, so a check-out within a minute of checking in ends a little ahead of now.
    const end = Math.max(atMs ?? this.deps.clock.nowMs(), c.startMs + 60_000);
    const updated = editTimes(c, c.startMs, end, Math.max(end, this.deps.clock.nowMs()));
    await this.deps.store.put(PREFIX + id, updated);
    if (c.endMs === null) await this.tick(c, "exit");
    return updated;
  }

  /** Corrects the times of a finished check-in (start < end <= now). */
  async editTimes(id: string, startMs: number, endMs: number): Promise<StoredCheckIn> {
    const updated = editTimes(await this.get(id), startMs, endMs, this.deps.clock.nowMs());
    await this.deps.store.put(PREFIX + id, updated);
    return updated;
  }

  async remove(id: string): Promise<void> {
    await this.deps.store.delete(PREFIX + id);
  }

  /** All stored check-ins, newest first. */
  async list(): Promise<StoredCheckIn[]> {
    const out: StoredCheckIn[] = [];
    for (const key of await this.deps.store.list(PREFIX)) {
      const c = await this.deps.store.get<StoredCheckIn>(key);
      if (c) out.push(c);
    }
    return out.sort((a, b) => b.startMs - a.startMs);
  }

  /** Periodic upkeep: automatic check-out after the default length, deletion after 14 days. */
  async maintain(): Promise<{ checkedOut: number; deleted: number }> {
    const now = this.deps.clock.nowMs();
    let checkedOut = 0;
    let deleted = 0;
    for (const c of await this.list()) {
      if (isExpired(c, now)) {
        await this.deps.store.delete(PREFIX + c.id);
        deleted++;
      } else if (isDueForAutoCheckOut(c, now)) {
        await this.deps.store.put(PREFIX + c.id, { ...c, endMs: c.startMs + c.defaultMinutes * 60_000 });
        await this.tick(c, "exit");
        checkedOut++;
      }
    }
    return { checkedOut, deleted };
  }

  /** Protected reports of every stored check-in, to add to the publish body when the user uploads as F0 (builds, sends nothing). */
  async encryptedReports(transmissionRiskLevel = 8) {
    return encryptedCheckInReports(await this.list(), transmissionRiskLevel, (n) =>
      this.deps.random.bytes(n),
    );
  }

  /**
   * The reports for the engine's F0 upload: check-ins not reported before (builds, sends nothing; only
   * DeviceEngine.uploadKeys, with the user's consent, puts them in a request; then markReported).
   */
  async pendingReports(transmissionRiskLevel = 8): Promise<CheckInUploadReports> {
    const shared = await this.reportedIds();
    const unshared = (await this.list()).filter((c) => !shared.has(c.id));
    return {
      reports: encryptedCheckInReports(unshared, transmissionRiskLevel, (n) => this.deps.random.bytes(n)),
      checkInIds: unshared.map((c) => c.id),
    };
  }

  /** Records check-ins as reported by this phone: not reported again, and never warned about (its own). */
  async markReported(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const kept = new Set((await this.list()).map((c) => c.id));
    const reported = [...new Set([...(await this.reportedIds()), ...ids])].filter((id) => kept.has(id));
    await this.deps.store.put(REPORTED, reported);
  }

  /**
   * Downloads the warning packages not fetched yet, verifies each one's signature, decrypts the reports of
   * visited venues and returns (and keeps) the warnings. All or nothing: if any package is unsigned, wrongly
   * signed, malformed or fails to download, throws WarningPackageRejectedError and changes nothing.
   */
  async checkForWarnings(): Promise<CheckInWarning[]> {
    const base = this.config.warningsUrl;
    if (!base) return this.warnings();
    const intervals = await fetchWarningIndex(this.deps.http, base);
    const fetched = new Set((await this.deps.store.get<number[]>(FETCHED)) ?? []);
    const reports = [];
    const fresh = intervals.filter((i) => !fetched.has(i));
    for (const interval of fresh) {
      reports.push(
        ...(await downloadVerifiedWarnings(this.deps.http, base, interval, this.config.publicKeys ?? [])),
      );
    }
    if (fresh.length === 0) return this.warnings();
    const raised = warningsFor(
      await this.list(),
      reports,
      this.config.warningMinutes ?? DEFAULT_WARNING_MINUTES,
      await this.reportedIds(),
    );
    const known = await this.warnings();
    const merged = [...known.filter((k) => !raised.some((f) => f.checkInId === k.checkInId)), ...raised];
    await this.deps.store.put(WARNINGS, merged);
    await this.deps.store.put(FETCHED, [...fetched, ...fresh].slice(-24 * 15));
    return merged;
  }

  /** Warnings raised so far. */
  async warnings(): Promise<CheckInWarning[]> {
    return (await this.deps.store.get<CheckInWarning[]>(WARNINGS)) ?? [];
  }

  private async reportedIds(): Promise<Set<string>> {
    return new Set((await this.deps.store.get<string[]>(REPORTED)) ?? []);
  }

  private async get(id: string): Promise<StoredCheckIn> {
    const c = await this.deps.store.get<StoredCheckIn>(PREFIX + id);
    if (!c) throw new RangeError(`no check-in ${id}`);
    return c;
  }

  /** Anonymous presence tick (best effort: failures are ignored, the check-in stays on the phone). */
  private async tick(c: StoredCheckIn, kind: "enter" | "exit"): Promise<void> {
    if (!this.config.serverUrl) return;
    try {
      await this.deps.http.postJson(`${this.config.serverUrl}/v1/presence`, { venueId: c.locationId, kind });
    } catch {
      // offline: the count is lost, the check-in is not
    }
  }
}
