import {
  base64ToBytes,
  buildCheckInUrl,
  checkInRecordFromTimes,
  encodeTraceWarningPackage,
  encryptCheckInRecord,
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
import { checkInFromUrl, editTimes, effectiveEndMs, isExpired, OVERLAP_WARNING_TEXT } from "./check-in.ts";
import { CheckInWallet } from "./wallet.ts";

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

/** A server holding warning packages and recording presence ticks. */
class FakeServer implements Http {
  readonly ticks: unknown[] = [];
  readonly packages = new Map<number, Uint8Array>();
  async get(url: string): Promise<HttpBytesResponse> {
    const enc = new TextEncoder();
    if (url.endsWith("/index.json")) {
      return { status: 200, body: enc.encode(JSON.stringify({ intervals: [...this.packages.keys()] })) };
    }
    const m = /\/(\d+)\.bin$/.exec(url);
    const pkg = m ? this.packages.get(Number(m[1])) : undefined;
    return pkg ? { status: 200, body: pkg } : { status: 404, body: new Uint8Array() };
  }
  async postJson(url: string, body: unknown): Promise<HttpJsonResponse> {
    if (url.endsWith("/v1/presence")) this.ticks.push(body);
    return { status: 204, body: undefined };
  }
  /** Publishes a warning for the venue from `startMs` to `endMs`. */
  warn(id: Uint8Array, startMs: number, endMs: number, atMs: number) {
    const report = encryptCheckInRecord(
      checkInRecordFromTimes(startMs, endMs, 8),
      id,
      new Uint8Array(16).fill(9),
    );
    const interval = traceWarningIntervalNumber(atMs);
    this.packages.set(
      interval,
      encodeTraceWarningPackage({
        intervalNumber: interval,
        region: "VN",
        checkInProtectedReports: [report],
      }),
    );
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
    server.warn(v.id, T0 + 20 * MIN, T0 + 90 * MIN, T0 + 3 * 3_600_000);
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
});
