import { createPublicKey, verify } from "node:crypto";
import {
  checkInOverlapMinutes,
  checkInUrlDescriptor,
  decodeTraceWarningPackage,
  deriveTraceWarnings,
  locationId,
  parseCheckInUrl,
  traceWarningIntervalNumber,
} from "@bluezone/protocol";
import { isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listPublicKeys } from "../keys/index.ts";
import { BEN_THANH, type CheckinHarness, createCheckinHarness, venueBody } from "./checkin.testutil.ts";
import { CHECKIN_WARNINGS_JOB, checkInReports, WARNINGS_PREFIX, type WarningIndex } from "./index.ts";

const PAGE = "https://bluezone.example.vn/c/";
const MIN = 60_000;
let h: CheckinHarness;
let officer: string;
let hcm: string;

beforeAll(async () => {
  h = await createCheckinHarness({ start: new Date("2026-05-10T06:20:00Z") });
  officer = await h.official("officer", "health_authority", "79");
  hcm = await h.official("hcm", "province", "79");
});
afterAll(() => h.close());

/** The start of the UTC hour `offset` hours from the one `at` is in. */
const hourOf = (at: Date, offset = 0) =>
  new Date((Math.floor(at.getTime() / 3_600_000) + offset) * 3_600_000);

const flag = (bearer: string, id: string, body: unknown) =>
  h.t.app.inject({
    method: "POST",
    url: `/v1/venues/${id}/flags`,
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    payload: JSON.stringify(body),
  });

async function runJob(): Promise<void> {
  await h.t.jobs.enqueue(CHECKIN_WARNINGS_JOB, {}, { runAt: h.clock.now });
  await h.t.worker.drain();
}

/** What a phone does: read the index, fetch and verify each package, decrypt for its own venues. */
async function downloadWarnings() {
  const indexBlob = await h.t.blobs.get(`${WARNINGS_PREFIX}/index.json`);
  if (!indexBlob) return { index: undefined, reports: [] };
  const index = JSON.parse(new TextDecoder().decode(indexBlob)) as WarningIndex;
  const [key] = await listPublicKeys(h.t.db, "export");
  const reports = [];
  for (const interval of index.intervals) {
    const bin = await h.t.blobs.get(`${WARNINGS_PREFIX}/${interval}.bin`);
    const sig = await h.t.blobs.get(`${WARNINGS_PREFIX}/${interval}.sig`);
    if (!bin || !sig) throw new Error(`package ${interval} missing`);
    const [binBytes, sigBytes] = [bin, sig];
    expect(
      verify(
        "sha256",
        binBytes,
        { key: createPublicKey(key?.publicPem ?? ""), dsaEncoding: "der" },
        sigBytes,
      ),
    ).toBe(true);
    const pkg = decodeTraceWarningPackage(binBytes);
    expect(pkg.intervalNumber).toBe(interval);
    reports.push(...pkg.checkInProtectedReports);
  }
  return { index, reports };
}

