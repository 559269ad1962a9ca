// End-to-end proximity tracing against the REAL server (auth, verification, submission, export, retention on
// PGlite or PostgreSQL) with phones on a VirtualRadio; server and phones share one simulated clock.
import {
  ExportRejectedError,
  type MemoryStore,
  PhoneSimulation,
  SimulatedClock,
  type SimulatedPhone,
} from "@bluezone/device";
import {
  decodeSignatureList,
  generateSigningKeyPair,
  ReportType,
  readExportZip,
  signExport,
  writeExportZip,
} from "@bluezone/protocol";
import { createAccount, createTestApp, rows, sql, type TestApp } from "@bluezone/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InjectHttp } from "./api.ts";
import { SCENE_FEATURES, type ServerJobs, serverJobs } from "./local-server.ts";
import { DAY_MS, scenePhones, sceneTimes, vnTime } from "./scene.ts";
import {
  DEFAULT_HEALTH_AUTHORITY_ID,
  DEFAULT_REGION_FOLDER,
  fetchExposureSource,
  HealthAuthorityOfficer,
} from "./server-api.ts";

const DAY_A = Date.UTC(2026, 10, 2); // Monday 2026-11-02
const T = sceneTimes(DAY_A);
/** hh:mm Vietnam time on scene day `day`. */
const vn = (day: number, h: number, m = 0) => vnTime(DAY_A, day, h, m);
const BASE = "http://bluezone.test";
const INDEX = `${DEFAULT_REGION_FOLDER}/index.txt`;
const ENV = { AUTH_SCRYPT_COST: "10" };
const TEXT = { contentType: "text/plain; charset=utf-8" };

let t: TestApp;
let clock: SimulatedClock;
let jobs: ServerJobs;
let officer: HealthAuthorityOfficer;
let sim: PhoneSimulation;
const phone = (id: string): SimulatedPhone => sim.phone(id);

async function dumpStore(p: SimulatedPhone): Promise<Record<string, unknown>> {
  const store = p.store as MemoryStore;
  const out: Record<string, unknown> = {};
  for (const k of await store.list("")) out[k] = await store.get(k);
  return out;
}

async function serverKeys() {
  return rows<{ report_type: number; days_since_onset: number | null; available_at: string; n: number }>(
    t.db,
    sql`SELECT report_type::int AS report_type, days_since_onset::int AS days_since_onset,
          to_char(available_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS available_at, count(*)::int AS n
        FROM diagnosis_keys GROUP BY 1, 2, 3 ORDER BY 3, 1`,
  );
}

async function serverKeysOlderThan(ms: number): Promise<number> {
  const [row] = await rows<{ n: number }>(
    t.db,
    sql`SELECT count(*)::int AS n FROM diagnosis_keys WHERE created_at < ${new Date(ms).toISOString()}::timestamptz`,
  );
  return row?.n ?? -1;
}

async function indexLines(): Promise<string[]> {
  const bytes = await t.blobs.get(INDEX);
  return bytes ? new TextDecoder().decode(bytes).split("\n").filter(Boolean) : [];
}

beforeAll(async () => {
  clock = new SimulatedClock(T.startMs);
  const now = () => new Date(clock.nowMs());
  t = await createTestApp({ features: SCENE_FEATURES, env: ENV, clock: now });
  jobs = serverJobs({ db: t.db, blobs: t.blobs, clock: now, env: ENV });
  const http = new InjectHttp(t.app, BASE);
  const api = http.api();
  await createAccount(
    t.db,
    { username: "cdc.hanoi", password: "officer-password", role: "health_authority", unitCode: "01" },
    { scryptCost: 10 },
  );
  officer = await HealthAuthorityOfficer.login(api, "cdc.hanoi", "officer-password");
  const exposureSource = await fetchExposureSource(api, `${BASE}/blobs`);
  sim = new PhoneSimulation({
    startMs: T.startMs,
    seed: 42,
    http,
    clock,
    config: {
      exposureSource,
      keyServer: { baseUrl: BASE, healthAuthorityID: DEFAULT_HEALTH_AUTHORITY_ID },
    },
  });
  for (const spec of scenePhones(T)) await sim.addPhone(spec);
});

afterAll(async () => {
  await sim?.stop();
  await t?.close();
});

