// Fuzz of the staff-assisted check-in endpoints (store, release, public key): >= 10,000 requests mixing garbage
// with near-valid bodies, sealed blobs, times, ids, tracing codes and windows. Never a 5xx; a rejected request
// leaves the check-in tables and the audit log as they were (scaffolding shared with public-api.fuzz).
import fc from "fast-check";
import sodium from "libsodium-wrappers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows, sql } from "../platform/db/database.ts";
import {
  createFuzzClient,
  type FuzzClient,
  printableToken,
  weird as weirdJson,
} from "../platform/fuzz.testutil.ts";
import { generateSealingKeyPair } from "./assisted-keys.ts";
import { type CheckinHarness, createCheckinHarness, venueBody } from "./checkin.testutil.ts";

const RUNS = { store: 6500, release: 3300, key: 300 };
const HOUR = 3_600_000;
const pair = generateSealingKeyPair();
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

describe("staff-assisted check-in endpoints under fuzzing", () => {
  let h: CheckinHarness;
  let fuzz: FuzzClient;
  const venues: { id: string; code: string }[] = [];
  const bearers: Record<string, string> = {};
  const sealedSamples: string[] = [];

  beforeAll(async () => {
    await sodium.ready;
    h = await createCheckinHarness({ env: { CHECKIN_ASSISTED_PUBLIC_KEY: b64(pair.publicKey) } });
    // Cheaper than checkinState's row hashes (thousands of 1 KiB blobs): what these endpoints can change.
    const state = async () => {
      const [row] = await rows<{ s: string }>(
        h.t.db,
        sql`SELECT concat_ws('/',
          (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(length(sealed)), 0)
             FROM checkin_assisted_entries),
          (SELECT count(*) || ':' || coalesce(sum(enters), 0) || ':' || coalesce(sum(exits), 0)
             FROM venue_presence_hourly),
          (SELECT count(*) FROM venues), (SELECT count(*) FROM venue_flags),
          (SELECT count(*) || ':' || coalesce(max(id), 0) FROM audit_log)) AS s`,
      );
      return row?.s ?? "";
    };
    fuzz = await createFuzzClient(() => h.t.app, state);
    bearers.owner = await h.official("owner", "venue_owner", "owner-1");
    bearers.other = await h.official("other", "venue_owner", "owner-2");
    bearers.officer = await h.official("officer", "health_authority", "79");
    bearers.hanoi = await h.official("hanoi", "health_authority", "01");
    bearers.province = await h.official("hcm", "province", "79");
    for (let i = 0; i < 2; i++) {
      const res = await h.register(bearers.owner, venueBody({ name: `Chợ số ${i + 1}` }));
      venues.push({ id: res.json().venue.id, code: res.json().tracingCode });
    }
    bearers.door = await h.official("door", "venue_owner", venues[0]?.id ?? "");
    for (const size of [2, 40, 300, 1024]) {
      sealedSamples.push(b64(sodium.crypto_box_seal(new Uint8Array(size).fill(123), pair.publicKey)));
    }
    // A flagged window with records in it, so releases return data too.
    const now = h.clock.now.getTime();
    for (const [hoursAgo, sealed] of [
      [5, sealedSamples[1]],
      [40, sealedSamples[2]],
    ] as const) {
      await h.t.app.inject({
        method: "POST",
        url: "/v1/checkin/assisted",
        headers: { authorization: `Bearer ${bearers.owner}`, "content-type": "application/json" },
        payload: JSON.stringify({
          venueId: venues[0]?.id,
          sealed,
          arrivedAt: new Date(now - hoursAgo * HOUR).toISOString(),
        }),
      });
    }
    const flag = await h.t.app.inject({
      method: "POST",
      url: `/v1/venues/${venues[0]?.id}/flags`,
      headers: { authorization: `Bearer ${bearers.officer}`, "content-type": "application/json" },
      payload: JSON.stringify({
        startsAt: new Date(now - 6 * HOUR).toISOString(),
        endsAt: new Date(now - 4 * HOUR).toISOString(),
      }),
    });
    expect(flag.statusCode, flag.body).toBe(201);
    await fuzz.resnapshot();
  });
  afterAll(() => h.close());

  it("never answers 5xx and changes nothing on rejection", async () => {
    const idArb = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...venues.map((v) => v.id)) },
      { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{22}$/) },
      { weight: 1, arbitrary: weirdJson },
    );
    const auth = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...Object.values(bearers)).map((b) => ({ bearer: b })) },
      { weight: 2, arbitrary: fc.constantFrom(...venues.map((v) => ({ code: v.code }))) },
      { weight: 1, arbitrary: printableToken.map((code) => ({ code })) },
      { weight: 1, arbitrary: printableToken.map((bearer) => ({ bearer })) },
      { weight: 1, arbitrary: fc.constant({}) },
    );
    const headersOf = (a: { bearer?: string; code?: string }): Record<string, string> => ({
      ...(a.bearer !== undefined ? { authorization: `Bearer ${a.bearer}` } : {}),
      ...(a.code !== undefined ? { "x-venue-tracing-code": a.code } : {}),
    });
    // Times relative to the (advancing) clock: minutes from 16 days back to 2 hours ahead.
    const minutes = fc.integer({ min: -16 * 24 * 60, max: 120 });
    const sealedArb = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...sealedSamples) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 1200 }).map(b64) },
      {
        weight: 1,
        arbitrary: fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b).toString("base64url")),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
      { weight: 1, arbitrary: weirdJson },
    );
    const field = <T>(valid: fc.Arbitrary<T>) =>
      fc.option(fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: weirdJson }), {
        nil: undefined,
        freq: 12,
      });

    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            venueId: field(idArb),
            sealed: field(sealedArb),
            arrived: field(minutes),
            stay: fc.option(fc.integer({ min: -60, max: 25 * 60 }), { nil: undefined }),
            arrivedText: fc.option(fc.string({ maxLength: 25 }), { nil: undefined, freq: 15 }),
          },
          { requiredKeys: [] },
        ),
        auth,
        fc.boolean(),
        fc.integer({ min: 0, max: 200_000 }),
        async (r, who, garble, advance) => {
          h.advance(advance);
          const now = h.clock.now.getTime();
          const body: Record<string, unknown> = { venueId: r.venueId, sealed: r.sealed };
          if (Number.isInteger(r.arrived) && Math.abs(r.arrived as number) < 1e7) {
            const arrived = r.arrived as number;
            body.arrivedAt = new Date(now + arrived * 60_000).toISOString();
            if (r.stay !== undefined) body.leftAt = new Date(now + (arrived + r.stay) * 60_000).toISOString();
          } else if (r.arrived !== undefined) body.arrivedAt = r.arrived;
          if (r.arrivedText !== undefined) body.arrivedAt = r.arrivedText;
          const payload = JSON.stringify(body);
          await fuzz.send(
            "store",
            {
              method: "POST",
              url: "/v1/checkin/assisted",
              headers: { "content-type": "application/json", ...headersOf(who) },
              payload: garble ? payload.slice(0, -2) : payload,
            },
            true,
          );
        },
      ),
      { numRuns: RUNS.store, endOnFailure: true },
    );

    const isoArb = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: -30 * 24, max: 48 }).map((hrs) => ({ hrs })) },
      { weight: 1, arbitrary: fc.string({ maxLength: 25 }).map((text) => ({ text })) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.option(idArb, { nil: undefined, freq: 15 }),
        isoArb,
        isoArb,
        auth,
        fc.option(fc.constantFrom("&x=1", "&from=2026-01-01T00:00:00Z", "&venueId="), {
          nil: undefined,
          freq: 8,
        }),
        async (venueId, from, to, who, extra) => {
          const now = h.clock.now.getTime();
          const text = (t: { hrs?: number; text?: string }) =>
            t.text ?? new Date(now + (t.hrs ?? 0) * HOUR).toISOString();
          const params = new URLSearchParams();
          if (venueId !== undefined)
            params.set("venueId", typeof venueId === "string" ? venueId : JSON.stringify(venueId));
          params.set("from", text(from));
          params.set("to", text(to));
          const res = await fuzz.send(
            "release",
            { method: "GET", url: `/v1/checkin/assisted?${params}${extra ?? ""}`, headers: headersOf(who) },
            true,
          );
          if (res.statusCode === 200) {
            for (const rec of res.json().records as { sealed: string }[]) {
              expect(
                sodium.crypto_box_seal_open(
                  Buffer.from(rec.sealed, "base64"),
                  pair.publicKey,
                  pair.privateKey,
                ),
              ).toBeInstanceOf(Uint8Array);
            }
          }
        },
      ),
      { numRuns: RUNS.release, endOnFailure: true },
    );

    await fc.assert(
      fc.asyncProperty(fc.constantFrom("", "?x=1", "/", "/../public-key", "x"), async (suffix) => {
        await fuzz.send(
          "key",
          { method: "GET", url: `/v1/checkin/assisted/public-key${suffix}`, headers: {} },
          false,
        );
      }),
      { numRuns: RUNS.key, endOnFailure: true },
    );

    expect(fuzz.total).toBeGreaterThanOrEqual(10_000);
    expect(fuzz.statuses("store")).toEqual(expect.arrayContaining([201, 400, 401, 403, 404]));
    expect(fuzz.statuses("release")).toEqual(expect.arrayContaining([200, 400, 401, 403, 404]));
    expect(fuzz.statuses("key")).toEqual(expect.arrayContaining([200, 404]));
  }, 900_000);
});