describe("flagged venue windows", () => {
  it("publishes a signed hourly package that warns a phone that was there, not one that left before", async () => {
    const res = await h.register(hcm, venueBody({ name: "Karaoke Bến Thành", communeCode: BEN_THANH }));
    const venue = res.json().venue as { id: string; checkInUrl: string };
    const flagged = await flag(officer, venue.id, {
      startsAt: "2026-05-10T02:00:00Z",
      endsAt: "2026-05-10T03:00:00Z",
    });
    expect(flagged.statusCode, flagged.body).toBe(201);
    expect(flagged.json()).toMatchObject({ venueId: venue.id, transmissionRiskLevel: 8 });

    // The current hour is not closed: nothing is published yet.
    await runJob();
    expect((await downloadWarnings()).reports).toHaveLength(0);

    h.advance(60 * MIN); // 07:20: the 06:00 hour is closed
    await runJob();
    const { index, reports } = await downloadWarnings();
    expect(index?.intervals).toEqual([traceWarningIntervalNumber(Date.parse("2026-05-10T06:00:00Z"))]);
    expect(reports).toHaveLength(1);

    // Phones know the venue only from its QR code.
    const id = locationId(parseCheckInUrl(venue.checkInUrl, [checkInUrlDescriptor(PAGE)]).payloadBytes);
    const warnings = deriveTraceWarnings(reports, [id]);
    expect(warnings).toHaveLength(1);
    const w = warnings[0];
    if (!w) throw new Error("no warning");
    const overlap = (startIso: string, endIso: string) =>
      checkInOverlapMinutes(
        { locationId: id, startMs: Date.parse(startIso), endMs: Date.parse(endIso) },
        { ...w, locationId: id },
      );
    expect(overlap("2026-05-10T02:40:00Z", "2026-05-10T03:30:00Z")).toBe(20);
    expect(overlap("2026-05-10T01:00:00Z", "2026-05-10T01:55:00Z")).toBeNull();
    // Another venue's phone finds nothing.
    const other = (await h.register(hcm, venueBody())).json().venue as { checkInUrl: string };
    const otherId = locationId(parseCheckInUrl(other.checkInUrl, [checkInUrlDescriptor(PAGE)]).payloadBytes);
    expect(deriveTraceWarnings(reports, [otherId])).toHaveLength(0);

    // Rerunning publishes nothing new and keeps the index.
    await runJob();
    expect((await downloadWarnings()).index?.intervals).toEqual(index?.intervals);
  });

  it("republishes an hour whose report committed after its package was written, instead of losing it", async () => {
    const late = {
      source: "upload" as const,
      locationIdHash: new Uint8Array(32).fill(7),
      iv: new Uint8Array(16).fill(1),
      encryptedCheckInRecord: new Uint8Array(16).fill(2),
      mac: new Uint8Array(32).fill(3),
    };
    const flagged = (await h.register(hcm, venueBody())).json().venue as { id: string };
    h.advance(60 * MIN); // a new hour with one report, closed
    await flag(officer, flagged.id, { startsAt: "2026-05-10T05:00:00Z", endsAt: "2026-05-10T06:00:00Z" });
    h.advance(60 * MIN);
    // The late report commits while the job is writing that hour's package (after it read the rows).
    const put = h.t.blobs.put.bind(h.t.blobs);
    let injected = false;
    h.t.blobs.put = async (key, ...rest) => {
      if (!injected && key.endsWith(".bin")) {
        injected = true;
        await h.t.db.insert(checkInReports).values({ ...late, hour: hourOf(h.clock.now, -1) });
      }
      return put(key, ...rest);
    };
    try {
      await runJob();
    } finally {
      h.t.blobs.put = put;
    }
    expect(injected).toBe(true);
    const before = (await downloadWarnings()).reports.length;
    // Not lost: still unpublished, so the next run rewrites the package with it.
    await runJob();
    const after = await downloadWarnings();
    expect(after.reports).toHaveLength(before + 1);
    expect(after.index?.intervals).toContain(traceWarningIntervalNumber(hourOf(h.clock.now, -1).getTime()));
    const left = await h.t.db.select().from(checkInReports).where(isNull(checkInReports.publishedAt));
    expect(left).toHaveLength(0);
  });

  it("accepts flags only from health authority officers in scope, for sane windows", async () => {
    const venue = (await h.register(hcm, venueBody())).json().venue as { id: string };
    const ok = { startsAt: "2026-05-10T02:00:00Z", endsAt: "2026-05-10T03:00:00Z" };
    expect((await flag(hcm, venue.id, ok)).statusCode).toBe(403);
    const hanoiOfficer = await h.official("officer-hn", "health_authority", "01");
    expect((await flag(hanoiOfficer, venue.id, ok)).statusCode).toBe(404);
    expect((await flag(officer, venue.id, { ...ok, endsAt: ok.startsAt })).json().code).toBe("bad-window");
    expect(
      (
        await flag(officer, venue.id, { startsAt: "2026-05-08T00:00:00Z", endsAt: "2026-05-09T01:00:00Z" })
      ).json().code,
    ).toBe("window-too-long");
    expect(
      (
        await flag(officer, venue.id, { startsAt: "2026-05-10T02:00:00Z", endsAt: "2026-05-11T01:00:00Z" })
      ).json().code,
    ).toBe("window-in-future");
    expect((await flag(officer, venue.id, { ...ok, transmissionRiskLevel: 9 })).statusCode).toBe(400);
    expect((await flag(officer, venue.id, { ...ok, transmissionRiskLevel: 3 })).statusCode).toBe(201);
  });
});
