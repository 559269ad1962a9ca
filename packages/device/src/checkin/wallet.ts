/**
 * The check-in wallet: check-ins kept only on the phone (Store), check-out by call or automatically, editable
 * times, 14-day retention, anonymous presence ticks, warning package download and overlap warnings.
 */
import { decodeTraceWarningPackage } from "@bluezone/protocol";
import type { Clock, Http, Random, Store } from "../adapters.ts";
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

export interface CheckInWalletConfig {
  /** The check-in page our posters point to, e.g. "https://bluezone.gov.vn/c/". */
  pageUrl: string;
  /** API base, e.g. "https://bluezone.gov.vn" (presence ticks). Omit to send no ticks. */
  serverUrl?: string;
  /** Base URL of the warning packages folder (…/blobs/checkin/warnings). Omit to skip downloads. */
  warningsUrl?: string;
  /** Overlap that raises a warning (default 15 minutes). */
  warningMinutes?: number;
}

const PREFIX = "checkin/visit/";
const FETCHED = "checkin/fetched-intervals";
const WARNINGS = "checkin/warnings";

export class CheckInWallet {
  constructor(
    private readonly deps: { store: Store; clock: Clock; http: Http; random: Random },
    private readonly config: CheckInWalletConfig,
  ) {}

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
    const end = atMs ?? this.deps.clock.nowMs();
    const updated = editTimes(
      c,
      c.startMs,
      Math.max(end, c.startMs + 60_000),
      Math.max(end, this.deps.clock.nowMs()),
    );
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

  /** Downloads new warning packages, decrypts those of visited venues and returns (and keeps) the warnings. */
  async checkForWarnings(): Promise<CheckInWarning[]> {
    const base = this.config.warningsUrl;
    if (!base) return this.warnings();
    const res = await this.deps.http.get(`${base}/index.json`);
    if (res.status !== 200) return this.warnings();
    const index = JSON.parse(new TextDecoder().decode(res.body)) as { intervals?: unknown };
    const intervals = Array.isArray(index.intervals)
      ? index.intervals.filter((i): i is number => Number.isInteger(i))
      : [];
    const fetched = new Set((await this.deps.store.get<number[]>(FETCHED)) ?? []);
    const reports = [];
    for (const interval of intervals) {
      if (fetched.has(interval)) continue;
      const pkg = await this.deps.http.get(`${base}/${interval}.bin`);
      if (pkg.status !== 200) continue;
      reports.push(...decodeTraceWarningPackage(pkg.body).checkInProtectedReports);
      fetched.add(interval);
    }
    await this.deps.store.put(FETCHED, [...fetched].slice(-24 * 15));
    const fresh = warningsFor(
      await this.list(),
      reports,
      this.config.warningMinutes ?? DEFAULT_WARNING_MINUTES,
    );
    const known = await this.warnings();
    const merged = [...known.filter((k) => !fresh.some((f) => f.checkInId === k.checkInId)), ...fresh];
    await this.deps.store.put(WARNINGS, merged);
    return merged;
  }

  /** Warnings raised so far. */
  async warnings(): Promise<CheckInWarning[]> {
    return (await this.deps.store.get<CheckInWarning[]>(WARNINGS)) ?? [];
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
