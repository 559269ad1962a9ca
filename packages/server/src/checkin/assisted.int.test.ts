// Staff-assisted check-ins end to end on the test database: records sealed with libsodium (as the browser
// does) are stored only as sealed blobs, only door staff (or the tracing code) may add them, the health
// authority gets only records of flagged windows (each release audited), and nothing outlives 14 days.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sodium from "libsodium-wrappers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../audit/index.ts";
import { rows, sql } from "../platform/db/database.ts";
import { PROBLEM_CONTENT_TYPE } from "../platform/errors.ts";
import { ensureAssistedSealingKey, generateSealingKeyPair } from "./assisted-keys.ts";
import { runAssistedRetention } from "./assisted-retention.ts";
import { ASSISTED_RELEASE_ACTION } from "./assisted-routes.ts";
import { type CheckinHarness, checkinState, createCheckinHarness, venueBody } from "./checkin.testutil.ts";

const HOUR = 3_600_000;
const pair = generateSealingKeyPair();
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

let h: CheckinHarness;
let owner: string;
let officer: string;
let venueId: string;
let tracingCode: string;

function seal(record: Record<string, unknown>, publicKey = pair.publicKey): string {
  return b64(sodium.crypto_box_seal(new TextEncoder().encode(JSON.stringify(record)), publicKey));
}
function open(sealed: string): Record<string, unknown> {
  const plain = sodium.crypto_box_seal_open(Buffer.from(sealed, "base64"), pair.publicKey, pair.privateKey);
  return JSON.parse(new TextDecoder().decode(plain));
}

const post = (body: unknown, auth: { bearer?: string; code?: string } = {}) =>
  h.t.app.inject({
    method: "POST",
    url: "/v1/checkin/assisted",
    headers: {
      "content-type": "application/json",
      ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
      ...(auth.code !== undefined ? { "x-venue-tracing-code": auth.code } : {}),
    },
    payload: JSON.stringify(body),
  });
const release = (bearer: string, query: Record<string, string>) =>
  h.t.app.inject({
    method: "GET",
    url: `/v1/checkin/assisted?${new URLSearchParams(query)}`,
    headers: { authorization: `Bearer ${bearer}` },
  });
const iso = (ms: number) => new Date(ms).toISOString();
const visit = (name: string, arrivedMs: number, extra: Record<string, unknown> = {}) => ({
  venueId,
  sealed: seal({ v: 1, venueId, name, phone: "0912345678", arrivedAt: iso(arrivedMs) }),
  arrivedAt: iso(arrivedMs),
  ...extra,
});
const assistedCount = async () =>
  Number((await rows<{ n: string }>(h.t.db, sql`SELECT count(*) AS n FROM checkin_assisted_entries`))[0]?.n);

beforeAll(async () => {
  await sodium.ready;
  h = await createCheckinHarness({ env: { CHECKIN_ASSISTED_PUBLIC_KEY: b64(pair.publicKey) } });
  owner = await h.official("owner", "venue_owner", "owner-1");
  officer = await h.official("officer", "health_authority", "79");
  const res = await h.register(owner, venueBody());
  expect(res.statusCode, res.body).toBe(201);
  venueId = res.json().venue.id;
  tracingCode = res.json().tracingCode;
});
afterAll(() => h.close());

