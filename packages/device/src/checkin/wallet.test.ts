import {
  base64ToBytes,
  buildCheckInUrl,
  checkInRecordFromTimes,
  ecdsaP1363ToDer,
  encodeTraceWarningPackage,
  encryptCheckInRecord,
  generateSigningKeyPair,
  hasSubmissionLengths,
  locationId,
  newTraceLocation,
  TraceLocationType,
  traceWarningIntervalNumber,
} from "@bluezone/protocol";
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../adapters/clocks.ts";
import { MemoryStore } from "../adapters/memory-store.ts";
import { SeededRandom } from "../adapters/random.ts";
import type { Http, HttpBytesResponse, HttpJsonResponse } from "../adapters.ts";
import { DeviceConfigError } from "../errors.ts";
import { checkInFromUrl, editTimes, effectiveEndMs, isExpired, OVERLAP_WARNING_TEXT } from "./check-in.ts";
import { CheckInWallet } from "./wallet.ts";
import { WarningPackageRejectedError } from "./warning-download.ts";

const PAGE = "https://bluezone.example.vn/c/";
const MIN = 60_000;
const T0 = Date.parse("2026-05-10T02:00:00Z");

function venue(name: string, minutes: number, seed: number) {
  const payload = newTraceLocation(
    {
      description: name,
      address: "12 Lê Lợi",
      type: TraceLocationType.LOCATION_TYPE_PERMANENT_RETAIL,
      defaultCheckInLengthInMinutes: minutes,
    },
    new Uint8Array(16).fill(seed),
    new Uint8Array(32).fill(1),
  );
  return { url: buildCheckInUrl(PAGE, payload), id: locationId(payload) };
}

const signer = await generateSigningKeyPair();
const ECDSA = { name: "ECDSA", hash: "SHA-256" } as const;
const signDer = async (data: Uint8Array, key = signer.privateKey) =>
  ecdsaP1363ToDer(new Uint8Array(await crypto.subtle.sign(ECDSA, key, data)));

/** A server holding signed warning packages (`<n>.bin` + DER `<n>.sig`) and recording presence ticks. */
class FakeServer implements Http {
  readonly ticks: unknown[] = [];
  readonly packages = new Map<number, Uint8Array>();
  readonly signatures = new Map<number, Uint8Array>();
  async get(url: string): Promise<HttpBytesResponse> {
    const enc = new TextEncoder();
    if (url.endsWith("/index.json")) {
      return { status: 200, body: enc.encode(JSON.stringify({ intervals: [...this.packages.keys()] })) };
    }
    const m = /\/(\d+)\.(bin|sig)$/.exec(url);
    const pkg = m ? (m[2] === "bin" ? this.packages : this.signatures).get(Number(m[1])) : undefined;
    return pkg ? { status: 200, body: pkg } : { status: 404, body: new Uint8Array() };
  }
  async postJson(url: string, body: unknown): Promise<HttpJsonResponse> {
    if (url.endsWith("/v1/presence")) this.ticks.push(body);
    return { status: 204, body: undefined };
  }
  /** Publishes a signed warning for the venue from `startMs` to `endMs`. */
  async warn(id: Uint8Array, startMs: number, endMs: number, atMs: number) {
    const report = encryptCheckInRecord(
      checkInRecordFromTimes(startMs, endMs, 8),
      id,
      new Uint8Array(16).fill(9),
    );
    const interval = traceWarningIntervalNumber(atMs);
    const bin = encodeTraceWarningPackage({
      intervalNumber: interval,
      region: "VN",
      checkInProtectedReports: [report],
    });
    this.packages.set(interval, bin);
    this.signatures.set(interval, await signDer(bin));
    return interval;
  }
}

function phone(server: FakeServer, startMs = T0) {
  const clock = new SimulatedClock(startMs);
  const wallet = new CheckInWallet(
    { store: new MemoryStore(), clock, http: server, random: new SeededRandom(3) },
    {
      pageUrl: PAGE,
      serverUrl: "https://bluezone.example.vn",
      warningsUrl: "https://bluezone.example.vn/blobs/checkin/warnings",
      publicKeys: [{ key: signer.publicKey }],
    },
  );
  return { clock, wallet };
}