describe("F0 -> F1 -> F2 through the real server", () => {
  it("phones trust the export key from GET /v1/export-keys; before any upload nobody is exposed", async () => {
    const source = phone("B").engine.config.exposureSource;
    expect(source?.publicKeys).toHaveLength(1);
    expect(source?.publicKeys[0]?.keyId).toMatch(/^bluezone-export/);
    expect(String(source?.publicKeys[0]?.key)).toContain("BEGIN PUBLIC KEY");

    await sim.runUntil(vn(0, 14));
    expect(phone("B").engine.diagnostics().sightings).toBeGreaterThan(3); // heard A during 20 min
    expect(phone("C").engine.diagnostics().sightings).toBe(0); // met nobody yet
    for (const p of sim.phones) {
      const r = await p.engine.checkForExposures();
      expect(r).toMatchObject({ newFiles: 0, status: { level: "not_exposed" } });
    }
  });

  it("A uploads with consent and a confirmed code from a health-authority officer; its key is embargoed", async () => {
    await sim.runUntil(vn(0, 15));
    const { code } = await officer.issueCode({ testType: "confirmed", symptomDate: "2026-11-02" });
    expect(code).toMatch(/^\d{8}$/);
    const outcome = await phone("A").engine.uploadKeys({ code, consent: true });
    expect(outcome).toMatchObject({ testType: "confirmed", keyCount: 1, insertedExposures: 1 });
    expect((await phone("A").engine.status()).level).toBe("F0");
    // Still valid today: held until 2 h after the end of its UTC day; onset = day of the key (HIGH).
    expect(await serverKeys()).toEqual([
      {
        report_type: ReportType.CONFIRMED_TEST,
        days_since_onset: 0,
        available_at: "2026-11-03T02:00",
        n: 1,
      },
    ]);
    // A code is single use.
    await expect(phone("D").engine.uploadKeys({ code, consent: true })).rejects.toMatchObject({
      step: "verify",
    });

    await sim.runUntil(vn(0, 16, 6));
    const run = await jobs.exportNow();
    expect(run.published.flatMap((b) => b.files)).toEqual([]);
    expect(await indexLines()).toEqual([]);
    expect((await phone("B").engine.checkForExposures()).status.level).toBe("not_exposed");
  });

  it("the window closing just before the embargo ends does not release the key", async () => {
    await sim.runUntil(vn(1, 9, 4)); // 02:04 UTC: window 01:00-02:00 not closed yet (close delay 5 min)
    const run = await jobs.exportNow();
    expect(run.published.reduce((n, b) => n + b.keys, 0)).toBe(0);
    expect(await indexLines()).toEqual([]);
  });

  it("a file signed with a foreign key is rejected with a clear error and changes nothing on the phone", async () => {
    await sim.runUntil(vn(1, 9, 6));
    const run = await jobs.exportNow();
    expect(run.published).toHaveLength(1);
    expect(run.published[0]).toMatchObject({ keys: 1, paddingKeys: 139 }); // minimum batch size 140
    const genuine = run.published[0]!.files[0]!;
    const index = await t.blobs.get(INDEX);
    expect(await indexLines()).toEqual([genuine]);

    // The same export.bin, signed with another P-256 key that claims the server's key id and version.
    const archive = readExportZip((await t.blobs.get(genuine))!);
    const info = decodeSignatureList(archive.exportSig).signatures[0]!.signatureInfo;
    const foreign = await generateSigningKeyPair();
    const forged = `${DEFAULT_REGION_FOLDER}/forged-1-of-1.zip`;
    await t.blobs.put(
      forged,
      writeExportZip({
        exportBin: archive.exportBin,
        exportSig: await signExport(archive.exportBin, foreign.privateKey, info, 1, 1),
      }),
      { contentType: "application/zip" },
    );
    await t.blobs.put(INDEX, new TextEncoder().encode(`${genuine}\n${forged}\n`), TEXT);

    const b = phone("B");
    const before = await dumpStore(b);
    const error = await b.engine.checkForExposures().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportRejectedError);
    expect(error).toMatchObject({ code: "bad_signature", file: forged });
    expect((error as Error).message).toMatch(/forged-1-of-1\.zip rejected: its signature does not verify/);
    expect(await dumpStore(b)).toEqual(before); // not even the genuine file was taken
    expect((await b.engine.status()).level).toBe("not_exposed");

    await t.blobs.put(INDEX, index!, TEXT);
    await t.blobs.delete(forged);
  });

  it("after the export, B is F1 for 02/11/2026; D (10 m, 2 min) and C are not exposed; A stays F0", async () => {
    await sim.runUntil(vn(1, 9, 20));
    const b = await phone("B").engine.checkForExposures();
    expect(b).toMatchObject({ newFiles: 1, keysChecked: 140, newExposures: 1 });
    expect(b.status.level).toBe("F1");
    expect(b.status.exposureDateMs).toBe(DAY_A);
    expect(b.status.score).toBeGreaterThanOrEqual(900);
    expect(b.status.advice.vi).toContain("02/11/2026");
    expect(b.status.advice.en).toContain("2026-11-02");

    // D's phone did hear A once (seed 42: one scan fell in the 2-minute pass) but scores far below 15 minutes.
    const d = await phone("D").engine.checkForExposures();
    expect(d.newExposures).toBe(1);
    expect(d.status.level).toBe("not_exposed");
    expect((await phone("C").engine.checkForExposures()).status.level).toBe("not_exposed");
    expect((await phone("A").engine.checkForExposures()).status.level).toBe("F0");
  });

  it("B uploads with consent and a close-contact code: RECURSIVE keys; after the export C is F2", async () => {
    await sim.runUntil(vn(1, 14));
    const { code } = await officer.issueCode({ testType: "close_contact", testDate: "2026-11-03" });
    const outcome = await phone("B").engine.uploadKeys({ code, consent: true });
    expect(outcome).toMatchObject({ testType: "close_contact", keyCount: 2, insertedExposures: 2 });
    expect((await phone("B").engine.status()).level).toBe("F1"); // a close contact is not an F0
    const recursive = (await serverKeys()).filter((k) => k.report_type === ReportType.RECURSIVE);
    expect(recursive).toEqual([
      // yesterday's key is released at once, today's is embargoed until 02:00 UTC tomorrow
      { report_type: ReportType.RECURSIVE, days_since_onset: -1, available_at: "2026-11-03T07:00", n: 1 },
      { report_type: ReportType.RECURSIVE, days_since_onset: 0, available_at: "2026-11-04T02:00", n: 1 },
    ]);

    // 15:05: B's key of 02/11 is exported; C met B on 03/11, so nothing yet.
    await sim.runUntil(vn(1, 15, 6));
    expect((await jobs.exportNow()).published.map((b) => b.keys)).toEqual([1]);
    expect((await phone("C").engine.checkForExposures()).status.level).toBe("not_exposed");

    // Next morning, after the embargo: B's key of 03/11 is exported and C becomes F2.
    await sim.runUntil(vn(2, 9, 6));
    expect((await jobs.exportNow()).published.map((b) => b.keys)).toEqual([1]);
    await sim.runUntil(vn(2, 9, 20));
    const c = await phone("C").engine.checkForExposures();
    expect(c.status.level).toBe("F2");
    expect(c.status.exposureDateMs).toBe(DAY_A + DAY_MS);
    expect(c.status.advice.vi).toContain("03/11/2026");
    expect(c.status.advice.vi).toContain("(F1)");
    expect((await phone("D").engine.checkForExposures()).status.level).toBe("not_exposed");
    expect((await phone("A").engine.checkForExposures()).status.level).toBe("F0");
    expect((await phone("B").engine.checkForExposures()).status.level).toBe("F1");
    expect(await indexLines()).toHaveLength(3);
  });
});

