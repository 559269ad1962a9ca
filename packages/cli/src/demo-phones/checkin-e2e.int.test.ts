// End-to-end venue check-in against the REAL server (auth, units, verification, submission, export keys,
// check-in with its hourly warning job, on PGlite or PostgreSQL) and real phone engines with check-in wallets:
// an F0's check-ins go up with its keys, signed warning packages warn the phone that overlapped, not the one
// that left early; a health-authority flag warns too; a tampered signature is refused by the phone.
import {
  type CheckInWarning,
  DeviceEngine,
  MemoryStore,
  type Radio,
  SeededRandom,
  SimulatedClock,
  WarningPackageRejectedError,
} from "@bluezone/device";
import { createAccount, createTestApp, features, rows, sql, type TestApp } from "@bluezone/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InjectHttp, type JsonApi } from "./api.ts";
import { DEFAULT_HEALTH_AUTHORITY_ID, fetchExposureSource, HealthAuthorityOfficer } from "./server-api.ts";

const BASE = "http://bluezone.test";
const WARNINGS = "checkin/warnings";
const MIN = 60_000;
const HOUR = 60 * MIN;
/** 2026-11-02 00:00 UTC; times below are UTC. */
const DAY = Date.UTC(2026, 10, 2);
const at = (h: number, m = 0) => DAY + h * HOUR + m * MIN;
const BEN_THANH = "26743";
const WARNINGS_JOB = "checkin.publish-warnings";
const FEATURES = ["auth", "units", "verification", "submission", "export", "checkin"];

/** Phones here only check in: no Bluetooth contact is simulated. */
const quietRadio = (): Radio => ({
  startAdvertising: () => undefined,
  stopAdvertising: () => undefined,
  onScanResult: () => () => undefined,
});

let t: TestApp;
let clock: SimulatedClock;
let http: InjectHttp;
let api: JsonApi;
let officer: HealthAuthorityOfficer;
let bearer: string;
let venue: { id: string; checkInUrl: string };
const phones = new Map<string, DeviceEngine>();

async function addPhone(id: string, seed: number): Promise<DeviceEngine> {
  const exposureSource = await fetchExposureSource(api, `${BASE}/blobs`);
  const engine = new DeviceEngine({
    radio: quietRadio(),
    store: new MemoryStore(),
    clock,
    http,
    random: new SeededRandom(seed),
    config: { exposureSource, keyServer: { baseUrl: BASE, healthAuthorityID: DEFAULT_HEALTH_AUTHORITY_ID } },
    checkIn: { pageUrl: `${BASE}/c/`, serverUrl: BASE, warningsUrl: `${BASE}/blobs/${WARNINGS}` },
  });
  await engine.start();
  phones.set(id, engine);
  return engine;
}
const phone = (id: string): DeviceEngine => {
  const p = phones.get(id);
  if (!p) throw new Error(`no phone ${id}`);
  return p;
};
const wallet = (id: string) => {
  const w = phone(id).checkIns;
  if (!w) throw new Error(`phone ${id} has no wallet`);
  return w;
};

/** Advances the shared clock to `ms`, ticking every phone (keys roll over at UTC midnight). */
async function runUntil(ms: number): Promise<void> {
  clock.advanceMs(ms - clock.nowMs());
  for (const p of phones.values()) await p.tick();
}

/** Checks phone `id` in at `fromMs` and out at `toMs` (the clock moves to `toMs`). */
async function visit(id: string, fromMs: number, toMs: number): Promise<string> {
  await runUntil(fromMs);
  const c = await wallet(id).checkIn(venue.checkInUrl);
  await runUntil(toMs);
  await wallet(id).checkOut(c.id);
  return c.id;
}

async function runWarningsJob(): Promise<void> {
  await t.jobs.enqueue(WARNINGS_JOB, {}, { runAt: new Date(clock.nowMs()) });
  await t.worker.drain();
}