describe("check-in helpers", () => {
  it("reads the venue from the URL and ends visits after the default length", () => {
    const v = venue("Chợ Bến Thành", 45, 1);
    const c = checkInFromUrl(v.url, PAGE, T0, "a");
    expect(c).toMatchObject({
      name: "Chợ Bến Thành",
      defaultMinutes: 45,
      startMs: T0,
      endMs: null,
      categoryId: "shop",
    });
    expect(effectiveEndMs(c)).toBe(T0 + 45 * MIN);
    expect(isExpired(c, T0 + 14 * 86_400_000)).toBe(false);
    expect(isExpired(c, T0 + 15 * 86_400_000)).toBe(true);
    expect(() => editTimes(c, T0, T0 - 1, T0 + MIN)).toThrow(RangeError);
    expect(() => checkInFromUrl("https://evil.example/c/?v=1#AAAA", PAGE, T0, "b")).toThrow();
  });
});

describe("CheckInWallet", () => {
  it("checks in and out, sending anonymous ticks by locationId", async () => {
    const server = new FakeServer();
    const { clock, wallet } = phone(server);
    const v = venue("Quán cà phê", 60, 2);
    const c = await wallet.checkIn(v.url);
    clock.advanceMs(20 * MIN);
    const out = await wallet.checkOut(c.id);
    expect(out.endMs).toBe(T0 + 20 * MIN);
    expect(server.ticks).toEqual([
      { venueId: c.locationId, kind: "enter" },
      { venueId: c.locationId, kind: "exit" },
    ]);
    expect(await wallet.list()).toHaveLength(1);
  });

  it("checks out right after checking in (a visit lasts at least a minute)", async () => {
    const { clock, wallet } = phone(new FakeServer());
    const c = await wallet.checkIn(venue("Tiệm bánh mì", 30, 3).url);
    clock.advanceMs(5_000);
    const out = await wallet.checkOut(c.id);
    expect(out.endMs).toBe(c.startMs + MIN);
    expect((await wallet.list())[0]?.endMs).toBe(c.startMs + MIN);
  });

  it("checks out automatically after the default length and deletes after 14 days", async () => {
    const server = new FakeServer();
    const { clock, wallet } = phone(server);
    await wallet.checkIn(venue("Siêu thị", 30, 3).url);
    clock.advanceMs(29 * MIN);
    expect(await wallet.maintain()).toEqual({ checkedOut: 0, deleted: 0 });
    clock.advanceMs(2 * MIN);
    expect(await wallet.maintain()).toEqual({ checkedOut: 1, deleted: 0 });
    expect((await wallet.list())[0]?.endMs).toBe(T0 + 30 * MIN);
    clock.advanceMs(14 * 86_400_000);
    expect(await wallet.maintain()).toEqual({ checkedOut: 0, deleted: 1 });
    expect(await wallet.list()).toEqual([]);
  });

  it("warns a phone that overlapped a case by >= 15 minutes, not one that left before", async () => {
    const server = new FakeServer();
    const v = venue("Karaoke", 120, 4);
    const there = phone(server);
    const c = await there.wallet.checkIn(v.url); // 02:00
    there.clock.advanceMs(40 * MIN);
    await there.wallet.checkOut(c.id); // 02:40
    const leftBefore = phone(server);
    const d = await leftBefore.wallet.checkIn(v.url);
    leftBefore.clock.advanceMs(10 * MIN);
    await leftBefore.wallet.checkOut(d.id); // 02:00-02:10
    const brief = phone(server);
    const e = await brief.wallet.checkIn(v.url);
    brief.clock.advanceMs(60 * MIN);
    await brief.wallet.editTimes(e.id, T0 + 30 * MIN, T0 + 40 * MIN); // 10 minutes of overlap
    await server.warn(v.id, T0 + 20 * MIN, T0 + 90 * MIN, T0 + 3 * 3_600_000);
    const warnings = await there.wallet.checkForWarnings();
    expect(warnings).toEqual([
      expect.objectContaining({
        checkInId: c.id,
        venueName: "Karaoke",
        overlapMinutes: 20,
        text: OVERLAP_WARNING_TEXT,
      }),
    ]);
    expect(OVERLAP_WARNING_TEXT.vi).toBe("Bạn đã ở cùng địa điểm với ca bệnh");
    expect(await leftBefore.wallet.checkForWarnings()).toEqual([]);
    expect(await brief.wallet.checkForWarnings()).toEqual([]);
    // Warnings persist; packages are not downloaded twice.
    expect(await there.wallet.warnings()).toHaveLength(1);
  });

  it("builds encrypted reports with fresh IVs and the submission lengths for an F0 upload", async () => {
    const server = new FakeServer();
    const { clock, wallet } = phone(server);
    const v = venue("Nhà hàng", 90, 5);
    await wallet.checkIn(v.url);
    clock.advanceMs(30 * MIN);
    await wallet.checkIn(v.url);
    clock.advanceMs(120 * MIN);
    await wallet.maintain();
    const reports = await wallet.encryptedReports();
    expect(reports.length).toBe(2);
    expect(new Set(reports.map((r) => r.iv)).size).toBe(2);
    for (const r of reports) {
      const bytes = {
        locationIdHash: base64ToBytes(r.locationIdHash),
        iv: base64ToBytes(r.iv),
        encryptedCheckInRecord: base64ToBytes(r.encryptedCheckInRecord),
        mac: base64ToBytes(r.mac),
      };
      expect(hasSubmissionLengths(bytes)).toBe(true);
    }
    expect(server.ticks.every((t) => JSON.stringify(t).length < 100)).toBe(true);
  });

  it("rejects unsigned, wrongly signed and misnamed packages, changing nothing", async () => {
    const server = new FakeServer();
    const v = venue("Chợ đêm", 120, 6);
    const there = phone(server);
    const c = await there.wallet.checkIn(v.url);
    there.clock.advanceMs(60 * MIN);
    await there.wallet.checkOut(c.id);
    const n = await server.warn(v.id, T0, T0 + 60 * MIN, T0 + 2 * 3_600_000);
    const good = server.signatures.get(n)!;
    const rejects = async (code: string) => {
      const e = await there.wallet.checkForWarnings().catch((err: unknown) => err);
      expect(e).toBeInstanceOf(WarningPackageRejectedError);
      expect(e).toMatchObject({ code, file: `${n}.bin` });
      expect(await there.wallet.warnings()).toEqual([]);
    };
    server.signatures.delete(n);
    await rejects("unsigned");
    const tampered = good.slice();
    tampered[tampered.length - 1]! ^= 1;
    server.signatures.set(n, tampered);
    await rejects("bad_signature");
    const other = await generateSigningKeyPair();
    server.signatures.set(n, await signDer(server.packages.get(n)!, other.privateKey));
    await rejects("bad_signature");
    const bin = server.packages.get(n)!.slice();
    bin[bin.length - 1]! ^= 1;
    server.packages.set(n + 1, server.packages.get(n)!);
    server.signatures.set(n + 1, good);
    server.packages.set(n, bin);
    server.signatures.set(n, good);
    await rejects("bad_signature");
    // A correctly signed package listed under another interval is refused too.
    server.packages.delete(n);
    server.signatures.delete(n);
    const relabeled = await there.wallet.checkForWarnings().catch((err: unknown) => err);
    expect(relabeled).toMatchObject({ code: "bad_package", file: `${n + 1}.bin` });
    // Once the real package is back in place, the same phone warns.
    server.packages.delete(n + 1);
    server.signatures.delete(n + 1);
    await server.warn(v.id, T0, T0 + 60 * MIN, T0 + 2 * 3_600_000);
    expect(await there.wallet.checkForWarnings()).toHaveLength(1);
    expect(
      () =>
        new CheckInWallet(
          { store: new MemoryStore(), clock: there.clock, http: server, random: new SeededRandom(1) },
          { pageUrl: PAGE, warningsUrl: "https://bluezone.example.vn/w" },
        ),
    ).toThrow(DeviceConfigError);
  });

  it("reports each check-in once for an F0 upload; the uploader's own reports never warn it", async () => {
    const server = new FakeServer();
    const v = venue("Văn phòng", 60, 7);
    const { clock, wallet } = phone(server);
    const c = await wallet.checkIn(v.url);
    clock.advanceMs(50 * MIN);
    await wallet.checkOut(c.id);
    const first = await wallet.pendingReports();
    expect(first.checkInIds).toEqual([c.id]);
    expect(first.reports).toHaveLength(1);
    await wallet.markReported(first.checkInIds);
    expect(await wallet.pendingReports()).toEqual({ reports: [], checkInIds: [] });
    const r = first.reports[0]!;
    const interval = traceWarningIntervalNumber(clock.nowMs() + 3_600_000);
    const bin = encodeTraceWarningPackage({
      intervalNumber: interval,
      region: "VN",
      checkInProtectedReports: [
        {
          locationIdHash: base64ToBytes(r.locationIdHash),
          iv: base64ToBytes(r.iv),
          encryptedCheckInRecord: base64ToBytes(r.encryptedCheckInRecord),
          mac: base64ToBytes(r.mac),
        },
      ],
    });
    server.packages.set(interval, bin);
    server.signatures.set(interval, await signDer(bin));
    expect(await wallet.checkForWarnings()).toEqual([]);
    // Another phone that was there at the same time warns from the same report.
    const other = phone(server);
    const d = await other.wallet.checkIn(v.url);
    other.clock.advanceMs(50 * MIN);
    await other.wallet.checkOut(d.id);
    expect(await other.wallet.checkForWarnings()).toEqual([expect.objectContaining({ checkInId: d.id })]);
  });
});
