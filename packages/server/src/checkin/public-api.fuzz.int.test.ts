// Fuzz of the check-in endpoints (register, list, get, poster ids, presence, occupancy, flags): >= 10,000 requests
// mixing garbage with near-valid bodies, ids, codes and dates. Every answer is 2xx or a 4xx problem+json,
// never 5xx; a rejected request (and any read) leaves the check-in tables as they were.
import { VENUE_CATEGORIES } from "@bluezone/protocol";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFuzzClient, type FuzzClient, printableToken, weird } from "../platform/fuzz.testutil.ts";
import {
  BA_DINH,
  BEN_THANH,
  type CheckinHarness,
  checkinState,
  createCheckinHarness,
  venueBody,
} from "./checkin.testutil.ts";

const RUNS = { register: 2200, presence: 3800, occupancy: 2000, read: 1400, flag: 800 };

describe("check-in endpoints under fuzzing", () => {
  let h: CheckinHarness;
  let fuzz: FuzzClient;
  const send: FuzzClient["send"] = (endpoint, req, writes) => fuzz.send(endpoint, req, writes);
  const venues: { id: string; code: string }[] = [];
  const bearers: Record<string, string> = {};
  const idArb = () =>
    fc.oneof(
      fc.constantFrom(...venues.map((v) => v.id)),
      fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      fc.string({ maxLength: 40 }).map(encodeURIComponent),
      fc.constantFrom("", "%00", "..%2F..", "A".repeat(99), "A".repeat(101)),
    );
  const bearerArb = () =>
    fc.oneof(fc.constantFrom(...Object.values(bearers)), printableToken, fc.constant(undefined));

  beforeAll(async () => {
    h = await createCheckinHarness();
    fuzz = await createFuzzClient(
      () => h.t.app,
      () => checkinState(h.t),
    );
    bearers.hcm = await h.official("hcm", "province", "79");
    bearers.hanoi = await h.official("hanoi", "province", "01");
    bearers.owner = await h.official("owner", "venue_owner", "venue-1");
    bearers.agency = await h.official("agency", "agency", "A1");
    bearers.officer = await h.official("officer", "health_authority", "79");
    for (const [bearer, commune] of [
      [bearers.hcm, BEN_THANH],
      [bearers.hanoi, BA_DINH],
      [bearers.owner, BEN_THANH],
    ] as const) {
      const res = await h.register(bearer, venueBody({ communeCode: commune }));
      venues.push({ id: res.json().venue.id, code: res.json().tracingCode });
    }
    await fuzz.resnapshot();
  });
  afterAll(() => h.close());

  it("never answers 5xx and changes nothing on rejection", async () => {
    const field = <T>(valid: fc.Arbitrary<T>) =>
      fc.option(fc.oneof(valid, weird), { nil: undefined, freq: 8 });
    const registerBody = fc.record(
      {
        name: field(fc.string({ minLength: 0, maxLength: 110 })),
        address: field(fc.string({ minLength: 0, maxLength: 110 })),
        communeCode: field(fc.constantFrom(BEN_THANH, BA_DINH, "79", "99999", "26743 ", "00000")),
        category: field(fc.constantFrom(...VENUE_CATEGORIES.map((c) => c.id), "casino")),
        defaultCheckInMinutes: field(fc.integer({ min: -5, max: 1500 })),
        startsAt: field(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
        endsAt: field(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
        extra: fc.option(weird, { nil: undefined, freq: 10 }),
      },
      { requiredKeys: [] },
    );
    const asJson = (body: unknown) =>
      fc.oneof(
        { weight: 9, arbitrary: fc.constant(JSON.stringify(body)) },
        { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
      );
    const auth = (bearer: string | undefined): Record<string, string> =>
      bearer === undefined ? {} : { authorization: `Bearer ${bearer}` };

    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(registerBody, fc.constant(venueBody()), weird)
          .chain((b) => fc.tuple(asJson(b), bearerArb())),
        async ([payload, bearer]) => {
          await send(
            "register",
            {
              method: "POST",
              url: "/v1/venues",
              headers: { "content-type": "application/json", ...auth(bearer) },
              payload,
            },
            true,
          );
        },
      ),
      { numRuns: RUNS.register },
    );

    await fc.assert(
      fc.asyncProperty(
        fc.record({
          venueId: fc.oneof(idArb(), weird),
          kind: fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom("enter", "exit") },
            { weight: 1, arbitrary: weird },
          ),
        }),
        fc.boolean(),
        fc.integer({ min: 0, max: 600_000 }), // ~14 days in all: sessions (30 d) stay valid
        async (body, garble, advance) => {
          h.advance(advance);
          const payload = garble ? JSON.stringify(body).slice(0, -1) : JSON.stringify(body);
          await send(
            "presence",
            { method: "POST", url: "/v1/presence", headers: { "content-type": "application/json" }, payload },
            true,
          );
        },
      ),
      { numRuns: RUNS.presence },
    );

    await fc.assert(
      fc.asyncProperty(
        idArb(),
        fc.oneof(fc.constantFrom(...venues.map((v) => v.code)), printableToken, fc.constant(undefined)),
        bearerArb(),
        fc.option(fc.oneof(fc.constantFrom("2026-05-10", "2026-02-30", "x"), fc.string({ maxLength: 12 })), {
          nil: undefined,
        }),
        async (id, code, bearer, date) => {
          const res = await send(
            "occupancy",
            {
              method: "GET",
              url: `/v1/venues/${id}/occupancy${date === undefined ? "" : `?date=${encodeURIComponent(date)}`}`,
              headers: { ...auth(bearer), ...(code === undefined ? {} : { "x-venue-tracing-code": code }) },
            },
            false,
          );
          if (res.statusCode === 200) expect(res.json().inside).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: RUNS.occupancy },
    );

    await fc.assert(
      fc.asyncProperty(
        idArb(),
        bearerArb(),
        fc.constantFrom("", "/sign.pdf?x=1", "/nope", "?limit=5", "/poster.pdf/../x"),
        fc.option(fc.constantFrom("?limit=0", "?limit=5&offset=1", "?offset=-1", "?limit=abc", "?x=1"), {
          nil: undefined,
        }),
        async (id, bearer, suffix, listQuery) => {
          // Poster rendering is slow: fuzz only ids that are not a readable venue of the caller.
          const url =
            listQuery !== undefined
              ? `/v1/venues${listQuery}`
              : `/v1/venues/${id}${suffix.startsWith("/sign") && bearer ? "x" : ""}${suffix}`;
          await send("read", { method: "GET", url, headers: auth(bearer) }, false);
        },
      ),
      { numRuns: RUNS.read },
    );

    const iso = fc
      .integer({ min: Date.parse("2026-04-01T00:00:00Z"), max: Date.parse("2026-07-01T00:00:00Z") })
      .map((ms) => new Date(ms).toISOString());
    await fc.assert(
      fc.asyncProperty(
        // Mostly the in-scope officer and venue, so accepted flags are frequent too.
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(venues[0]?.id ?? "") },
          { weight: 1, arbitrary: idArb() },
        ),
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(bearers.officer) },
          { weight: 1, arbitrary: bearerArb() },
        ),
        fc.record(
          {
            startsAt: field(iso),
            endsAt: field(iso),
            transmissionRiskLevel: field(fc.integer({ min: -1, max: 10 })),
          },
          { requiredKeys: [] },
        ),
        // A window near "now" (hours back, length in minutes), used instead of the random times half the time.
        fc.option(fc.tuple(fc.integer({ min: -2, max: 30 * 24 }), fc.integer({ min: -60, max: 26 * 60 })), {
          nil: undefined,
          freq: 2, // nil with probability 1/2
        }),
        async (id, bearer, random, near) => {
          const body: Record<string, unknown> = { ...random };
          if (near) {
            const start = h.clock.now.getTime() - (near[0] + 26) * 3_600_000;
            body.startsAt = new Date(start).toISOString();
            body.endsAt = new Date(start + near[1] * 60_000).toISOString();
          }
          await send(
            "flag",
            {
              method: "POST",
              url: `/v1/venues/${id}/flags`,
              headers: { "content-type": "application/json", ...auth(bearer) },
              payload: JSON.stringify(body),
            },
            true,
          );
        },
      ),
      { numRuns: RUNS.flag },
    );

    expect(fuzz.total).toBeGreaterThanOrEqual(10_000);
    // The fuzz reached both success and rejection on each endpoint.
    expect(fuzz.statuses("register")).toEqual(expect.arrayContaining([201, 400, 401, 403]));
    expect(fuzz.statuses("presence")).toEqual(expect.arrayContaining([204, 400, 404]));
    expect(fuzz.statuses("occupancy")).toEqual(expect.arrayContaining([200, 401, 404]));
    expect(fuzz.statuses("read")).toEqual(expect.arrayContaining([200, 404]));
    expect(fuzz.statuses("flag")).toEqual(expect.arrayContaining([201, 400, 403, 404]));
  });
});