async function warningIntervals(): Promise<number[]> {
  const index = await t.blobs.get(`${WARNINGS}/index.json`);
  return index ? (JSON.parse(new TextDecoder().decode(index)) as { intervals: number[] }).intervals : [];
}

async function storedReports(): Promise<{ source: string; hour: string; n: number }[]> {
  return rows(
    t.db,
    sql`SELECT source, to_char(hour AT TIME ZONE 'UTC', 'HH24:MI') AS hour, count(*)::int AS n
        FROM check_in_reports GROUP BY 1, 2 ORDER BY 2, 1`,
  );
}

beforeAll(async () => {
  clock = new SimulatedClock(at(8));
  t = await createTestApp({
    features: features.filter((f) => FEATURES.includes(f.name)),
    env: { AUTH_SCRYPT_COST: "10", CHECKIN_PRESENCE_RATE_LIMIT: "100000" },
    clock: () => new Date(clock.nowMs()),
    config: { publicBaseUrl: BASE },
  });
  http = new InjectHttp(t.app, BASE);
  api = http.api();
  await createAccount(
    t.db,
    { username: "cdc.hcm", password: "officer-password", role: "health_authority", unitCode: "79" },
    { scryptCost: 10 },
  );
  officer = await HealthAuthorityOfficer.login(api, "cdc.hcm", "officer-password");
  const login = await api("POST", "/v1/auth/login", {
    body: { username: "cdc.hcm", password: "officer-password" },
  });
  bearer = (login.body as { token: string }).token;
  const registered = await api("POST", "/v1/venues", {
    bearer,
    body: {
      name: "Chợ Bến Thành",
      address: "Lê Lợi, Phường Bến Thành",
      communeCode: BEN_THANH,
      category: "market",
      defaultCheckInMinutes: 60,
    },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  venue = (registered.body as { venue: typeof venue }).venue;
  for (const [id, seed] of [
    ["A", 1],
    ["B", 2],
    ["C", 3],
    ["D", 4],
    ["E", 5],
  ] as const) {
    await addPhone(id, seed);
  }
}, 60_000);

afterAll(async () => {
  for (const p of phones.values()) await p.stop();
  await t?.close();
});

describe("check-in warnings through the real server", () => {
  it("an F0's check-ins go up with its keys; the phone that overlapped warns, the one that left early does not", async () => {
    expect(venue.checkInUrl.startsWith(`${BASE}/c/`)).toBe(true);
    // C 09:00-10:05, A (the future F0) 10:00-11:00, B 10:30-11:30 (interleaved on one clock).
    await runUntil(at(9));
    const c = await wallet("C").checkIn(venue.checkInUrl);
    await runUntil(at(10));
    const a = await wallet("A").checkIn(venue.checkInUrl);
    await runUntil(at(10, 5));
    await wallet("C").checkOut(c.id);
    await runUntil(at(10, 30));
    const b = await wallet("B").checkIn(venue.checkInUrl);
    await runUntil(at(11));
    await wallet("A").checkOut(a.id);
    await runUntil(at(11, 30));
    await wallet("B").checkOut(b.id);

    await runUntil(at(12, 10));
    const { code } = await officer.issueCode({ testType: "confirmed", symptomDate: "2026-11-01" });
    const outcome = await phone("A").uploadKeys({ code, consent: true });
    expect(outcome).toMatchObject({
      testType: "confirmed",
      checkInReportCount: 1,
      insertedCheckInReports: 1,
      reportedCheckInIds: [a.id],
    });
    expect(outcome.insertedExposures).toBeGreaterThan(0);
    expect(await storedReports()).toEqual([{ source: "upload", hour: "12:00", n: 1 }]);

    // The 12:00 hour is still open: nothing is published; at 13:05 the job publishes it, signed.
    await runWarningsJob();
    expect(await warningIntervals()).toEqual([]);
    expect(await wallet("B").checkForWarnings()).toEqual([]);
    await runUntil(at(13, 5));
    await runWarningsJob();
    expect(await warningIntervals()).toEqual([Math.floor(at(12) / HOUR)]);
    expect(await t.blobs.get(`${WARNINGS}/${Math.floor(at(12) / HOUR)}.sig`)).not.toBeNull();

    const warned = await wallet("B").checkForWarnings();
    expect(warned).toEqual([
      expect.objectContaining<Partial<CheckInWarning>>({
        checkInId: b.id,
        venueName: "Chợ Bến Thành",
        overlapMinutes: 60, // A's 10:00-11:00 is published with CWA's 30 min of aerosol decay: until 11:30
      }),
    ]);
    const status = await phone("B").status();
    expect(status.level).toBe("not_exposed");
    expect(status.checkInWarning?.advice.vi).toContain("Bạn đã ở cùng địa điểm với ca bệnh: Chợ Bến Thành");
    expect(status.checkInWarning?.advice.en).toContain("You were at the same place as a case");
    // C overlapped 5 minutes (< 15); A's own check-in never warns A.
    expect(await wallet("C").checkForWarnings()).toEqual([]);
    expect((await phone("C").status()).checkInWarning).toBeUndefined();
    expect(await wallet("A").checkForWarnings()).toEqual([]);
    expect((await phone("A").status()).level).toBe("F0");
  });

  it("a close contact's upload sends no check-ins", async () => {
    await visit("E", at(13, 10), at(13, 50));
    const { code } = await officer.issueCode({ testType: "close_contact" });
    const outcome = await phone("E").uploadKeys({ code, consent: true });
    expect(outcome).toMatchObject({
      testType: "close_contact",
      checkInReportCount: 0,
      insertedCheckInReports: 0,
    });
    expect(await storedReports()).toEqual([{ source: "upload", hour: "12:00", n: 1 }]);
  });

  it("a health-authority flag of a venue window warns a phone that was there", async () => {
    const d = await visit("D", at(14), at(14, 40));
    await runUntil(at(15, 5)); // the officer flags the window after the interview
    const flagged = await api("POST", `/v1/venues/${venue.id}/flags`, {
      bearer,
      body: { startsAt: new Date(at(14, 10)).toISOString(), endsAt: new Date(at(15)).toISOString() },
    });
    expect(flagged.status, JSON.stringify(flagged.body)).toBe(201);
    await runUntil(at(16, 2));
    await runWarningsJob();
    expect(await storedReports()).toEqual([
      { source: "upload", hour: "12:00", n: 1 },
      { source: "flag", hour: "15:00", n: 1 },
    ]);
    expect(await wallet("D").checkForWarnings()).toEqual([
      expect.objectContaining({ checkInId: d, overlapMinutes: 30 }),
    ]);
    expect((await phone("D").status()).checkInWarning?.warnings).toHaveLength(1);
  });

  it("a phone refuses a package whose signature was tampered with, and accepts it once restored", async () => {
    const fresh = await addPhone("F", 6);
    const f = await visit("F", at(16, 10), at(16, 50));
    const n = Math.floor(at(12) / HOUR);
    const sig = await t.blobs.get(`${WARNINGS}/${n}.sig`);
    if (!sig) throw new Error("no signature");
    const tampered = sig.slice();
    tampered[10] = (tampered[10] ?? 0) ^ 0x01;
    await t.blobs.put(`${WARNINGS}/${n}.sig`, tampered, { contentType: "application/octet-stream" });
    const rejected = await fresh.checkIns?.checkForWarnings().catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(WarningPackageRejectedError);
    expect(rejected).toMatchObject({ code: "bad_signature", file: `${n}.bin` });
    expect(String((rejected as Error).message)).toContain("does not verify");
    await t.blobs.put(`${WARNINGS}/${n}.sig`, sig, { contentType: "application/octet-stream" });
    expect(await fresh.checkIns?.checkForWarnings()).toEqual([]);
    expect(await fresh.checkIns?.warnings()).toEqual([]);
    expect((await fresh.checkIns?.list())?.map((c) => c.id)).toEqual([f]);
  });
});