describe("staff-assisted check-in", () => {
  it("serves the configured public key", async () => {
    const res = await h.t.app.inject({ method: "GET", url: "/v1/checkin/assisted/public-key" });
    expect(res.statusCode).toBe(200);
    expect(res.json().publicKey).toBe(b64(pair.publicKey));
  });

  it("stores only the sealed blob, the venue and the arrival hour, and counts the entry and exit", async () => {
    const now = h.clock.now.getTime();
    const body = visit("Nguyễn Văn An", now - 9 * 60_000, { leftAt: iso(now - 2 * 60_000) });
    const res = await post(body, { bearer: owner });
    expect(res.statusCode, res.body).toBe(201);
    const hour = Math.floor((now - 9 * 60_000) / HOUR) * HOUR;
    expect(res.json().hour).toBe(iso(hour));
    const stored = await rows<Record<string, unknown>>(
      h.t.db,
      sql`SELECT * FROM checkin_assisted_entries WHERE id = ${res.json().id}`,
    );
    expect(Object.keys(stored[0] ?? {}).sort()).toEqual(["created_at", "hour", "id", "sealed", "venue_id"]);
    const sealed = Buffer.from(stored[0]?.sealed as Uint8Array);
    expect(sealed.toString("base64")).toBe(body.sealed);
    for (const secret of ["Nguyễn Văn An", "0912345678", "An"]) expect(sealed.includes(secret)).toBe(false);
    expect(open(sealed.toString("base64")).name).toBe("Nguyễn Văn An");
    const occupancy = await h.occupancy(venueId, { code: tracingCode });
    const counted = occupancy.json().hours.find((x: { hour: string }) => x.hour === iso(hour));
    expect(counted).toMatchObject({ enters: 1, exits: 1 });
  });

  it("lets the owner, a staff account scoped to the venue and the tracing code in; nobody else", async () => {
    const now = h.clock.now.getTime();
    const staff = await h.official("door", "venue_owner", venueId);
    const otherOwner = await h.official("other-owner", "venue_owner", "owner-2");
    const province = await h.official("hcm", "province", "79");
    expect((await post(visit("A", now), { code: tracingCode })).statusCode).toBe(201);
    expect((await post(visit("B", now), { bearer: staff })).statusCode).toBe(201);
    const before = await checkinState(h.t);
    for (const [auth, status] of [
      [{ code: "wrong-code" }, 404],
      [{ code: "" }, 404],
      [{ bearer: otherOwner }, 404],
      [{ bearer: province }, 403],
      [{ bearer: officer }, 403],
      [{}, 401],
    ] as const) {
      const res = await post(visit("C", now), auth);
      expect(res.statusCode, JSON.stringify(auth)).toBe(status);
      expect(res.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    }
    expect(await checkinState(h.t)).toBe(before);
  });

  it("rejects bad input with problem+json and stores nothing", async () => {
    const now = h.clock.now.getTime();
    const before = await checkinState(h.t);
    const cases: [Record<string, unknown>, string | undefined][] = [
      [{ ...visit("X", now), sealed: b64(new Uint8Array(20)) }, "bad-sealed"],
      [{ ...visit("X", now), sealed: "not base64!" }, "bad-sealed"],
      [{ ...visit("X", now), sealed: b64(new Uint8Array(2000)) }, undefined],
      [visit("X", now + HOUR), "time-in-future"],
      [visit("X", now - 15 * 24 * HOUR), "time-too-old"],
      [visit("X", now - HOUR, { leftAt: iso(now - 2 * HOUR) }), "bad-range"],
      [{ ...visit("X", now), arrivedAt: "yesterday" }, undefined],
      [{ ...visit("X", now), venueId: "AAAAAAAAAAAAAAAAAAAAAA" }, undefined],
    ];
    for (const [body, code] of cases) {
      const res = await post(body, { bearer: owner });
      expect(res.statusCode, JSON.stringify(body).slice(0, 200)).toBe(body.venueId === venueId ? 400 : 404);
      expect(res.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
      if (code) expect(res.json().code).toBe(code);
    }
    expect(await checkinState(h.t)).toBe(before);
  });

  it("releases only records of flagged windows, audits every release, and opens them with the private key", async () => {
    const now = h.clock.now.getTime();
    const flagged = now - 6 * HOUR;
    const quiet = now - 30 * HOUR;
    expect((await post(visit("Trần Thị Bình", flagged), { bearer: owner })).statusCode).toBe(201);
    expect((await post(visit("Lê Văn Cường", quiet), { bearer: owner })).statusCode).toBe(201);
    const query = { venueId, from: iso(now - 3 * 24 * HOUR), to: iso(now) };
    const audits = async () => (await listAudit(h.t.db, { action: ASSISTED_RELEASE_ACTION })).length;

    const none = await release(officer, query);
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json()).toMatchObject({ windows: [], records: [] });
    expect(await audits()).toBe(1);

    const flag = await h.t.app.inject({
      method: "POST",
      url: `/v1/venues/${venueId}/flags`,
      headers: { authorization: `Bearer ${officer}`, "content-type": "application/json" },
      payload: JSON.stringify({ startsAt: iso(flagged - 30 * 60_000), endsAt: iso(flagged + HOUR) }),
    });
    expect(flag.statusCode, flag.body).toBe(201);
    const res = await release(officer, query);
    expect(res.statusCode).toBe(200);
    const records = res.json().records as { sealed: string; hour: string }[];
    expect(records.map((r) => open(r.sealed).name)).toEqual(["Trần Thị Bình"]);
    expect(res.json().windows).toHaveLength(1);
    expect(await audits()).toBe(2);
    const [entry] = await listAudit(h.t.db, { action: ASSISTED_RELEASE_ACTION, limit: 1 });
    expect(entry?.detail).toMatchObject({
      venueId,
      recordIds: [expect.any(Number)],
      flagIds: [flag.json().id],
    });
    expect(entry?.username).toBe("officer");

    // A window outside the flag releases nothing; other units, roles and bad windows are refused.
    const outside = await release(officer, { venueId, from: iso(quiet - HOUR), to: iso(quiet + HOUR) });
    expect(outside.json().records).toEqual([]);
    const hanoi = await h.official("hanoi-officer", "health_authority", "01");
    const commune = await h.official("commune", "commune", "26743");
    expect((await release(hanoi, query)).statusCode).toBe(404);
    expect((await release(commune, query)).statusCode).toBe(403);
    expect((await release(owner, query)).statusCode).toBe(403);
    expect((await release(officer, { ...query, to: query.from })).statusCode).toBe(400);
    expect((await release(officer, { ...query, from: iso(now - 40 * 24 * HOUR) })).statusCode).toBe(400);
    expect((await release(officer, { venueId, from: "x", to: "y" })).statusCode).toBe(400);
    expect(await audits()).toBe(3); // the three answered releases; refused requests release nothing
  });

  it("deletes records 14 days after their hour, and never releases them after that", async () => {
    const start = h.clock.now.getTime();
    const fresh = await post(visit("Phạm Thị Dung", start), { bearer: owner });
    expect(fresh.statusCode).toBe(201);
    const retain = () => runAssistedRetention({ db: h.t.db, clock: () => h.clock.now });
    const older = async () =>
      Number(
        (
          await rows<{ n: string }>(
            h.t.db,
            sql`SELECT count(*) AS n FROM checkin_assisted_entries
                WHERE hour < ${iso(h.clock.now.getTime() - 14 * 24 * HOUR)}::timestamptz`,
          )
        )[0]?.n,
      );
    h.advance(13 * 24 * HOUR);
    const due = await older();
    expect(due).toBeGreaterThan(0); // the record of 30 h before the start
    expect((await retain()).deleted).toBe(due);
    // The flagged record (6 h before the start) passes 14 days: not released even before the job runs.
    h.advance(19 * HOUR);
    const query = { venueId, from: iso(start - 3 * 24 * HOUR), to: iso(h.clock.now.getTime()) };
    expect((await release(officer, query)).json().records).toEqual([]);
    expect((await retain()).deleted).toBeGreaterThan(0);
    expect(await older()).toBe(0);
    expect(await assistedCount()).toBeGreaterThan(0); // the fresh one is 13 d 19 h old
    h.advance(2 * 24 * HOUR);
    await retain();
    expect(await assistedCount()).toBe(0);
  });
});

describe("sealing key in demo mode", () => {
  it("is off without a key, then generated once: private key in a 0600 file, public key served", async () => {
    const demo = await createCheckinHarness();
    const dir = mkdtempSync(join(tmpdir(), "bz-sealing-"));
    try {
      const owner2 = await demo.official("owner", "venue_owner", "owner-1");
      const venue = (await demo.register(owner2, venueBody())).json().venue.id;
      const key = () => demo.t.app.inject({ method: "GET", url: "/v1/checkin/assisted/public-key" });
      expect((await key()).statusCode).toBe(503);
      const body = { venueId: venue, sealed: seal({ v: 1 }), arrivedAt: iso(demo.clock.now.getTime()) };
      const refused = await demo.t.app.inject({
        method: "POST",
        url: "/v1/checkin/assisted",
        headers: { authorization: `Bearer ${owner2}`, "content-type": "application/json" },
        payload: JSON.stringify(body),
      });
      expect(refused.statusCode).toBe(503);
      expect(refused.json().type).toBe("urn:bluezone:problem:assisted-not-configured");

      const first = await ensureAssistedSealingKey(demo.t.db, dir);
      expect(first.created).toBe(true);
      expect(statSync(first.file).mode & 0o777).toBe(0o600);
      const text = readFileSync(first.file, "utf8");
      const priv = /^private: (\S+)$/m.exec(text)?.[1] ?? "";
      const pub = /^public: (\S+)$/m.exec(text)?.[1] ?? "";
      expect(pub).toBe(first.publicKey);
      expect((await key()).json().publicKey).toBe(pub);
      const again = await ensureAssistedSealingKey(demo.t.db, dir);
      expect(again).toMatchObject({ created: false, publicKey: pub });
      const sealed = sodium.crypto_box_seal(new TextEncoder().encode("ok"), Buffer.from(pub, "base64"));
      const opened = sodium.crypto_box_seal_open(
        sealed,
        Buffer.from(pub, "base64"),
        Buffer.from(priv, "base64"),
      );
      expect(new TextDecoder().decode(opened)).toBe("ok");
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await demo.close();
    }
  });
});