describe("retention after 15 simulated days", () => {
  it("no phone keeps TEKs or sightings older than 14 days", async () => {
    const end = vn(15, 10); // 2026-11-17 03:00 UTC
    await sim.runUntil(end);
    const cutoffMs = end - 14 * DAY_MS;
    const todayStart = Math.floor(end / DAY_MS) * DAY_MS;
    for (const p of sim.phones) {
      const store = await dumpStore(p);
      const teks = Object.keys(store).filter((k) => k.startsWith("tek/"));
      expect(teks).toHaveLength(14); // today and the 13 days before
      for (const k of teks)
        expect(Number(k.slice(4)) * 600_000).toBeGreaterThanOrEqual(todayStart - 13 * DAY_MS);
      for (const [k, v] of Object.entries(store)) {
        if (!k.startsWith("sighting/")) continue;
        for (const s of v as { timestampMs: number }[])
          expect(s.timestampMs).toBeGreaterThanOrEqual(cutoffMs);
      }
      expect(p.engine.diagnostics().sightings).toBe(0); // every meeting was more than 14 days ago
    }
    // Exposure windows carry only their UTC day: 02/11 has aged out, 03/11 (today - 14) is the oldest kept.
    expect((await phone("B").engine.status()).level).toBe("not_exposed");
    expect((await phone("C").engine.status()).level).toBe("F2");
  });

  it("the server's retention job deletes keys, batches and files older than 14 days", async () => {
    const listed = await indexLines();
    const result = await jobs.retentionNow();
    expect(result.cutoff.toISOString()).toBe("2026-11-03T03:00:00.000Z");
    expect(result).toMatchObject({ diagnosisKeys: 1, exportFiles: 1 }); // A's key and A's file
    const old = await rows<{ n: number }>(
      t.db,
      sql`SELECT (SELECT count(*) FROM diagnosis_keys WHERE created_at < ${result.cutoff.toISOString()}::timestamptz)::int
           + (SELECT count(*) FROM export_batches WHERE end_at < ${result.cutoff.toISOString()}::timestamptz)::int AS n`,
    );
    expect(old[0]?.n).toBe(0);
    expect(await indexLines()).toEqual(listed.slice(1));
    expect(await t.blobs.exists(listed[0]!)).toBe(false);
    for (const path of listed.slice(1)) expect(await t.blobs.exists(path)).toBe(true);
  });

  it("a day later C's exposure of 03/11 has aged out too", async () => {
    await sim.runUntil(vn(16, 7)); // 2026-11-18 00:00 UTC
    expect((await phone("C").engine.status()).level).toBe("not_exposed");
    expect(await serverKeysOlderThan(vn(16, 7) - 14 * DAY_MS)).toBe(2); // B's two keys, until the job runs
    await jobs.retentionNow();
    expect(await serverKeysOlderThan(vn(16, 7) - 14 * DAY_MS)).toBe(0);
  });

  it("a phone's retained keys all pass the server's key-age validation", async () => {
    const { code } = await officer.issueCode({ testType: "confirmed", symptomDate: "2026-11-18" });
    const outcome = await phone("C").engine.uploadKeys({ code, consent: true });
    expect(outcome).toMatchObject({ keyCount: 14, insertedExposures: 14 });
  });
});
